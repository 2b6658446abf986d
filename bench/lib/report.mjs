// The generated part of BENCHMARKS.md, from the results of one run.
const VENDOR_TARGET_BYTES = 4096;

const us = (value) => `${value < 100 ? value.toFixed(1) : Math.round(value)} µs`;
const times = (value, base) => `${(value / base).toFixed(2)}×`;
const pct = (value, base) => `${value >= base ? "+" : ""}${(((value - base) / base) * 100).toFixed(1)} %`;
const kb = (bytes) => `${(bytes / 1024).toFixed(2)} KiB`;
const mb = (bytes) => `${(bytes / 2 ** 20).toFixed(2)} MiB`;
const table = (head, rows) =>
  [
    `| ${head.join(" | ")} |`,
    `| ${head.map(() => "---").join(" | ")} |`,
    ...rows.map((row) => `| ${row.join(" | ")} |`),
  ].join("\n");

function label(name, vendor) {
  if (name === "openapi-fetch") return "openapi-fetch + auth middleware";
  if (name === vendor) return `${vendor} client`;
  if (name.startsWith(`${vendor} +`)) return `${vendor} client over \`createUndiciFetch()\``;
  return name;
}

function calls(results) {
  const out = ["### Per call, sequential, over loopback", ""];
  const { settings } = results.calls[0];
  out.push(
    `${settings.calls} sequential calls per round after ${settings.warmup} warm-up calls each, ${settings.rounds} rounds, the contenders' order rotated every round. ` +
      "Wall time is what a caller waits; CPU is this process's user + system time per call (the loopback server runs in its own process), " +
      "which is what the client code itself costs and stays readable when other work shares the machine.",
    "",
  );
  for (const run of results.calls) {
    const { perCallUs: wall, cpuPerCallUs: cpu } = run;
    const base = { fetch: wall.fetch.median, bare: wall["openapi-fetch"].median, cpuBare: cpu["openapi-fetch"].median };
    out.push(`**${run.vendor}**`, "");
    out.push(
      table(
        ["contender", "wall, median", "min – max", "× fetch", "× openapi-fetch", "CPU, median", "CPU × openapi-fetch"],
        Object.keys(wall).map((name) => [
          label(name, run.vendor),
          us(wall[name].median),
          `${us(wall[name].min)} – ${us(wall[name].max)}`,
          times(wall[name].median, base.fetch),
          times(wall[name].median, base.bare),
          us(cpu[name].median),
          times(cpu[name].median, base.cpuBare),
        ]),
      ),
      "",
    );
  }
  out.push(`### Throughput, ${results.calls[0].settings.concurrency} calls in flight`, "");
  out.push(`${settings.throughputCalls} calls per round, ${settings.throughputRounds} rounds, order rotated.`, "");
  for (const run of results.calls) {
    const t = run.callsPerSecond;
    out.push(`**${run.vendor}**`, "");
    out.push(
      table(
        ["contender", "calls/s, median", "min – max", "× fetch", "× openapi-fetch"],
        Object.keys(t).map((name) => [
          label(name, run.vendor),
          `${Math.round(t[name].median)}/s`,
          `${Math.round(t[name].min)} – ${Math.round(t[name].max)}/s`,
          times(t[name].median, t.fetch.median),
          times(t[name].median, t["openapi-fetch"].median),
        ]),
      ),
      "",
    );
  }
  return out;
}

function memory(results) {
  const { settings } = results.memory[0];
  return [
    "### Heap of a client over many calls",
    "",
    `Heap used after full collections (\`--expose-gc\`), ${settings.concurrency} calls in flight, one fresh process per vendor.`,
    "",
    table(
      [
        "vendor",
        "start",
        `after ${settings.memoryCalls / 2} calls`,
        `after ${settings.memoryCalls} calls`,
        "second half",
      ],
      results.memory.map(({ vendor, heap }) => [
        vendor,
        mb(heap[0].bytes),
        mb(heap[1].bytes),
        mb(heap[2].bytes),
        `${heap[2].bytes >= heap[1].bytes ? "+" : "−"}${kb(Math.abs(heap[2].bytes - heap[1].bytes))}`,
      ]),
    ),
    "",
  ];
}

function size(results) {
  const { packages, openapiFetch, limits } = results.size;
  return [
    "### Browser bundle size",
    "",
    "esbuild, ESM, minified, platform browser, everything the package exports with its dependencies; gzip level 9. " +
      "`pnpm test` fails when a package outgrows its limit in `size-limits.json`.",
    "",
    table(
      ["bundle", "minified", "gzip", "limit", "vendor target"],
      [
        ...packages.map(({ name, minified, gzip }) => [
          name === "core" ? "core (with openapi-fetch)" : `${name} (with core and openapi-fetch)`,
          `${minified} B`,
          `**${gzip} B** (${kb(gzip)})`,
          limits[name] === undefined ? "none" : `${limits[name]} B`,
          name === "core"
            ? ""
            : `${VENDOR_TARGET_BYTES} B: ${gzip <= VENDOR_TARGET_BYTES ? "met" : `missed by ${gzip - VENDOR_TARGET_BYTES} B`}`,
        ]),
        [
          "openapi-fetch `createClient` alone (reference)",
          `${openapiFetch.minified} B`,
          `${openapiFetch.gzip} B`,
          "",
          "",
        ],
      ],
    ),
    "",
  ];
}

