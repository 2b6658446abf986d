// Checks every public package as its consumers' tools will see it, after `pnpm build`:
// - packs it with pnpm (as `pnpm publish` would) and runs publint --strict and
//   "Are the types wrong?" (attw) on that tarball;
// - bundles every built JavaScript file for the browser, which fails on any import of a Node
//   built-in (`node:*`, `fs`, ...) anywhere in its runtime dependencies: the clients must run
//   wherever `fetch` does. A package meant for servers only says so in its package.json with
//   `"customerClients": { "runtime": "node" }` and is exempt.
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { build } from "esbuild";
import { publicPackages } from "./workspace.mjs";

const bin = (name) => join("node_modules/.bin", name);
const run = async (file, args, options = {}) =>
  (await promisify(execFile)(file, args, { encoding: "utf8", ...options })).stdout;

/** Errors of a browser bundle of one built file: empty when it needs nothing Node-only. */
async function nodeOnlyImports(file) {
  try {
    await build({
      entryPoints: [file],
      bundle: true,
      write: false,
      platform: "browser",
      format: file.endsWith(".cjs") ? "cjs" : "esm",
      logLevel: "silent",
    });
    return [];
  } catch (error) {
    return error.errors.map((e) => `${e.location?.file ?? file}: ${e.text}`);
  }
}

/** Every problem found in one package. */
async function check({ dir, name }, packDir) {
  const problems = [];
  const { filename } = JSON.parse(await run("pnpm", ["pack", "--json", "--pack-destination", packDir], { cwd: dir }));
  for (const [tool, args] of [
    ["publint", ["--strict", filename]],
    ["attw", ["--profile", "strict", "--format", "ascii", filename]],
  ]) {
    await run(bin(tool), args).catch((error) => problems.push(`${tool}:\n${error.stdout}${error.stderr}`));
  }
  const serverOnly = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")).customerClients?.runtime === "node";
  const builtFiles = serverOnly
    ? []
    : readdirSync(join(dir, "dist"), { recursive: true }).filter((file) => /\.(c|m)?js$/.test(file));
  for (const file of builtFiles) problems.push(...(await nodeOnlyImports(join(dir, "dist", file))));
  const checks = serverOnly
    ? "publint, attw (server-only: no browser bundle)"
    : `publint, attw, browser bundle of ${builtFiles.length} built file(s)`;
  console.log(problems.length ? `FAIL ${name}: ${checks} (details below)` : `ok   ${name}: ${checks}`);
  return problems.length ? [`${name}\n  ${problems.join("\n  ")}`] : [];
}

const packDir = mkdtempSync(join(tmpdir(), "check-packages-"));
let failures;
try {
  failures = (await Promise.all(publicPackages().map((pkg) => check(pkg, packDir)))).flat();
} finally {
  rmSync(packDir, { recursive: true, force: true });
}

if (failures.length) {
  console.error(`\n${failures.join("\n\n")}`);
  process.exit(1);
}
