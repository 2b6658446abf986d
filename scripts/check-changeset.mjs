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
// - A change to a vendor's spec (its own files or a shared file it refers to) that breaks a
//   client generated from it (see spec-diff.mjs) needs a `major` changeset for the vendor's
//   package and the specs package; an empty changeset does not excuse it.
import { execFileSync } from "node:child_process";
import { parseArgs } from "node:util";
import { parse } from "yaml";
import { diffSpecs, loadSpec } from "./spec-diff.mjs";
import { apis, publicPackages, vendors } from "./workspace.mjs";

const { values } = parseArgs({ options: { base: { type: "string" } } });
if (!values.base) {
  console.error("usage: node scripts/check-changeset.mjs --base <git ref>");
  process.exit(2);
}
const git = (...args) => execFileSync("git", args, { encoding: "utf8" });
/** Files changed since the branch left the base; `filter` is git's --diff-filter (A added, M modified...). */
const changedFiles = (filter = "ACDMRT") =>
  git("diff", "--name-only", "--no-renames", `--diff-filter=${filter}`, `${values.base}...HEAD`)
    .split("\n")
    .filter(Boolean);

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

/** The packages a changeset names with their bump (major, minor, patch), from its front matter. */
function bumpsIn(file) {
  const frontMatter = /^---\n([\s\S]*?)\n?---/.exec(git("show", `HEAD:${file}`));
  if (!frontMatter) throw new Error(`${file} is not a changeset: it has no front matter`);
  return Object.entries(parse(frontMatter[1]) ?? {});
}
/** The packages a changeset names; [] for an empty changeset. */
const packagesNamedIn = (file) => bumpsIn(file).map(([name]) => name);

const needed = new Map();
for (const file of changedFiles()) {
  for (const name of packagesFor(file)) needed.set(name, [...(needed.get(name) ?? []), file]);
}

const changesets = changedFiles("AM").filter(
  (file) => /^\.changeset\/[^/]+\.md$/.test(file) && !file.endsWith("README.md"),
);
const named = new Set(changesets.flatMap(packagesNamedIn));
const emptyChangeset = changesets.some((file) => packagesNamedIn(file).length === 0);

/** The breaking changes in each vendor's spec since the branch left the base, by vendor. */
async function breakingSpecChanges() {
  const changedSpecs = changedFiles().filter((file) => file.startsWith("specs/"));
  if (changedSpecs.length === 0) return [];
  const since = git("merge-base", values.base, "HEAD").trim();
  const readAt = (ref) => (path) => git("show", `${ref}:${path}`);
  const exists = (ref, path) => git("ls-tree", "--name-only", ref, "--", path).trim() !== "";
  const found = [];
  for (const [vendor, api] of Object.entries(apis())) {
    if (!exists(since, api.root)) continue; // a new spec breaks no one
    const before = await loadSpec(api.root, readAt(since));
    const changes = exists("HEAD", api.root)
      ? diffSpecs(before, await loadSpec(api.root, readAt("HEAD")))
      : [{ breaking: true, where: api.root, change: "spec removed" }];
    const breaking = changes.filter((change) => change.breaking);
    if (breaking.length) found.push({ vendor, breaking });
  }
  return found;
}

const majors = new Set(
  changesets.flatMap((file) =>
    bumpsIn(file)
      .filter(([, bump]) => bump === "major")
      .map(([name]) => name),
  ),
);
let failed = false;
for (const { vendor, breaking } of await breakingSpecChanges()) {
  const owners = [packageIn.get(`packages/${vendor}`), packageIn.get("packages/specs")].filter(Boolean);
  const withoutMajor = owners.filter((name) => !majors.has(name));
  const list = breaking.map((change) => `    ${change.where}: ${change.change}`).join("\n");
  if (withoutMajor.length === 0) {
    console.log(`Breaking changes to the ${vendor} spec, released as major for ${owners.join(", ")}:\n${list}`);
  } else {
    console.error(`Breaking changes to the ${vendor} spec for a client generated from it:\n${list}`);
    console.error(
      `  These need a major changeset for ${withoutMajor.join(", ")} (or a spec change that keeps old clients working).`,
    );
    failed = true;
  }
}

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
if (failed) process.exit(1);
