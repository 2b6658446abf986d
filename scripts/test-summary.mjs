// Prints one closing line for the whole suite from every package's vitest JSON report.
import { existsSync, readFileSync, readdirSync } from "node:fs";

let passed = 0;
let failed = 0;
let skipped = 0;
for (const dir of readdirSync("packages")) {
  const report = `packages/${dir}/test-results/vitest.json`;
  if (!existsSync(report)) continue;
  const { numPassedTests, numFailedTests, numPendingTests, numTodoTests } = JSON.parse(readFileSync(report, "utf8"));
  passed += numPassedTests;
  failed += numFailedTests;
  skipped += numPendingTests + numTodoTests;
}
console.log(`Tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
