// check-consistency.mjs against a throwaway workspace with one complete vendor, "acme", which
// each case then breaks in one way.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { checkConsistency } from "../check-consistency.mjs";
import { legacyStub, sharedManifest, vendorManifest } from "../package-shape.mjs";
import { tempTree } from "./temp-tree.js";

const SCRIPT = fileURLToPath(new URL("../check-consistency.mjs", import.meta.url));
const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
const README = `# fixture

| package | vendor endpoint | auth |
| --- | --- | --- |
| [\`@customer-clients/acme\`](packages/acme) | \`PUT /customers/{id}\` | bearer |

| vendor | operation | idempotent | retried by default |
| --- | --- | --- | --- |
| Acme | \`PUT /customers/{id}\` | yes | everything |

| vendor | documented limit | scope |
| --- | --- | --- |
| Acme | none | |
`;
const FIXTURE: Record<string, string> = {
  LICENSE: "MIT License\n",
  "README.md": README,
  "redocly.yaml":
    "apis:\n  acme:\n    root: specs/acme/openapi.yaml\n    x-openapi-ts:\n      output: packages/acme/src/generated/openapi.ts\n",
  "specs/acme/openapi.yaml": "openapi: 3.1.0\ninfo:\n  title: Acme CRM — update a customer\n  version: '1'\n",
  "size-limits.json": json({ limits: { core: 1000, acme: 2000 } }),
  "bench/cases/acme.mjs": 'export default { vendor: "acme" };\n',
  "packages/core/package.json": json({
    name: "@customer-clients/core",
    version: "0.1.0",
    ...sharedManifest("core", ["."]),
  }),
  "packages/core/LICENSE": "MIT License\n",
  "packages/core/tsconfig.json": '{ "extends": "../../tsconfig.base.json" }\n',
  "packages/core/vitest.config.ts": 'export { default } from "../../vitest.shared.js";\n',
  "packages/test-utils/package.json": json({ name: "@customer-clients/test-utils", private: true }),
  "packages/acme/package.json": json({ name: "@customer-clients/acme", version: "0.1.0", ...vendorManifest("acme") }),
  "packages/acme/testing/package.json": json(legacyStub("./testing")),
  "packages/acme/LICENSE": "MIT License\n",
  // A comment, as TypeScript allows in a tsconfig.
  "packages/acme/tsconfig.json": '{\n  // shared\n  "extends": "../../tsconfig.base.json"\n}\n',
  "packages/acme/vitest.config.ts": 'export { vendorConfig as default } from "../../vitest.shared.js";\n',
  "packages/acme/README.md": "# acme\n",
  "packages/acme/src/index.ts": "export {};\n",
  "packages/acme/src/client.ts": "export {};\n",
  "packages/acme/src/errors.ts": "export {};\n",
  "packages/acme/src/testing.ts": "export {};\n",
  "packages/acme/src/generated/openapi.ts": "export {};\n",
  "packages/acme/test/contract.test.ts": "",
  "packages/acme/test/faults.test.ts": "",
  "packages/acme/test/types.test-d.ts": "",
  "packages/acme/test/testing.test.ts": "",
  "packages/acme/examples/demo.mjs": "",
  "scripts/code-samples.mjs": 'const CLIENTS = {\n  acme: { factory: "createAcmeClient" },\n};\n',
  "runtime-matrix/scenario.mjs": "const VENDORS = {\n  acme: { secrets: [] },\n};\n",
  "packages/cli/src/vendors.ts": "export const vendors: Record<string, Vendor> = {\n  acme: { batches: false },\n};\n",
};

/** A workspace with the fixture, then `change` applied: a file's new text, or null to delete it. */
function workspace(change: Record<string, string | null> = {}) {
  return tempTree("check-consistency-", { ...FIXTURE, ...change });
}

/** The fixture's file `file`, parsed as JSON, with `edit` applied. */
function editJson(file: string, edit: (value: any) => void) {
  const value = JSON.parse(FIXTURE[file]!);
  edit(value);
  return { [file]: json(value) };
}

