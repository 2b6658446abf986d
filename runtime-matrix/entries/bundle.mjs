// Chromium, workerd and edge-runtime: the packages bundled by esbuild, as a web or worker build would.
import * as core from "@customer-clients/core";
import { run } from "./scenario.mjs";
import { vendors } from "./vendors.mjs";

export const runMatrix = async (config) =>
  JSON.stringify({
    results: await run({ core, vendors }, config),
    secure: globalThis.isSecureContext,
  });
