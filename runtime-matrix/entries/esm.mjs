// Node, Bun and Deno: the packages imported as ES modules, and xtrakit also require()d.
import { createRequire } from "node:module";
import * as core from "@customer-clients/core";
import { run } from "./scenario.mjs";
import { vendors } from "./vendors.mjs";

const commonJsVendor = createRequire(import.meta.url)("@customer-clients/xtrakit");
const results = await run({ core, vendors, commonJsVendor }, JSON.parse(process.env.MATRIX_CONFIG));
console.log(`MATRIX_RESULT ${JSON.stringify(results)}`);
