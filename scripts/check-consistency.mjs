// Fails when a package misses a piece every package of its kind has, or drifts from the shared
// build, exports and test configuration. Run by `pnpm test`; prints one line per problem,
// naming the package and the piece.
//
// - Every vendor (an API in redocly.yaml) has packages/<vendor> with: the shared manifest
//   fields (package-shape.mjs), testing/package.json, a tsconfig.json extending
//   tsconfig.base.json, a vitest config from vitest.shared.ts's vendorConfig (which starts the
//   Prism mock), src/index.ts, src/client.ts, src/errors.ts, src/testing.ts, its generated
//   types, the contract, fault, type and `testing` tests, README.md, the root LICENSE,
//   examples/demo.mjs (scripts/demo.mjs); and
//   outside its package: its spec, a limit in size-limits.json, bench/cases/<vendor>.mjs and its
//   rows in the root README's package, retry and rate-limit tables, and its entry in each table
//   that is written per vendor (VENDOR_TABLES).
// - Every other published library package (core, undici-fetch: public and exporting ".") has
//   the shared manifest fields, tsconfig, vitest config and LICENSE.
// - Every package with a tsconfig.json or vitest config builds on the shared one.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { isDeepStrictEqual } from "node:util";
import ts from "typescript";
import { parse } from "yaml";
import { legacyStub, sharedManifest, subpathsOf, VENDOR_SUBPATHS, vendorManifest } from "./package-shape.mjs";
import { apis, publicPackages, workspacePackages } from "./workspace.mjs";

const SHARED_TSCONFIG = "../../tsconfig.base.json";
const SHARED_VITEST = "../../vitest.shared.js";
/** Files every vendor package has, relative to its directory. */
const VENDOR_FILES = [
  "src/index.ts",
  "src/client.ts",
  "src/errors.ts",
  "src/testing.ts",
  "test/contract.test.ts",
  "test/faults.test.ts",
  "test/types.test-d.ts",
  "test/testing.test.ts",
  "examples/demo.mjs",
  "README.md",
];
/**
 * The root README's tables with a row per vendor: their header line, and what the first cell of
 * a vendor's row is. The package table links the package; the others name the vendor as its
 * spec's title begins ("Commerce Layer" for "Commerce Layer — update a customer").
 */
export const README_TABLES = [
  {
    name: "package",
    header: "| package | vendor endpoint | auth |",
    want: "a link to `@customer-clients/<vendor>`",
    matches: (cell, { vendor }) => cell.startsWith(`[\`@customer-clients/${vendor}\`](`),
  },
  {
    name: "retry",
    header: "| vendor | operation | idempotent | retried by default |",
    want: "the start of its spec's title",
    matches: (cell, { title }) => cell !== "" && title.startsWith(cell),
  },
  {
    name: "rate-limit",
    header: "| vendor | documented limit | scope |",
    want: "the start of its spec's title",
    matches: (cell, { title }) => cell !== "" && title.startsWith(cell),
  },
];

/**
 * Tables written by hand with an entry per vendor, as what they say is not in the spec or the
 * vendor's package: the object literal declared as `name` in `file`, keyed by vendor.
 */
export const VENDOR_TABLES = [
  {
    file: "scripts/code-samples.mjs",
    name: "CLIENTS",
    what: "how the docs' TypeScript sample creates its client and calls each operation",
  },
  {
    file: "runtime-matrix/scenario.mjs",
    name: "VENDORS",
    what: "the runtime matrix's client, its valid and invalid call, and the credentials errors must not show",
  },
  {
    file: "packages/cli/src/vendors.ts",
    name: "vendors",
    what: "what `sync` reads from its settings and how a row becomes its bulk method's input",
  },
];

