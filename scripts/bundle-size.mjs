// Browser bundle size of each vendor package (everything it exports, with core and
// openapi-fetch) and of core alone, and of one update call through each vendor's client (what an
// application that makes that call ships): esbuild, ESM, minified, platform browser, then gzip -9.
// Reads the built `dist` of each package; `pnpm build` first. Used by check-size and the bench.
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { vendors } from "./workspace.mjs";

/** Core, then every vendor. */
export function sizedPackages(root = ".") {
  return ["core", ...vendors(root)].map((name) => ({ name, dir: resolve(root, "packages", name) }));
}

/** Bundles `contents` as a browser app would, resolving from `dir`. */
export async function bundle(contents, dir, { metafile = false, loader = "js" } = {}) {
  const result = await build({
    stdin: { contents, resolveDir: dir, loader },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    legalComments: "none",
    write: false,
    metafile,
  });
  const code = result.outputFiles[0].contents;
  return { minified: code.length, gzip: gzipSync(code, { level: 9 }).length, metafile: result.metafile };
}

/** `{ name, minified, gzip }` for core and each vendor package. */
export async function measurePackages(root = ".") {
  const sizes = [];
  for (const { name, dir } of sizedPackages(root)) {
    const entry = join(dir, "dist/index.js");
    if (!existsSync(entry)) throw new Error(`${entry} is missing: run \`pnpm build\` first`);
    sizes.push({ name, ...(await bundle(`export * from ${JSON.stringify(entry)};`, dir)) });
  }
  return sizes;
}

/**
 * `{ name, minified, gzip }` of one update call per vendor: the call its bench case type-checks
 * (`bench/cases/<vendor>.mjs`), bundled as an application would, unused exports shaken out.
 */
export async function measureCalls(root = ".") {
  const sizes = [];
  for (const { name, dir } of sizedPackages(root).filter((pkg) => pkg.name !== "core")) {
    const { default: benchCase } = await import(pathToFileURL(resolve(root, "bench/cases", `${name}.mjs`)).href);
    const contents = `${benchCase.typecheck.imports}\nexport async function run() {${benchCase.typecheck.client}}\n`;
    sizes.push({ name: `${name} call`, ...(await bundle(contents, dir, { loader: "ts" })) });
  }
  return sizes;
}
