// `pnpm bench`: every figure in BENCHMARKS.md, in one run. Rewrites the generated part of
// BENCHMARKS.md when every section ran at full length; prints the report either way.
//   --only=build,size,typecheck,calls,memory,bulk   some sections only (nothing is written, except
//                                               the bulk section's own part of BENCHMARKS.md)
//   --quick                                    short runs, for trying the harness (nothing is written)
//   BENCH_VENDORS=experience,...               some vendors only (nothing is written)
import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import { fileURLToPath } from "node:url";
import { bundle, measurePackages, sizedPackages } from "../scripts/bundle-size.mjs";
import { measureBuild } from "./lib/build.mjs";
import { loadCases } from "./lib/cases.mjs";
import { summary } from "./lib/stats.mjs";
import { measureTypecheck } from "./lib/typecheck.mjs";
import { renderReport } from "./lib/report.mjs";
import { renderBulkReport } from "./lib/bulk-report.mjs";

const root = fileURLToPath(new URL("../", import.meta.url));
const SECTIONS = ["build", "size", "typecheck", "calls", "memory", "bulk"];
const args = process.argv.slice(2);
const quick = args.includes("--quick");
const only = args
  .find((arg) => arg.startsWith("--only="))
  ?.slice(7)
  .split(",");
const sections = only ?? SECTIONS;
const complete = !quick && !only && !process.env.BENCH_VENDORS;
const log = (message) => console.error(`bench: ${message}`);

const readJson = (path) => JSON.parse(readFileSync(path, "utf8"));
const versionOf = (name, from = root) => readJson(`${from}node_modules/${name}/package.json`).version;

/** Runs one measurement in its own Node process, so that no run inherits another's heap or JIT state. */
function child(mode, file) {
  return new Promise((resolve, reject) => {
    const env = { ...process.env, ...(quick ? { BENCH_QUICK: "1" } : {}) };
    const proc = spawn(
      process.execPath,
      ["--expose-gc", fileURLToPath(new URL("./calls.mjs", import.meta.url)), mode, file],
      { env, stdio: ["ignore", "pipe", "inherit"] },
    );
    let out = "";
    proc.stdout.on("data", (chunk) => (out += chunk));
    proc.on("exit", (code) =>
      code === 0
        ? resolve(JSON.parse(out.trim().split("\n").at(-1)))
        : reject(new Error(`calls.mjs ${mode} ${file} exited with ${code}`)),
    );
  });
}

const cases = await loadCases();
if (cases.length === 0) throw new Error("no cases in bench/cases/");
const vendorsWithoutCase = sizedPackages(root)
  .slice(1)
  .map((p) => p.name)
  .filter((name) => !cases.some((c) => c.vendor === name));
if (vendorsWithoutCase.length > 0 && !process.env.BENCH_VENDORS)
  log(`no bench case for ${vendorsWithoutCase.join(", ")}: add bench/cases/<vendor>.mjs`);

const results = {
  date: new Date().toISOString(),
  machine: {
    cpus: os.availableParallelism(),
    cpuModel: os.cpus()[0]?.model ?? "unknown",
    memoryGiB: os.totalmem() / 2 ** 30,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    loadAverageAtStart: os.loadavg(),
  },
  versions: {
    node: process.version,
    pnpm: execFileSync("pnpm", ["--version"], { encoding: "utf8" }).trim(),
    // Every published package of the workspace, by name.
    packages: Object.fromEntries(
      readdirSync(`${root}packages`)
        .filter((dir) => existsSync(`${root}packages/${dir}/package.json`))
        .map((dir) => readJson(`${root}packages/${dir}/package.json`))
        .filter((manifest) => !manifest.private)
        .map((manifest) => [manifest.name, manifest.version]),
    ),
    tools: {
      "openapi-fetch": versionOf("openapi-fetch", `${root}packages/core/`),
      esbuild: versionOf("esbuild"),
      typescript: versionOf("typescript"),
      turbo: versionOf("turbo"),
      tsup: versionOf("tsup"),
      ...(existsSync(`${root}packages/undici-fetch/node_modules/undici`)
        ? { undici: versionOf("undici", `${root}packages/undici-fetch/`) }
        : {}),
    },
  },
  quick,
  vendors: cases.map((c) => c.vendor),
};

