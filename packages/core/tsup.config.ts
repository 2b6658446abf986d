import { defineConfig } from "tsup";

export default defineConfig({
  entry: ["src/index.ts"],
  format: ["esm", "cjs"],
  dts: true,
  clean: true,
  target: "es2022",
  // openapi-fetch's CommonJS build sets `exports.default`; a CommonJS `require` of it from this
  // ES module package gets the whole exports object as the default, not the function. Bundled,
  // both builds call the same code. (Its types still come from the dependency.)
  noExternal: ["openapi-fetch"],
});
