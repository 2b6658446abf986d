// `pnpm new-vendor <name> [--spec <path/to/openapi.yaml>]`: scaffolds a complete vendor package
// from an OpenAPI 3.x spec, then installs, generates, builds and measures it.
//
// Writes specs/<name>/openapi.yaml (a copy of --spec), its entry in redocly.yaml, packages/<name>
// (client, mocks, tests, README, demo), bench/cases/<name>.mjs, a changeset, its rows in the root
// README's tables, a refused body for the generator matrix, its entries in the tables written per
// vendor (the docs' code samples, the runtime matrix, the CLI), and its size limits once built. The
// package's manifest, tsconfig, vitest config and `testing` stub are copied from the shared
// configuration, so a new vendor cannot start out drifting from the others.
//
// `--no-build` stops after writing the files (no install, generation, build or measurement).
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { pathToFileURL } from "node:url";
import { parse, parseDocument } from "yaml";
import { README_TABLES, VENDOR_TABLES, declaredObject } from "./check-consistency.mjs";
import { SpecError, describeLimits, describeVendor } from "./vendor-spec.mjs";
import { readmeRows, tableEntries, vendorFiles } from "./vendor-template.mjs";
import { apis } from "./workspace.mjs";

/** The vendor package whose dependencies, tsconfig and vitest config a new vendor copies. */
const REFERENCE_VENDOR = "xtrakit";
const GENERATOR_MATRIX_TEST = "packages/generator-matrix/test/matrix.test.ts";

/**
 * What every vendor package shares, from the workspace at `root`: the manifest fields and the
 * `testing` stub from scripts/package-shape.mjs, the reference vendor's dependencies, tsconfig
 * and vitest config, and the root LICENSE.
 */
export async function sharedFiles(root, v) {
  const read = (file) => readFileSync(join(root, file), "utf8");
  const reference = `packages/${REFERENCE_VENDOR}`;
  const referenceManifest = JSON.parse(read(`${reference}/package.json`));
  const own = {
    name: `@customer-clients/${v.vendor}`,
    version: "0.0.0",
    description: `Typed client for ${v.display}'s API, generated from its OpenAPI contract.`,
  };
  const devDependencies = Object.fromEntries(
    Object.entries(referenceManifest.devDependencies ?? {}).filter(
      ([name]) => name.startsWith("@customer-clients/") || name === "msw" || name === "openapi-msw",
    ),
  );
  const dependencies = { "@customer-clients/core": referenceManifest.dependencies["@customer-clients/core"] };
  const { legacyStub, vendorManifest } = await import(pathToFileURL(resolve(root, "scripts/package-shape.mjs")).href);
  const { peerDependencies, peerDependenciesMeta, ...fields } = vendorManifest(v.vendor);
  const manifest = { ...own, ...fields, dependencies, peerDependencies, peerDependenciesMeta, devDependencies };
  const testingStub = `${JSON.stringify(legacyStub("./testing"), null, 2)}\n`;
  const copied = (file) => {
    const text = read(`${reference}/${file}`);
    if (text.toLowerCase().includes(REFERENCE_VENDOR))
      throw new Error(`${reference}/${file} names its vendor; it is no longer shared configuration to copy`);
    return text;
  };
  return {
    manifest,
    testingStub,
    tsconfig: copied("tsconfig.json"),
    vitestConfig: copied("vitest.config.ts"),
    license: read("LICENSE"),
  };
}

/** redocly.yaml with the vendor's API appended, comments and layout kept. */
export function withApi(redoclyYaml, vendor) {
  const document = parseDocument(redoclyYaml);
  document.setIn(["apis", vendor], {
    root: `specs/${vendor}/openapi.yaml`,
    output: `packages/specs/dist/${vendor}.yaml`,
    "x-openapi-ts": { output: `packages/${vendor}/src/generated/openapi.ts` },
  });
  return document.toString({ lineWidth: 0 });
}

/** The README with `rows` (by README_TABLES' names) appended to their tables (the package row before core's). */
export function withReadmeRows(readme, rows) {
  const lines = readme.split("\n");
  for (const [table, row] of Object.entries(rows)) {
    const { header } = README_TABLES.find(({ name }) => name === table);
    const start = lines.indexOf(header);
    if (start < 0) throw new Error(`README.md has no table "${header}"`);
    let end = start + 2;
    while (end < lines.length && lines[end].startsWith("|")) end++;
    // Library rows (core) close the package table; vendors come before them.
    let at = end;
    if (table === "package") while (at > start + 2 && !lines[at - 1].startsWith("| [")) at--;
    lines.splice(at, 0, row);
  }
  return lines.join("\n");
}

