// Generates each API's types with openapi-typescript, one API at a time: given all of
// redocly.yaml at once it lints the APIs in parallel, and Redocly's example validator then
// fails to resolve the second API's references. The specs are linted by `spec:lint` instead.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { apis as readApis } from "./workspace.mjs";

const require = createRequire(import.meta.url);
const cli = join(require.resolve("openapi-typescript/package.json"), "../bin/cli.js");
const apis = readApis();
const scratch = mkdtempSync(join(tmpdir(), "generate-types-"));
try {
  const config = join(scratch, "redocly.yaml");
  writeFileSync(config, "extends:\n  - minimal\n");
  for (const api of Object.values(apis)) {
    execFileSync(process.execPath, [cli, api.root, "-o", api["x-openapi-ts"].output, "-c", config], {
      stdio: "inherit",
    });
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