if (sections.includes("build")) {
  log("build: turbo run build --force, then again from the cache");
  results.build = measureBuild();
}
if (sections.includes("size")) {
  log("size: esbuild browser bundles");
  const reference = await bundle(`export { default } from "openapi-fetch";`, `${root}packages/core`);
  results.size = {
    packages: await measurePackages(root),
    openapiFetch: reference,
    limits: readJson(`${root}size-limits.json`).limits,
  };
}
if (sections.includes("typecheck")) {
  log("typecheck: tsc --noEmit, clients vs fetch");
  results.typecheck = measureTypecheck(cases, quick ? 2 : 5);
}
if (sections.includes("calls")) {
  results.calls = [];
  for (const benchCase of cases) {
    log(`calls: ${benchCase.vendor}`);
    const run = await child("timing", benchCase.file);
    const summarise = (figures) =>
      Object.fromEntries(Object.entries(figures).map(([name, values]) => [name, summary(values)]));
    results.calls.push({
      vendor: run.vendor,
      settings: run.settings,
      perCallUs: summarise(run.perCallUs),
      cpuPerCallUs: summarise(run.cpuPerCallUs),
      callsPerSecond: summarise(run.callsPerSecond),
    });
  }
}
if (sections.includes("memory")) {
  results.memory = [];
  for (const benchCase of cases) {
    log(`memory: ${benchCase.vendor}`);
    results.memory.push(await child("memory", benchCase.file));
  }
}
if (sections.includes("bulk")) {
  log("bulk: updates at the documented limits against the simulator, then the CLI's memory");
  results.bulk = await new Promise((resolve, reject) => {
    const env = { ...process.env, ...(quick ? { BENCH_QUICK: "1" } : {}) };
    const proc = spawn(process.execPath, [fileURLToPath(new URL("./bulk.mjs", import.meta.url))], {
      env,
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    proc.stdout.on("data", (chunk) => (out += chunk));
    proc.on("exit", (code) =>
      code === 0
        ? resolve(JSON.parse(out.trim().split("\n").at(-1)))
        : reject(new Error(`bulk.mjs exited with ${code}`)),
    );
  });
}
results.machine.loadAverageAtEnd = os.loadavg();

const report = renderReport(results);
console.log(report);
const bulkReport = results.bulk && renderBulkReport(results.bulk);
if (bulkReport) console.log(bulkReport);
mkdirSync(`${root}bench/.tmp`, { recursive: true });
writeFileSync(`${root}bench/.tmp/results.json`, JSON.stringify(results, null, 2));
/** Replaces what stands between BENCHMARKS.md's `<!-- <marker>:start -->` and `<!-- <marker>:end -->`. */
function writeSection(marker, text) {
  const path = `${root}BENCHMARKS.md`;
  const [start, end] = [`<!-- ${marker}:start -->`, `<!-- ${marker}:end -->`];
  const current = readFileSync(path, "utf8");
  if (!current.includes(start) || !current.includes(end))
    throw new Error(`BENCHMARKS.md lacks the ${start} … ${end} markers`);
  writeFileSync(
    path,
    current.slice(0, current.indexOf(start) + start.length) + `\n${text}\n` + current.slice(current.indexOf(end)),
  );
}
if (complete) {
  writeSection("bench", report);
  log("BENCHMARKS.md updated");
} else {
  log("partial or quick run: BENCHMARKS.md left as it is");
}
// The bulk figures have their own part, written whenever they ran at full length.
if (bulkReport && !quick && !process.env.BENCH_VENDORS) {
  writeSection("bench:bulk", bulkReport);
  log("BENCHMARKS.md bulk section updated");
}