function typecheck(results) {
  const t = results.typecheck;
  const d = t.diagnostics;
  const ratio = t.median.clients / t.median.fetch;
  return [
    "### Consumer type-check",
    "",
    `\`tsc --noEmit\` (strict, lib ES2022 + DOM, skipLibCheck) on one file calling ${t.vendors.join(", ")} through the clients, vs one file making the same calls with \`fetch\`; median of ${t.runs} runs each, alternated. ` +
      `Ratio **${ratio.toFixed(2)}×** (target ≤ 1.2×).`,
    "",
    table(
      ["file", "wall, median", "files", "types", "parse", "bind", "check", "memory"],
      ["clients", "fetch"].map((name) => [
        name === "clients" ? "calls through the clients" : "calls with fetch",
        `${t.median[name].toFixed(2)} s`,
        d[name].Files,
        d[name].Types,
        d[name]["Parse time"],
        d[name]["Bind time"],
        d[name]["Check time"],
        d[name]["Memory used"],
      ]),
    ),
    "",
  ];
}

function build(results) {
  const { cold, warm } = results.build;
  return [
    "### Build",
    "",
    table(
      ["build", "wall", "tasks"],
      [
        [
          "cold: `turbo run build --force` (bundle specs, generate, build every package)",
          `${cold.seconds.toFixed(1)} s`,
          `${cold.tasks}`,
        ],
        [
          "warm: `turbo run build` again (cache hit)",
          `${warm.seconds.toFixed(2)} s`,
          `${warm.cached}/${warm.tasks} from cache`,
        ],
      ],
    ),
    "",
  ];
}

/** One line per target, from whichever sections ran. */
function targets(results) {
  const rows = [];
  for (const run of results.calls ?? []) {
    const wall = run.perCallUs[run.vendor].median / run.perCallUs["openapi-fetch"].median;
    const cpu = run.cpuPerCallUs[run.vendor].median / run.cpuPerCallUs["openapi-fetch"].median;
    rows.push([
      `${run.vendor} call vs bare openapi-fetch`,
      "≤ +5 %",
      `${pct(wall, 1)} wall, ${pct(cpu, 1)} CPU`,
      wall <= 1.05 ? "met" : "missed",
    ]);
  }
  for (const { name, gzip } of results.size?.packages.slice(1) ?? []) {
    rows.push([
      `${name} browser bundle, with core and openapi-fetch`,
      `≤ ${VENDOR_TARGET_BYTES} B gzip`,
      `${gzip} B`,
      gzip <= VENDOR_TARGET_BYTES ? "met" : "missed",
    ]);
  }
  if (results.typecheck) {
    const ratio = results.typecheck.median.clients / results.typecheck.median.fetch;
    rows.push([
      "consumer type-check, clients vs fetch",
      "≤ 1.2×",
      `${ratio.toFixed(2)}×`,
      ratio <= 1.2 ? "met" : "missed",
    ]);
  }
  return rows.length === 0 ? [] : ["### Targets", "", table(["figure", "target", "measured", ""], rows), ""];
}

export function renderReport(results) {
  const { machine, versions } = results;
  const load = (values) => values.map((value) => value.toFixed(2)).join(", ");
  const out = [
    `_Generated by \`pnpm bench\` on ${results.date.slice(0, 16).replace("T", " ")} UTC${results.quick ? " (quick run: short rounds)" : ""}._`,
    "",
    `- Machine: ${machine.cpus} CPUs, ${machine.cpuModel}, ${machine.memoryGiB.toFixed(1)} GiB memory, ${machine.platform}; load average ${load(machine.loadAverageAtStart)} at the start, ${load(machine.loadAverageAtEnd)} at the end`,
    `- Node ${versions.node}, pnpm ${versions.pnpm}; ${Object.entries(versions.packages)
      .map(([name, version]) => `${name} ${version}`)
      .join(", ")}`,
    `- ${Object.entries(versions.tools)
      .map(([name, version]) => `${name} ${version}`)
      .join(", ")}`,
    "",
  ];
  out.push(...targets(results));
  if (results.calls) out.push(...calls(results));
  if (results.memory) out.push(...memory(results));
  if (results.size) out.push(...size(results));
  if (results.typecheck) out.push(...typecheck(results));
  if (results.build) out.push(...build(results));
  return out.join("\n").trimEnd();
}