describe("check-consistency", () => {
  it("finds nothing wrong with a complete vendor and core", () => {
    expect(checkConsistency(workspace())).toEqual([]);
  });

  it.each<[string, Record<string, string | null>, string]>([
    ["a missing test file", { "packages/acme/test/faults.test.ts": null }, "acme: test/faults.test.ts is missing"],
    ["a missing testing entry", { "packages/acme/src/testing.ts": null }, "acme: src/testing.ts is missing"],
    ["no demo", { "packages/acme/examples/demo.mjs": null }, "acme: examples/demo.mjs is missing"],
    ["no LICENSE", { "packages/acme/LICENSE": null }, "acme: LICENSE is missing"],
    ["another LICENSE", { "packages/acme/LICENSE": "ISC\n" }, "acme: LICENSE differs from the root LICENSE"],
    [
      "no generated types",
      { "packages/acme/src/generated/openapi.ts": null },
      "acme: packages/acme/src/generated/openapi.ts is missing (run `pnpm generate`)",
    ],
    [
      "a build script of its own",
      editJson("packages/acme/package.json", (manifest) => {
        manifest.scripts.build = "tsup src/index.ts --format esm";
      }),
      'acme: package.json "scripts" drifts from the shared one (scripts/package-shape.mjs)',
    ],
    [
      "no testing export",
      editJson("packages/acme/package.json", (manifest) => {
        delete manifest.exports["./testing"];
      }),
      'acme: package.json "exports" drifts from the shared one',
    ],
    [
      "side effects",
      editJson("packages/acme/package.json", (manifest) => {
        manifest.sideEffects = true;
      }),
      'acme: package.json "sideEffects" drifts from the shared one',
    ],
    [
      "a package name that is not its directory's",
      editJson("packages/acme/package.json", (manifest) => {
        manifest.name = "acme-client";
      }),
      'acme: package.json "name" is "acme-client", not "@customer-clients/acme"',
    ],
    [
      "a testing stub of its own",
      { "packages/acme/testing/package.json": json({ main: "../dist/testing.cjs" }) },
      "acme: testing/package.json drifts from the shared one",
    ],
    [
      "a tsconfig of its own",
      { "packages/acme/tsconfig.json": json({ compilerOptions: { strict: true } }) },
      "acme: tsconfig.json does not extend ../../tsconfig.base.json",
    ],
    [
      "a vitest config of its own",
      {
        "packages/acme/vitest.config.ts":
          'import { defineConfig } from "vitest/config";\nexport default defineConfig({});\n',
      },
      "acme: vitest.config.ts does not build on vitest.shared.js",
    ],
    [
      "the shared config without the vendor's settings",
      { "packages/acme/vitest.config.ts": 'export { default } from "../../vitest.shared.js";\n' },
      "acme: vitest.config.ts does not use vendorConfig from vitest.shared.ts",
    ],
    [
      "no size limit",
      editJson("size-limits.json", (file) => delete file.limits.acme),
      "acme: size-limits.json has no limit for it",
    ],
    ["no bench case", { "bench/cases/acme.mjs": null }, "acme: bench/cases/acme.mjs is missing"],
    [
      "no retry row in the README",
      { "README.md": README.replace("| Acme | `PUT", "| Other | `PUT") },
      "acme: the root README's retry table",
    ],
    [
      "no package row in the README",
      { "README.md": README.replace("[`@customer-clients/acme`]", "[`acme`]") },
      "acme: the root README's package table",
    ],
    [
      "an API without a package",
      { "redocly.yaml": `${FIXTURE["redocly.yaml"]}  newco:\n    root: specs/newco/openapi.yaml\n` },
      "newco: packages/newco/package.json is missing",
    ],
    [
      "no code sample entry",
      { "scripts/code-samples.mjs": FIXTURE["scripts/code-samples.mjs"]!.replace("acme:", "other:") },
      "acme: scripts/code-samples.mjs has no entry for it in CLIENTS",
    ],
    [
      "no runtime matrix entry",
      { "runtime-matrix/scenario.mjs": "const VENDORS = {};\n" },
      "acme: runtime-matrix/scenario.mjs has no entry for it in VENDORS",
    ],
    [
      "no CLI entry",
      { "packages/cli/src/vendors.ts": "export const vendors: Record<string, Vendor> = {\n  // acme: {},\n};\n" },
      "acme: packages/cli/src/vendors.ts has no entry for it in vendors",
    ],
    [
      "a per-vendor table renamed",
      { "runtime-matrix/scenario.mjs": "const MATRIX_VENDORS = {\n  acme: {},\n};\n" },
      "runtime-matrix/scenario.mjs: no object literal `VENDORS` keyed by vendor",
    ],
    [
      "core with engines of its own",
      editJson("packages/core/package.json", (manifest) => {
        manifest.engines.node = ">=18";
      }),
      'core: package.json "engines" drifts from the shared one',
    ],
  ])("names the vendor and the piece: %s", (_, change, message) => {
    const problems = checkConsistency(workspace(change));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(message);
  });

  it("exits 1 from the command line, listing each problem", () => {
    const root = workspace({ "packages/acme/test/types.test-d.ts": null, "bench/cases/acme.mjs": null });
    const result = spawnSync(process.execPath, [SCRIPT], { cwd: root, encoding: "utf8" });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("acme: test/types.test-d.ts is missing");
    expect(result.stderr).toContain("acme: bench/cases/acme.mjs is missing");
  });
});
