import { defineConfig } from "tsup";

// @noble/hashes 2 ships only ES modules, which Jest and other CommonJS loaders cannot require():
// bundle the one hash it provides (MD5, for the till password) into both builds.
export default defineConfig({ noExternal: ["@noble/hashes"] });
