// The runtime matrix: the published packages packed with `pnpm pack`, installed with npm from
// those tarballs into a fresh project outside the workspace, and run by scenario.mjs on every
// runtime below against a loopback server. Prints one line per runtime; exits 1 when a check
// fails that is not listed in EXPECTED_FAILURES. Needs `pnpm build` first.
import { execFile } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { publicPackages, vendors } from "../scripts/workspace.mjs";
import { startServer } from "./server.mjs";

const HERE = fileURLToPath(new URL(".", import.meta.url));
const ROOT = join(HERE, "..");
const require = createRequire(import.meta.url);
const bin = (name, path) => join(HERE, "node_modules", name, path);
const NON_SECURE_HOST = "matrix.test";

// Known defects of the packages, by check and runtime id (e.g. { "pexip success": /^chromium/ }):
// listed while a fix is pending, so that the matrix stays runnable; a listed check that passes is
// reported as such. Empty: every check passes on every runtime.
const EXPECTED_FAILURES = {};

// Runtimes whose fetch says a connection was refused; browsers and workerd report every
// network failure alike.
const RECOGNISES_REFUSED = /^(node|jest|bun|deno|edge-runtime)/;

const exec = promisify(execFile);
async function sh(file, args, options = {}) {
  try {
    return await exec(file, args, { encoding: "utf8", maxBuffer: 64 * 1024 * 1024, timeout: 180_000, ...options });
  } catch (error) {
    throw new Error(`${file} ${args.join(" ")} failed:\n${error.stdout ?? ""}\n${error.stderr ?? error.message}`);
  }
}

