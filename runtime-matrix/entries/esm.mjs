// Node, Bun and Deno: the packages imported as ES modules, and xtrakit also require()d.
import { createRequire } from "node:module";
import * as core from "@customer-clients/core";
import * as capillary from "@customer-clients/capillary";
import * as commercelayer from "@customer-clients/commercelayer";
import * as experience from "@customer-clients/experience";
import * as pexip from "@customer-clients/pexip";
import * as xtrakit from "@customer-clients/xtrakit";
import { run } from "./scenario.mjs";

const commonJsVendor = createRequire(import.meta.url)("@customer-clients/xtrakit");
const results = await run(
  { core, vendors: { experience, capillary, commercelayer, xtrakit, pexip }, commonJsVendor },
  JSON.parse(process.env.MATRIX_CONFIG),
);
console.log(`MATRIX_RESULT ${JSON.stringify(results)}`);
