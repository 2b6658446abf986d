import { fileURLToPath } from "node:url";
import { defineConfig, mergeConfig } from "vitest/config";

/** Settings every package's vitest config starts from. */
const shared = defineConfig({
  test: {
    typecheck: { enabled: true, include: ["test/**/*.test-d.ts"] },
    // The JSON report feeds the one-line total that `pnpm test` prints at the end.
    reporters: ["default", "json"],
    outputFile: { json: "test-results/vitest.json" },
  },
});
export default shared;

/** The Prism mock of a vendor's spec, started once per run; the vendor is the tested package's directory name. */
const prismSetup = fileURLToPath(new URL("./packages/test-utils/src/prism-setup.js", import.meta.url));

/** A vendor package's: the shared settings, and a Prism mock of its spec. */
export const vendorConfig = mergeConfig(shared, defineConfig({ test: { globalSetup: [prismSetup] } }));