/** `source` with `entry` added as the last entry of its table `const <name> = {` ... `};`, or undefined when it has none. */
export function withTableEntry(source, name, entry) {
  const table = declaredObject("table.ts", source, name);
  if (!table) return undefined;
  // Before the line of the closing brace, so that the entry ends the table.
  const at = source.lastIndexOf("\n", table.end - 1) + 1;
  return `${source.slice(0, at)}${entry}\n${source.slice(at)}`;
}

/** The generator matrix's table of refused bodies with a row for the vendor, or undefined when none can be derived. */
export function withRefusedBody(matrixTest, v) {
  const op = v.bulk;
  if (!op.bodyRef || op.bodyRequiredFields.length === 0) return undefined;
  return withTableEntry(
    matrixTest,
    "REFUSED",
    `  ${v.vendor}: { schemaName: ${JSON.stringify(op.bodyRef)}, operationId: ${JSON.stringify(op.name)}, value: {} },`,
  );
}

/** `source` with `statement` among its imports of packages, in the order of their module names. */
export function withImport(source, statement) {
  const moduleOf = (text) => /from "([^"]+)";$/.exec(text)?.[1];
  const module = moduleOf(statement);
  const lines = source.split("\n");
  // Each import statement's first line and module; a statement may span several lines.
  const imports = [];
  for (let i = 0, first = -1; i < lines.length; i++) {
    if (lines[i].startsWith("import ")) first = i;
    const from = first >= 0 ? moduleOf(lines[i]) : undefined;
    if (from === undefined) continue;
    imports.push({ first, after: i + 1, from });
    first = -1;
  }
  const packages = imports.filter(({ from }) => !from.startsWith("."));
  const next = packages.find(({ from }) => from > module);
  lines.splice(next?.first ?? packages.at(-1)?.after ?? 0, 0, statement);
  return lines.join("\n");
}

/** A package.json with `name` as a workspace dependency, the dependencies in name order. */
export function withWorkspaceDependency(manifestJson, name) {
  const manifest = JSON.parse(manifestJson);
  manifest.dependencies = Object.fromEntries(
    Object.entries({ ...manifest.dependencies, [name]: "workspace:*" }).sort(([a], [b]) => a.localeCompare(b)),
  );
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

/** size-limits.json with the measured sizes plus 1 % as the vendor's limits. */
export function withSizeLimits(sizeLimitsJson, sizes) {
  const config = JSON.parse(sizeLimitsJson);
  for (const { name, gzip } of sizes) config.limits[name] = Math.ceil(gzip * 1.01);
  return `${JSON.stringify(config, null, 2)}\n`;
}

/**
 * Writes the vendor's files into the workspace at `root` and edits the shared ones. Returns the
 * description read from the spec and the paths created and edited. Refuses to overwrite.
 */
export async function scaffold({ root = ".", vendor, spec }) {
  const at = (file) => join(root, file);
  const specPath = `specs/${vendor}/openapi.yaml`;
  if (vendor in apis(root)) throw new SpecError(`redocly.yaml already lists "${vendor}"`);
  if (existsSync(at(`packages/${vendor}`))) throw new SpecError(`packages/${vendor} already exists`);
  const source = spec ?? at(specPath);
  if (!existsSync(source))
    throw new SpecError(`no spec: pass --spec <path/to/openapi.yaml>, or write ${specPath} first`);
  const v = describeVendor(vendor, parse(readFileSync(source, "utf8")));

  const created = [];
  const edited = [];
  if (resolve(source) !== resolve(at(specPath))) {
    mkdirSync(dirname(at(specPath)), { recursive: true });
    copyFileSync(source, at(specPath));
    created.push(specPath);
  }
  const files = vendorFiles(v, await sharedFiles(root, v));
  for (const file of Object.keys(files)) if (existsSync(at(file))) throw new SpecError(`${file} already exists`);
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(dirname(at(file)), { recursive: true });
    writeFileSync(at(file), text);
    created.push(file);
  }

  const edit = (file, change) => {
    if (!existsSync(at(file))) return;
    const after = change(readFileSync(at(file), "utf8"));
    if (after === undefined) return;
    writeFileSync(at(file), after);
    edited.push(file);
  };
  edit("redocly.yaml", (text) => withApi(text, vendor));
  edit("README.md", (text) =>
    withReadmeRows(
      text,
      readmeRows(v, describeLimits(v.operations.find((op) => op.name === v.rateLimited)?.rateLimits)),
    ),
  );
  edit(GENERATOR_MATRIX_TEST, (text) => withRefusedBody(text, v));
  const entries = tableEntries(v);
  for (const { file, name } of VENDOR_TABLES) {
    const { entry, importStatement } = entries[name];
    edit(file, (text) => withTableEntry(importStatement ? withImport(text, importStatement) : text, name, entry));
  }
  edit("packages/cli/package.json", (text) => withWorkspaceDependency(text, `@customer-clients/${vendor}`));
  return { v, created, edited };
}

