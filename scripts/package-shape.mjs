// What every published library package (core, each vendor, undici-fetch) has in common: its
// manifest fields, its `exports` block and the entry points built from it. build-package.mjs
// builds from this; check-consistency.mjs fails when a package drifts from it.

const REPOSITORY = "https://github.com/customer-clients/customer-clients";

/** The `scripts` every library package runs: the shared build, tsc, vitest. */
export const SHARED_SCRIPTS = {
  build: "node ../../scripts/build-package.mjs",
  typecheck: "tsc -p tsconfig.json",
  test: "vitest run",
};

/** `"."` -> "index", `"./testing"` -> "testing": the file name of an export's entry point. */
const entryName = (subpath) => (subpath === "." ? "index" : subpath.slice(2));

/** The subpaths a manifest exports, without "./package.json". */
export const subpathsOf = (manifest) =>
  Object.keys(manifest.exports ?? {}).filter((subpath) => subpath !== "./package.json");

/** The source file of each exported subpath, "." first: ["src/index.ts", "src/testing.ts"]. */
export const entriesOf = (manifest) => subpathsOf(manifest).map((subpath) => `src/${entryName(subpath)}.ts`);

/** The `exports` block of a package exporting `subpaths`: types first, ESM and CommonJS, each from dist/. */
export function exportsFor(subpaths) {
  const conditions = (name) => ({
    import: { types: `./dist/${name}.d.ts`, default: `./dist/${name}.js` },
    require: { types: `./dist/${name}.d.cts`, default: `./dist/${name}.cjs` },
  });
  return {
    ...Object.fromEntries(subpaths.map((subpath) => [subpath, conditions(entryName(subpath))])),
    "./package.json": "./package.json",
  };
}

/**
 * The manifest fields a library package in packages/<dir> exporting `subpaths` must have,
 * exactly. Its name, version, description, dependencies and any other field are its own.
 */
export function sharedManifest(dir, subpaths) {
  return {
    license: "MIT",
    repository: { type: "git", url: `git+${REPOSITORY}.git`, directory: `packages/${dir}` },
    homepage: `${REPOSITORY}/tree/main/packages/${dir}#readme`,
    bugs: { url: `${REPOSITORY}/issues` },
    type: "module",
    sideEffects: false,
    // Each subpath other than "." has a directory with a package.json for TypeScript's legacy
    // `node` resolution, which ignores `exports` (see legacyStub).
    files: ["dist", ...subpaths.filter((subpath) => subpath !== ".").map(entryName)],
    main: "./dist/index.cjs",
    module: "./dist/index.js",
    types: "./dist/index.d.cts",
    exports: exportsFor(subpaths),
    engines: { node: ">=22" },
    scripts: SHARED_SCRIPTS,
  };
}

/** A vendor package: the library fields, a `testing` export, and msw as its optional peer (`testing` builds on it). */
export function vendorManifest(vendor) {
  return {
    ...sharedManifest(vendor, VENDOR_SUBPATHS),
    peerDependencies: { msw: "^2.10.5" },
    peerDependenciesMeta: { msw: { optional: true } },
  };
}

/** What a vendor package exports: its client, and MSW mocks of its API for its users' tests. */
export const VENDOR_SUBPATHS = [".", "./testing"];

/** The `<name>/package.json` that points TypeScript's legacy `node` resolution at a subpath's build. */
export function legacyStub(subpath) {
  const name = entryName(subpath);
  return {
    "//": "For TypeScript's legacy `node` module resolution, which ignores `exports`: where `@customer-clients/<vendor>/testing` lives.",
    private: true,
    main: `../dist/${name}.cjs`,
    module: `../dist/${name}.js`,
    types: `../dist/${name}.d.cts`,
  };
}
