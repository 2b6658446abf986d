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

/** A vendor package's: the shared settings, and a Prism mock of its spec started once per run. */
export const vendorConfig = mergeConfig(shared, defineConfig({ test: { globalSetup: ["test/global-setup.ts"] } }));
