// Fails when the generated files differ from what is committed: run after `spec:generate`.
import { execFileSync } from "node:child_process";

const paths = ["packages/*/src/generated"];
const changed = execFileSync("git", ["status", "--porcelain", "--", ...paths], { encoding: "utf8" }).trim();
if (changed) {
  console.error(`Generated code is out of date with the specs. Run \`pnpm generate\` and commit:\n${changed}`);
  process.exit(1);
}
console.log("Generated code matches the specs.");
