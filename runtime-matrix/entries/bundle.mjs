// Chromium, workerd and edge-runtime: the packages bundled by esbuild, as a web or worker build would.
import * as core from "@customer-clients/core";
import * as capillary from "@customer-clients/capillary";
import * as commercelayer from "@customer-clients/commercelayer";
import * as experience from "@customer-clients/experience";
import * as pexip from "@customer-clients/pexip";
import * as xtrakit from "@customer-clients/xtrakit";
import { run } from "./scenario.mjs";

export const runMatrix = async (config) =>
  JSON.stringify({
    results: await run({ core, vendors: { experience, capillary, commercelayer, xtrakit, pexip } }, config),
    secure: globalThis.isSecureContext,
  });