/** The vendor's two sizes as scripts/check-size.mjs measures them (measurePackages, measureCalls), without needing every other package built. */
export async function measureVendor(root, vendor) {
  const { bundle } = await import("./bundle-size.mjs");
  const dir = resolve(root, "packages", vendor);
  const { default: benchCase } = await import(pathToFileURL(resolve(root, "bench/cases", `${vendor}.mjs`)).href);
  const call = `${benchCase.typecheck.imports}\nexport async function run() {${benchCase.typecheck.client}}\n`;
  return [
    { name: vendor, ...(await bundle(`export * from ${JSON.stringify(join(dir, "dist/index.js"))};`, dir)) },
    { name: `${vendor} call`, ...(await bundle(call, dir, { loader: "ts" })) },
  ];
}

function run(command, args, root) {
  console.log(`\n$ ${[command, ...args].join(" ")}`);
  execFileSync(command, args, {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, TURBO_TELEMETRY_DISABLED: "1", TURBO_NO_UPDATE_NOTIFIER: "1" },
  });
}

async function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      spec: { type: "string" },
      "no-build": { type: "boolean", default: false },
      help: { type: "boolean", short: "h" },
    },
  });
  const [vendor] = positionals;
  if (values.help || !vendor || positionals.length > 1) {
    console.log("usage: pnpm new-vendor <name> [--spec <path/to/openapi.yaml>] [--no-build]");
    process.exit(values.help ? 0 : 1);
  }
  const root = ".";
  let result;
  try {
    result = await scaffold({ root, vendor, spec: values.spec });
  } catch (error) {
    if (!(error instanceof SpecError)) throw error;
    console.error(`new-vendor: ${error.message}`);
    process.exit(1);
  }
  const { v, created, edited } = result;
  console.log(
    `new-vendor: ${v.display} (${v.auth.kind} auth, ${v.operations.length} operation(s): ${v.operations.map((op) => op.name).join(", ")})`,
  );
  console.log(`created ${created.length} files:\n${created.map((file) => `  ${file}`).join("\n")}`);
  console.log(`edited:\n${edited.map((file) => `  ${file}`).join("\n")}`);

  if (!values["no-build"]) {
    run("pnpm", ["install", "--reporter=silent"], root);
    run("pnpm", ["generate"], root);
    if (existsSync(join(root, "node_modules/.bin/biome")))
      run(
        "pnpm",
        [
          "exec",
          "biome",
          "format",
          "--write",
          ...[...created, ...edited].filter((file) => /\.(m?js|ts|json)$/.test(file)),
        ],
        root,
      );
    run(
      "pnpm",
      ["exec", "turbo", "run", "build", `--filter=@customer-clients/${vendor}`, "--output-logs=errors-only"],
      root,
    );
    const sizes = await measureVendor(root, vendor);
    writeFileSync(
      join(root, "size-limits.json"),
      withSizeLimits(readFileSync(join(root, "size-limits.json"), "utf8"), sizes),
    );
    console.log(
      `\nsize limits (measured + 1 %): ${sizes.map(({ name, gzip }) => `${name} ${gzip} B -> ${Math.ceil(gzip * 1.01)} B`).join(", ")}`,
    );
  }

  console.log(`
Next:
  pnpm test                                   the whole suite, now with ${vendor}
  pnpm --filter @customer-clients/${vendor} test   its contract, fault, type and mocks tests
  packages/${vendor}/src/errors.ts            parseErrorBody reads common error fields: match it to ${v.display}'s error bodies
  packages/${vendor}/src/client.ts            a friendlier input than the spec's parts, if callers need one (and the
                                              entries in scripts/code-samples.mjs, runtime-matrix/scenario.mjs and
                                              packages/cli/src/vendors.ts that call it)
  packages/${v.vendor}/README.md, .changeset/${vendor}-client.md   say what is particular to ${v.display}
  git add -A && git commit`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
