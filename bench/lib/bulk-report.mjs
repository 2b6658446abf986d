// The bulk part of BENCHMARKS.md, from bench/bulk.mjs's results.
const table = (head, rows) =>
  [
    `| ${head.join(" | ")} |`,
    `| ${head.map(() => "---").join(" | ")} |`,
    ...rows.map((row) => `| ${row.join(" | ")} |`),
  ].join("\n");
const share = (value) => (value === undefined ? "n/a" : value.toFixed(3));
const percent = (value) => `${(value * 100).toFixed(2)} %`;
const mib = (bytes) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

function limitsText({ concurrency, windows }, scale) {
  const parts = windows.map((w) => `${w.limit} per ${((w.intervalMs * scale) / 1000).toFixed(0)} s`);
  if (concurrency) parts.push(`${concurrency} in flight`);
  return parts.length ? parts.join(", ") : "none documented";
}

export function renderBulkReport(bulk) {
  const out = ["### Bulk updates at the documented limits", ""];
  const { reset, unavailable, rateLimited } = bulk.faults;
  out.push(
    `${bulk.updates} updates per vendor and contender against a loopback simulator (\`bench/lib/simulator.mjs\`) that answers 429 past the vendor's documented limits ` +
      `(from its spec's \`x-rate-limits\`, with time scaled down so that the allowed rate is 100 requests a second), takes 5 ms to answer, ` +
      `and injects faults that apply nothing: connection resets (${percent(reset)}), 503s (${percent(unavailable)}) and 429s (${percent(rateLimited)}). ` +
      "Contenders: `Promise.all` over every call; a `p-limit` loop at the documented concurrency (or 8); core's `runBulk` with `createRateLimiter` from the spec's limits. " +
      "All three use the vendor client, so core's retries apply to each. " +
      "**Rate share**: requests accepted per second once the first window has passed, over the allowed rate (target ≥ 0.95). " +
      "**429 after the first window**: 429s for exceeding the limits (injected ones excluded), as a share of all requests (target < 1 %). " +
      "**Lost**: updates reported as done that the simulator never applied, or with no outcome; **applied twice**: customers the simulator applied more than once (target 0 for both). " +
      "Failed updates are reported per input, so nothing failed is lost.",
    "",
  );
  for (const vendor of bulk.vendors) {
    out.push(
      `**${vendor.vendor}**: ${limitsText(vendor.limits, vendor.scale)}${vendor.scale > 1 ? `, time ×${vendor.scale}` : ""}${vendor.batchSize > 1 ? `, ${vendor.batchSize} customers per call` : ""}`,
      "",
    );
    out.push(
      table(
        [
          "contender",
          "time",
          "requests",
          "succeeded",
          "failed",
          "lost",
          "applied twice",
          "429 past limits",
          "429 after 1st window",
          "rate share",
          "load avg",
          "timer lag",
        ],
        vendor.runs.map((run) => [
          run.contender,
          seconds(run.durationMs),
          String(run.requests),
          String(run.succeeded),
          String(run.failed),
          String(run.lost),
          String(run.appliedTwice),
          String(run.overLimit),
          percent(run.overLimitShareAfterFirstWindow),
          share(run.rateShare),
          run.loadAverage ? `${run.loadAverage[0].toFixed(1)} → ${run.loadAverage[1].toFixed(1)}` : "n/a",
          run.lagMs === undefined ? "n/a" : `${run.lagMs.toFixed(1)} ms`,
        ]),
      ),
      "",
    );
  }
  if (bulk.cli) {
    const { cli } = bulk;
    out.push(
      "**CLI memory**: `customer-clients sync capillary` streaming " +
        `${cli.rows} NDJSON rows (batches of 100, no limit enforced): checked in ${seconds(cli.checkedAtMs)}, all sent in ${seconds(cli.durationMs)}, ` +
        `exit ${cli.exitCode}, ${cli.resultLines} result lines. Resident memory (RSS) through the run:`,
      "",
      table(
        ["10 %", "25 %", "50 %", "75 %", "95 %", "peak"],
        [[cli.rss.at10, cli.rss.at25, cli.rss.at50, cli.rss.at75, cli.rss.at95, cli.rss.peak].map(mib)],
      ),
      "",
    );
  }
  return out.join("\n");
}
