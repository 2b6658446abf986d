import { defineConfig } from "vitest/config";

/** Settings every package's vitest config starts from. */
export default defineConfig({
  test: {
    typecheck: { enabled: true, include: ["test/**/*.test-d.ts"] },
    // The JSON report feeds the one-line total that `pnpm test` prints at the end.
    reporters: ["default", "json"],
    outputFile: { json: "test-results/vitest.json" },
  },
});
