// Fails when a package's browser bundle (see bundle-size.mjs) outgrows its limit in
// size-limits.json. Sizes are deterministic, so this check can run in CI; time is not.
import { readFileSync } from "node:fs";
import { measureCalls, measurePackages } from "./bundle-size.mjs";

const { limits } = JSON.parse(readFileSync("size-limits.json", "utf8"));
let failed = false;
for (const { name, gzip } of [...(await measurePackages()), ...(await measureCalls())]) {
  const limit = limits[name];
  if (limit === undefined) {
    console.error(`size: ${name} has no limit in size-limits.json; it is ${gzip} B gzipped — add "${name}": <bytes>`);
    failed = true;
  } else if (gzip > limit) {
    console.error(`size: ${name} is ${gzip} B gzipped, over its limit of ${limit} B`);
    failed = true;
  } else {
    console.log(`size: ${name} ${gzip} B gzipped (limit ${limit} B)`);
  }
}
process.exit(failed ? 1 : 0);