/** A loopback URL nothing listens on: a port taken from the OS and released. */
async function refusedUrl() {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}`;
}

const resultOf = (stdout) =>
  JSON.parse(
    stdout
      .split("\n")
      .find((line) => line.startsWith("MATRIX_RESULT "))
      .slice("MATRIX_RESULT ".length),
  );

const work = mkdtempSync(join(tmpdir(), "runtime-matrix-"));
const consumer = join(work, "consumer");
let runtimeCount = 0;
let unexpected = 0;
let server;
try {
  // The tarballs, as `pnpm publish` would upload them, and a project that installs them.
  const tarballs = join(work, "tarballs");
  for (const pkg of publicPackages(ROOT))
    await sh("pnpm", ["pack", "--pack-destination", tarballs], { cwd: join(ROOT, pkg.dir) });
  mkdirSync(consumer);
  writeFileSync(join(consumer, "package.json"), JSON.stringify({ name: "consumer", private: true }));
  const files = readdirSync(tarballs).map((file) => join(tarballs, file));
  await sh("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error", "--no-update-notifier", ...files], {
    cwd: consumer,
  });

  for (const file of readdirSync(join(HERE, "entries"))) cpSync(join(HERE, "entries", file), join(consumer, file));
  // Every vendor package of the workspace, as the entries load them: imported (vendors.mjs, which
  // esbuild can bundle) or required (vendors.cjs).
  const names = vendors(ROOT);
  writeFileSync(
    join(consumer, "vendors.mjs"),
    `${names.map((name) => `import * as ${name} from "@customer-clients/${name}";`).join("\n")}\nexport const vendors = { ${names.join(", ")} };\n`,
  );
  writeFileSync(
    join(consumer, "vendors.cjs"),
    `"use strict";\nmodule.exports = {\n${names.map((name) => `  ${name}: require("@customer-clients/${name}"),`).join("\n")}\n};\n`,
  );
  cpSync(join(HERE, "scenario.mjs"), join(consumer, "scenario.mjs"));
  const esbuild = require("esbuild");
  const scenarioCjs = await esbuild.build({
    entryPoints: [join(HERE, "scenario.mjs")],
    format: "cjs",
    write: false,
    logLevel: "error",
  });
  writeFileSync(join(consumer, "scenario.cjs"), scenarioCjs.outputFiles[0].text);
  const bundle = (entry, format) =>
    esbuild
      .build({
        entryPoints: [join(consumer, entry)],
        bundle: true,
        format,
        globalName: "Matrix",
        platform: "browser",
        target: "es2022",
        write: false,
        logLevel: "error",
        absWorkingDir: consumer,
      })
      .then((out) => out.outputFiles[0].text);
  const browserBundle = await bundle("bundle.mjs", "iife");
  const workerBundle = await bundle("worker.mjs", "esm");

  server = await startServer({
    specsDir: join(consumer, "node_modules/@customer-clients/specs/dist"),
    vendors: names,
    page: {
      "index.html": '<!doctype html><meta charset="utf-8"><title>matrix</title><script src="/page/bundle.js"></script>',
      "bundle.js": browserBundle,
    },
  });
  const api = `http://127.0.0.1:${server.port}`;
  const config = async (id) => ({
    api,
    refused: await refusedUrl(),
    id,
    refusedIsRecognised: RECOGNISES_REFUSED.test(id),
  });
  const env = (cfg) => ({
    ...process.env,
    MATRIX_CONFIG: JSON.stringify(cfg),
    NO_COLOR: "1",
    DENO_NO_UPDATE_CHECK: "1",
    DENO_NO_PROMPT: "1",
  });
  const version = async (file, args = ["--version"]) => (await sh(file, args)).stdout.trim().split("\n")[0];

  /** Each runtime: its id, a label with its version, and a function that returns the results. */
  const runtimes = [];
  for (const major of ["22", "24", "26"]) {
    const node = bin(`node${major}`, "bin/node");
    const label = `node ${await version(node)}`;
    runtimes.push([
      `node${major}-esm`,
      `${label} ESM`,
      async (id) => resultOf((await sh(node, ["esm.mjs"], { cwd: consumer, env: env(await config(id)) })).stdout),
    ]);
    runtimes.push([
      `node${major}-cjs`,
      `${label} CommonJS`,
      async (id) => resultOf((await sh(node, ["cjs.cjs"], { cwd: consumer, env: env(await config(id)) })).stdout),
    ]);
  }
  const jestVersion = JSON.parse(readFileSync(bin("jest", "package.json"), "utf8")).version;
  runtimes.push([
    `jest-cjs`,
    `jest ${jestVersion} CommonJS (node 24)`,
    async (id) => {
      const out = join(work, "jest.json");
      const jestConfig = JSON.stringify({
        testEnvironment: "node",
        transform: {},
        rootDir: consumer,
        testMatch: ["<rootDir>/matrix.test.cjs"],
      });
      await sh(bin("node24", "bin/node"), [bin("jest", "bin/jest.js"), "--ci", "--silent", "--config", jestConfig], {
        cwd: consumer,
        env: { ...env(await config(id)), MATRIX_OUT: out },
      });
      return JSON.parse(readFileSync(out, "utf8"));
    },
  ]);
  const bun = bin("@oven/bun-linux-x64", "bin/bun");
  runtimes.push([
    "bun",
    `bun ${await version(bun)}`,
    async (id) => resultOf((await sh(bun, ["esm.mjs"], { cwd: consumer, env: env(await config(id)) })).stdout),
  ]);
  const deno = bin("@deno/linux-x64-glibc", "deno");
  runtimes.push([
    "deno",
    (await version(deno)).replace(/ \(.*/, ""),
    async (id) =>
      resultOf(
        (
          await sh(deno, ["run", "--quiet", "--allow-net=127.0.0.1", "--allow-read", "--allow-env", "esm.mjs"], {
            cwd: consumer,
            env: env(await config(id)),
          })
        ).stdout,
      ),
  ]);

  const { Miniflare } = await import("miniflare");
  const workerdVersion = JSON.parse(
    readFileSync(require.resolve("workerd/package.json", { paths: [require.resolve("miniflare")] }), "utf8"),
  ).version;
  runtimes.push([
    "workerd",
    `workerd ${workerdVersion} (miniflare)`,
    async (id) => {
      const mf = new Miniflare({ modules: true, script: workerBundle, compatibilityDate: "2026-07-01" });
      try {
        const response = await mf.dispatchFetch("http://worker/", {
          method: "POST",
          body: JSON.stringify(await config(id)),
        });
        return JSON.parse(await response.text()).results;
      } finally {
        await mf.dispose();
      }
    },
  ]);
  const { EdgeRuntime } = await import("edge-runtime");
  const edgeVersion = JSON.parse(readFileSync(bin("edge-runtime", "package.json"), "utf8")).version;
  runtimes.push([
    "edge-runtime",
    `edge-runtime ${edgeVersion}`,
    async (id) => {
      const runtime = new EdgeRuntime({ initialCode: browserBundle });
      return JSON.parse(await runtime.evaluate(`Matrix.runMatrix(${JSON.stringify(await config(id))})`)).results;
    },
  ]);

  const { launchChromium } = await import("../e2e/chromium.ts");
  const browser = await launchChromium([`--host-resolver-rules=MAP ${NON_SECURE_HOST} 127.0.0.1`]);
  try {
    for (const [id, host, secure] of [
      ["chromium-secure", "localhost", true],
      ["chromium-non-secure", NON_SECURE_HOST, false],
    ]) {
      runtimes.push([
        id,
        `chromium ${browser.version()} ${secure ? "secure" : "non-secure"} context (http://${host})`,
        async () => {
          const page = await browser.newPage();
          try {
            await page.goto(`http://${host}:${server.port}/page/`);
            const outcome = JSON.parse(
              await page.evaluate((cfg) => globalThis.Matrix.runMatrix(cfg), await config(id)),
            );
            return [
              { check: `isSecureContext is ${secure}`, ok: outcome.secure === secure, detail: String(outcome.secure) },
              ...outcome.results,
            ];
          } finally {
            await page.close();
          }
        },
      ]);
    }

    const width = Math.max(...runtimes.map(([, label]) => label.length));
    for (const [id, label, runIt] of runtimes) {
      let results;
      try {
        results = await runIt(id);
      } catch (error) {
        results = [{ check: "runs", ok: false, detail: error.message.split("\n").slice(0, 6).join(" | ") }];
      }
      const expected = (check) => EXPECTED_FAILURES[check.check]?.test(id);
      const failed = results.filter((r) => !r.ok && !expected(r));
      const known = results.filter((r) => !r.ok && expected(r));
      const fixed = results.filter((r) => r.ok && expected(r));
      unexpected += failed.length;
      const passed = results.filter((r) => r.ok).length;
      let line = `${failed.length ? "✗" : "✓"} ${label.padEnd(width)}  ${passed}/${results.length} checks`;
      if (known.length) line += `; known failures: ${known.map((r) => `${r.check} (${r.detail})`).join(", ")}`;
      if (fixed.length) line += `; now passing, remove from EXPECTED_FAILURES: ${fixed.map((r) => r.check).join(", ")}`;
      if (failed.length) line += `; FAILED: ${failed.map((r) => `${r.check} (${r.detail})`).join(", ")}`;
      console.log(line);
      runtimeCount++;
    }
  } finally {
    await browser.close();
  }
} finally {
  await server?.close();
  if (!process.env.MATRIX_KEEP) rmSync(work, { recursive: true, force: true });
}
console.log(
  unexpected
    ? `Runtime matrix: ${unexpected} unexpected failure(s)`
    : `Runtime matrix: every check passed on ${runtimeCount} runtimes`,
);
process.exitCode = unexpected ? 1 : 0;
