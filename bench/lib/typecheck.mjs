// Consumer type-check: `tsc --noEmit` on a file that calls every vendor client present vs a file
// making the same calls with fetch. The packages resolve to their built declarations, as they
// would from node_modules.
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { median } from "./stats.mjs";

const root = fileURLToPath(new URL("../../", import.meta.url));
const dir = fileURLToPath(new URL("../.tmp/typecheck/", import.meta.url));
const tsc = createRequire(root + "package.json").resolve("typescript/lib/tsc.js");

const compilerOptions = {
  strict: true,
  target: "ES2022",
  module: "ESNext",
  moduleResolution: "Bundler",
  lib: ["ES2022", "DOM", "DOM.Iterable"],
  skipLibCheck: true,
  noEmit: true,
  types: [],
  paths: { "@customer-clients/*": [`${root}packages/*/dist/index.d.ts`] },
};

function writeProject(name, imports, bodies) {
  const functions = bodies.map(([vendor, body]) => `export async function ${vendor}() {${body}\n}`);
  writeFileSync(`${dir}${name}.ts`, [...imports, "", ...functions, ""].join("\n"));
  writeFileSync(`${dir}tsconfig.${name}.json`, JSON.stringify({ compilerOptions, files: [`${name}.ts`] }, null, 2));
  return `${dir}tsconfig.${name}.json`;
}

const runTsc = (project, ...flags) =>
  execFileSync(process.execPath, [tsc, "-p", project, ...flags], { encoding: "utf8" });

/** Selected lines of `--extendedDiagnostics`: what tsc loaded and where its time went. */
function diagnostics(project) {
  const wanted = [
    "Files",
    "Lines of TypeScript",
    "Lines of Definitions",
    "Types",
    "Instantiations",
    "Memory used",
    "Parse time",
    "Bind time",
    "Check time",
    "Total time",
  ];
  const out = {};
  for (const line of runTsc(project, "--extendedDiagnostics").split("\n")) {
    const match = /^([A-Za-z ]+):\s+(\S+)/.exec(line);
    if (match && wanted.includes(match[1].trim())) out[match[1].trim()] = match[2];
  }
  return out;
}

export function measureTypecheck(cases, runs) {
  mkdirSync(dir, { recursive: true });
  const projects = {
    clients: writeProject(
      "clients",
      cases.map((c) => c.typecheck.imports),
      cases.map((c) => [c.vendor, c.typecheck.client]),
    ),
    fetch: writeProject(
      "fetch",
      [],
      cases.map((c) => [c.vendor, c.typecheck.fetch]),
    ),
  };
  // Both must compile: a type error would make the comparison meaningless.
  for (const project of Object.values(projects)) runTsc(project);
  const seconds = { clients: [], fetch: [] };
  for (let run = 0; run < runs; run++) {
    for (const name of run % 2 ? ["fetch", "clients"] : ["clients", "fetch"]) {
      const start = process.hrtime.bigint();
      runTsc(projects[name]);
      seconds[name].push(Number(process.hrtime.bigint() - start) / 1e9);
    }
  }
  return {
    vendors: cases.map((c) => c.vendor),
    runs,
    seconds,
    median: { clients: median(seconds.clients), fetch: median(seconds.fetch) },
    diagnostics: { clients: diagnostics(projects.clients), fetch: diagnostics(projects.fetch) },
  };
}
