import { defineConfig, mergeConfig } from "vitest/config";
import shared from "../vitest.shared.js";

// The release scripts' own tests: `vitest run --root scripts`. Each builds git repositories and
// runs git a dozen times, which takes seconds on a busy machine.
export default mergeConfig(shared, defineConfig({ test: { include: ["test/**/*.test.ts"], testTimeout: 60_000 } }));
