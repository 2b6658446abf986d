// Prints one closing line for the whole suite from the vitest JSON reports of the given
// directories (default: every package and scripts/), e.g. `node scripts/test-summary.mjs e2e`.
import { existsSync, readFileSync, readdirSync } from "node:fs";

const dirs =
  process.argv.length > 2
    ? process.argv.slice(2)
    : [...readdirSync("packages").map((dir) => `packages/${dir}`), "scripts"];
let passed = 0;
let failed = 0;
let skipped = 0;
for (const dir of dirs) {
  const report = `${dir}/test-results/vitest.json`;
  if (!existsSync(report)) continue;
  const { numPassedTests, numFailedTests, numPendingTests, numTodoTests } = JSON.parse(readFileSync(report, "utf8"));
  passed += numPassedTests;
  failed += numFailedTests;
  skipped += numPendingTests + numTodoTests;
}
console.log(`Tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
