import { defineConfig, mergeConfig } from "vitest/config";
import shared from "../vitest.shared.js";

// End-to-end tests (`pnpm test:e2e`): a real registry, a real browser; minutes, not seconds.
export default mergeConfig(
  shared,
  defineConfig({ test: { include: ["*.test.ts"], testTimeout: 300_000, hookTimeout: 600_000 } }),
);
