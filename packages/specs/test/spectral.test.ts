// Spectral's `spectral:oas` ruleset (specs/.spectral.yaml), a second linter beside Redocly: no
// error, warning, info or hint on any vendor's source spec or on its bundle.
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { vendors as workspaceVendors } from "../../../scripts/workspace.mjs";

const require = createRequire(import.meta.url);
const run = promisify(execFile);
const root = new URL("../../../", import.meta.url);
const ruleset = fileURLToPath(new URL("specs/.spectral.yaml", root));
const vendors = workspaceVendors(fileURLToPath(root));
const spectral = require.resolve("@stoplight/spectral-cli/dist/index.js");

interface SpectralResult {
  code: string;
  message: string;
  severity: number;
  path: string[];
}

async function lint(file: string): Promise<string[]> {
  // Spectral reports nothing for a file it cannot find; make that a failure.
  readFileSync(file);
  const { stdout } = await run(
    process.execPath,
    [spectral, "lint", file, "--ruleset", ruleset, "--format", "json", "--quiet", "--fail-severity", "error"],
    { maxBuffer: 16 * 1024 * 1024 },
  ).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? "[]" }));
  return (JSON.parse(stdout || "[]") as SpectralResult[]).map(
    (result) => `${result.code} at ${result.path.join(".")}: ${result.message}`,
  );
}

it("uses the spectral:oas ruleset", () => {
  expect(parse(readFileSync(ruleset, "utf8"))).toEqual({ extends: ["spectral:oas"] });
});

describe.each(vendors)("%s", (vendor) => {
  it.concurrent("passes spectral:oas with no finding, as written and as bundled", async ({ expect }) => {
    expect(await lint(fileURLToPath(new URL(`specs/${vendor}/openapi.yaml`, root)))).toEqual([]);
    expect(await lint(require.resolve(`@customer-clients/specs/${vendor}.json`))).toEqual([]);
  });
});

it("reports what the ruleset finds (a spec without contact or servers)", async () => {
  const findings = await lint(fileURLToPath(new URL("fixtures/spectral-sample.yaml", import.meta.url)));
  expect(findings.some((finding) => finding.startsWith("info-contact"))).toBe(true);
  expect(findings.some((finding) => finding.startsWith("oas3-api-servers"))).toBe(true);
});
