// For every vendor in redocly.yaml with packages/<vendor>/examples/demo.mjs: start a Prism mock
// of its spec on loopback, run the example against it, stop the mock.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { specPath, startPrism } from "@customer-clients/test-utils";
import { vendors } from "./workspace.mjs";

let ran = 0;
for (const vendor of vendors()) {
  const example = `packages/${vendor}/examples/demo.mjs`;
  if (!existsSync(example)) continue;
  const mock = await startPrism(specPath(vendor));
  try {
    console.log(`\n=== ${vendor}: ${example} against a Prism mock at ${mock.url}`);
    const env = { ...process.env, [`${vendor.toUpperCase()}_BASE_URL`]: mock.url };
    execFileSync(process.execPath, [example], { stdio: "inherit", env });
    ran++;
  } finally {
    await mock.stop();
  }
}
console.log(`\n${ran} vendor demo(s) ran.`);
