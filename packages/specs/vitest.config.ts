import { defineConfig, mergeConfig } from "vitest/config";
import shared from "../../vitest.shared.js";

// Generating and type-checking a client per vendor takes a few seconds each.
export default mergeConfig(shared, defineConfig({ test: { testTimeout: 120_000 } }));