/** The object literal declared as `name` in TypeScript or JavaScript `text`, or undefined. */
export function declaredObject(file, text, name) {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest);
  let found;
  const visit = (node) => {
    if (
      ts.isVariableDeclaration(node) &&
      ts.isIdentifier(node.name) &&
      node.name.text === name &&
      node.initializer &&
      ts.isObjectLiteralExpression(node.initializer)
    ) {
      found = node.initializer;
    } else ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** The keys of the object literal declared as `name` in `text`, or undefined. */
function declaredKeys(file, text, name) {
  return declaredObject(file, text, name)
    ?.properties.map((property) => property.name?.text)
    .filter(Boolean);
}

/** Every problem found in the workspace at `root`, as `"<package>: <what is wrong>"`. */
export function checkConsistency(root = ".") {
  const problems = [];
  const read = (file) => readFileSync(join(root, file), "utf8");
  const exists = (file) => existsSync(join(root, file));
  const license = exists("LICENSE") ? read("LICENSE") : undefined;
  const readme = exists("README.md") ? read("README.md") : "";
  const sizeLimits = exists("size-limits.json") ? JSON.parse(read("size-limits.json")).limits : {};
  const tables = VENDOR_TABLES.map((table) => ({
    ...table,
    keys: exists(table.file) ? declaredKeys(table.file, read(table.file), table.name) : undefined,
  }));
  for (const table of tables.filter((table) => table.keys === undefined))
    problems.push(`${table.file}: no object literal \`${table.name}\` keyed by vendor (${table.what})`);

  /** The manifest fields of packages/<dir> that differ from `expected`. */
  function checkManifest(who, dir, expected) {
    const manifest = JSON.parse(read(`${dir}/package.json`));
    if (manifest.name !== `@customer-clients/${who}`)
      problems.push(`${who}: package.json "name" is ${JSON.stringify(manifest.name)}, not "@customer-clients/${who}"`);
    for (const [field, value] of Object.entries(expected)) {
      if (!isDeepStrictEqual(manifest[field], value)) {
        problems.push(
          `${who}: package.json "${field}" drifts from the shared one (scripts/package-shape.mjs): expected ${JSON.stringify(value)}, found ${JSON.stringify(manifest[field])}`,
        );
      }
    }
  }

  /** A tsconfig.json extending the shared one, and a vitest config built on the shared one. */
  function checkConfigs(who, dir, { vitestExport }) {
    if (exists(`${dir}/tsconfig.json`)) {
      const { config, error } = ts.parseConfigFileTextToJson("tsconfig.json", read(`${dir}/tsconfig.json`));
      if (error)
        problems.push(
          `${who}: tsconfig.json does not parse: ${ts.flattenDiagnosticMessageText(error.messageText, "\n")}`,
        );
      else if (config.extends !== SHARED_TSCONFIG)
        problems.push(`${who}: tsconfig.json does not extend ${SHARED_TSCONFIG}`);
    } else if (vitestExport) {
      problems.push(`${who}: tsconfig.json is missing`);
    }
    if (exists(`${dir}/vitest.config.ts`)) {
      const text = read(`${dir}/vitest.config.ts`);
      if (!text.includes(`from "${SHARED_VITEST}"`))
        problems.push(`${who}: vitest.config.ts does not build on ${SHARED_VITEST.slice(6)}`);
      else if (vitestExport && !new RegExp(`\\b${vitestExport}\\b`).test(text))
        problems.push(`${who}: vitest.config.ts does not use ${vitestExport} from vitest.shared.ts`);
    } else if (vitestExport) {
      problems.push(`${who}: vitest.config.ts is missing`);
    }
  }

  function checkLicense(who, dir) {
    if (!exists(`${dir}/LICENSE`)) problems.push(`${who}: LICENSE is missing`);
    else if (read(`${dir}/LICENSE`) !== license) problems.push(`${who}: LICENSE differs from the root LICENSE`);
  }

  const vendorApis = apis(root);
  for (const [vendor, api] of Object.entries(vendorApis)) {
    const dir = `packages/${vendor}`;
    if (!exists(`${dir}/package.json`)) {
      problems.push(`${vendor}: ${dir}/package.json is missing (every API in redocly.yaml has a package ${dir})`);
      continue;
    }
    checkManifest(vendor, dir, vendorManifest(vendor));
    for (const subpath of VENDOR_SUBPATHS.filter((subpath) => subpath !== ".")) {
      const stub = `${subpath.slice(2)}/package.json`;
      if (!exists(`${dir}/${stub}`)) problems.push(`${vendor}: ${stub} is missing`);
      else if (!isDeepStrictEqual(JSON.parse(read(`${dir}/${stub}`)), legacyStub(subpath)))
        problems.push(`${vendor}: ${stub} drifts from the shared one (scripts/package-shape.mjs)`);
    }
    checkConfigs(vendor, dir, { vitestExport: "vendorConfig" });
    checkLicense(vendor, dir);
    for (const file of VENDOR_FILES) if (!exists(`${dir}/${file}`)) problems.push(`${vendor}: ${file} is missing`);
    const generated = api["x-openapi-ts"]?.output;
    if (!generated?.startsWith(`${dir}/src/generated/`))
      problems.push(`${vendor}: redocly.yaml's x-openapi-ts.output is not under ${dir}/src/generated/`);
    else if (!exists(generated)) problems.push(`${vendor}: ${generated} is missing (run \`pnpm generate\`)`);

    if (!exists(api.root)) {
      problems.push(`${vendor}: its spec ${api.root} is missing`);
      continue;
    }
    if (typeof sizeLimits[vendor] !== "number") problems.push(`${vendor}: size-limits.json has no limit for it`);
    const benchCase = `bench/cases/${vendor}.mjs`;
    if (!exists(benchCase)) problems.push(`${vendor}: ${benchCase} is missing`);
    else if (!read(benchCase).includes(`vendor: "${vendor}"`))
      problems.push(`${vendor}: ${benchCase} does not say vendor: "${vendor}"`);
    for (const table of tables.filter((table) => table.keys && !table.keys.includes(vendor)))
      problems.push(`${vendor}: ${table.file} has no entry for it in ${table.name} (${table.what})`);
    const title = String(parse(read(api.root)).info?.title ?? "");
    for (const table of README_TABLES) {
      const firstCells = tableRows(readme, table.header).map((line) => line.split("|")[1].trim());
      if (!firstCells.some((cell) => table.matches(cell, { vendor, title }))) {
        problems.push(
          `${vendor}: the root README's ${table.name} table ("${table.header}") has no row for it (first cell: ${table.want})`,
        );
      }
    }
  }

  const publicNames = new Set(publicPackages(root).map((pkg) => pkg.name));
  for (const { dir, name, manifest } of workspacePackages(root)) {
    const who = dir.slice("packages/".length);
    if (who in vendorApis) continue;
    const library = publicNames.has(name) && subpathsOf(manifest).includes(".");
    if (library) {
      checkManifest(who, dir, sharedManifest(who, subpathsOf(manifest)));
      checkLicense(who, dir);
    }
    checkConfigs(who, dir, { vitestExport: library ? "default" : undefined });
  }
  return problems;
}

/** The lines of the Markdown table under `header`, without its header and separator lines. */
function tableRows(markdown, header) {
  const lines = markdown.split("\n");
  const start = lines.indexOf(header);
  if (start < 0) return [];
  const end = lines.findIndex((line, index) => index > start && !line.startsWith("|"));
  return lines.slice(start + 2, end < 0 ? undefined : end);
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const problems = checkConsistency();
  if (problems.length) {
    console.error(
      `Packages that drift from the shared shape (${problems.length}):\n${problems.map((problem) => `  ${problem}`).join("\n")}`,
    );
    process.exit(1);
  }
  console.log(
    `consistency: ${Object.keys(apis()).length} vendors and every library package have every piece and the shared build, exports and test configuration.`,
  );
}
