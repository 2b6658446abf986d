import { defineConfig, mergeConfig } from "vitest/config";
import shared from "../vitest.shared.js";

// The release scripts' own tests: `vitest run --root scripts`.
export default mergeConfig(shared, defineConfig({ test: { include: ["test/**/*.test.ts"] } }));
