import { defineConfig, mergeConfig } from "vitest/config";
import shared from "../../vitest.shared.js";

// Six generators over five specs, then a compiler per generator: minutes, not seconds.
export default mergeConfig(shared, defineConfig({ test: { testTimeout: 240_000, hookTimeout: 300_000 } }));
