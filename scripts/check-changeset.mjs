// Fails when the commits since a base ref change a published package, or a spec, without a
// changeset that names the package. What pull-request CI runs:
//
//   node scripts/check-changeset.mjs --base origin/main
//
// - A file in a public package's directory (outside its test/ folder) needs that package.
// - specs/<vendor>/** needs the vendor's package and the specs package (packages/specs), which
//   ships the bundle; any other file under specs/ (shared schemas) needs every vendor's package
//   and the specs package.
// - A new or edited .changeset/*.md names packages in its front matter. An empty changeset
//   (`pnpm changeset --empty`) says on purpose that the change releases nothing.
import { execFileSync } from "node:child_process";
import { parseArgs } from "node:util";
import { parse } from "yaml";
import { publicPackages, vendors } from "./workspace.mjs";

const { values } = parseArgs({ options: { base: { type: "string" } } });
if (!values.base) {
  console.error("usage: node scripts/check-changeset.mjs --base <git ref>");
  process.exit(2);
}
const git = (...args) => execFileSync("git", args, { encoding: "utf8" });
/** Files changed since the branch left the base; `filter` is git's --diff-filter (A added, M modified...). */
const changedFiles = (filter = "ACDMRT") =>
  git("diff", "--name-only", "--no-renames", `--diff-filter=${filter}`, `${values.base}...HEAD`).split("\n").filter(Boolean);

const packageIn = new Map(publicPackages().map((pkg) => [pkg.dir, pkg.name]));
const vendorNames = vendors();
const vendorPackages = vendorNames.map((vendor) => packageIn.get(`packages/${vendor}`)).filter(Boolean);

/** The published packages a changed file belongs to. */
function packagesFor(file) {
  const [top, second, third] = file.split("/");
  if (top === "packages") {
    const name = packageIn.get(`${top}/${second}`);
    return name && third !== "test" ? [name] : [];
  }
  if (top === "specs") {
    const ownSpec = third !== undefined && vendorNames.includes(second);
    const owners = ownSpec ? [packageIn.get(`packages/${second}`)] : vendorPackages;
    return [...owners, packageIn.get("packages/specs")].filter(Boolean);
  }
  return [];
}

/** The packages a changeset names, from its front matter; [] for an empty changeset. */
function packagesNamedIn(file) {
  const frontMatter = /^---\n([\s\S]*?)\n?---/.exec(git("show", `HEAD:${file}`));
  if (!frontMatter) throw new Error(`${file} is not a changeset: it has no front matter`);
  return Object.keys(parse(frontMatter[1]) ?? {});
}

const needed = new Map();
for (const file of changedFiles()) {
  for (const name of packagesFor(file)) needed.set(name, [...(needed.get(name) ?? []), file]);
}

const changesets = changedFiles("AM").filter((file) => /^\.changeset\/[^/]+\.md$/.test(file) && !file.endsWith("README.md"));
const named = new Set(changesets.flatMap(packagesNamedIn));
const emptyChangeset = changesets.some((file) => packagesNamedIn(file).length === 0);

const missing = [...needed].filter(([name]) => !named.has(name));
if (missing.length === 0) {
  console.log(`Changesets since ${values.base} cover every changed package (${needed.size}).`);
} else if (emptyChangeset) {
  console.log(`An empty changeset says these changes release nothing: ${missing.map(([name]) => name).join(", ")}.`);
} else {
  console.error(`Changed since ${values.base} with no changeset naming the package:`);
  for (const [name, files] of missing) console.error(`  ${name}: ${files.join(", ")}`);
  console.error("Run `pnpm changeset`, pick these packages and commit the file it writes.");
  process.exit(1);
}
