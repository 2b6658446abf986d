// Bulk updates against each vendor's documented limits, on a loopback simulator (time scaled
// down), for three ways of sending them: a naive Promise.all, a p-limit loop, and core's bulk
// runner with the rate limiter. Then the memory of the CLI while it streams a large file.
//   node bench/bulk.mjs            → JSON on stdout (bench/run.mjs renders it)
//   BENCH_QUICK=1                  → 2 000 updates per vendor and 100 000 CLI rows
//   BENCH_BULK_UPDATES, BENCH_CLI_ROWS, BENCH_VENDORS=pexip,...  override
import { fork, spawn } from "node:child_process";
import { createWriteStream, mkdirSync, readFileSync, rmSync } from "node:fs";
import { once } from "node:events";
import os from "node:os";
import { fileURLToPath } from "node:url";
import pLimit from "p-limit";
import { parse } from "yaml";
import { createCapillaryClient } from "../packages/capillary/dist/index.js";
import { createCommerceLayerClient } from "../packages/commercelayer/dist/index.js";
import { createRateLimiter, runBulk, runBulkBatches } from "../packages/core/dist/index.js";
import { createExperienceClient } from "../packages/experience/dist/index.js";
import { createPexipClient } from "../packages/pexip/dist/index.js";
import { createXtrakitClient } from "../packages/xtrakit/dist/index.js";

const root = fileURLToPath(new URL("../", import.meta.url));
const quick = process.env.BENCH_QUICK === "1";
const UPDATES = Number(process.env.BENCH_BULK_UPDATES ?? (quick ? 2_000 : 10_000));
const CLI_ROWS = Number(process.env.BENCH_CLI_ROWS ?? (quick ? 100_000 : 1_000_000));
const FAULTS = { reset: 0.001, unavailable: 0.001, rateLimited: 0.001 };
const log = (message) => console.error(`bench bulk: ${message}`);

/**
 * Per vendor: how much faster than real time the simulator runs (windows shrink by `scale`),
 * customers per call, and how to make a client and send one call. Scales are chosen so that the
 * allowed rate is 100 requests a second: well below what client and simulator manage together
 * on a busy two-core machine, so that the limits, not the machine, bound the rate.
 */
const SETUPS = {
  pexip: {
    operation: "updateCustomer",
    scale: 2,
    client: (options) => createPexipClient({ ...options, enterprise: "acme", auth: "bench-token" }),
    ...oneById(() => ({ firstName: "N" })),
  },
  commercelayer: {
    operation: "updateCustomer",
    scale: 30,
    rateLimitHeaders: true,
    client: (options) => createCommerceLayerClient({ ...options, auth: { accessToken: "bench-token" } }),
    ...oneById((n) => ({ reference: `r${n}` })),
  },
  capillary: {
    operation: "updateCustomers",
    scale: 20,
    client: (options) => createCapillaryClient({ ...options, auth: { username: "till", password: "bench-password" } }),
    ...tenPerCall((n) => ({ mobile: `91${String(n).padStart(10, "0")}`, firstname: "N" }), "mobile"),
  },
  experience: {
    operation: "updateCustomers",
    scale: 1,
    client: (options) =>
      createExperienceClient({ ...options, partnerToken: "bench-partner", hotelToken: "bench-hotel" }),
    ...tenPerCall((n) => ({ reference: `c${n}`, firstname: "N" }), "reference"),
  },
  xtrakit: {
    operation: "updateCustomer",
    scale: 1,
    client: (options) => createXtrakitClient({ ...options, apiKey: "bench-key" }),
    ...oneById(() => ({
      customer_name: "N",
      customer_phone: "+233244567890",
      customer_country: "Ghana",
      customer_city: "Accra",
      customer_state: "Greater Accra",
      address1: "1 Main Street",
      created_by: "bench",
    })),
  },
};

/** For `updateCustomer(id, fields)`: one customer a call, `fields(n)` the n-th one's update. */
function oneById(fields) {
  return {
    batchSize: 1,
    item: (n) => ({ id: `c${n}`, fields: fields(n) }),
    key: (item) => item.id,
    send: (client, [item], signal) => client.updateCustomer(item.id, item.fields, { signal }),
  };
}

/** For `updateCustomers(customers)`: ten customers a call, `customer(n)` the n-th one, known by its `keyField`. */
function tenPerCall(customer, keyField) {
  return {
    batchSize: 10,
    item: customer,
    key: (item) => item[keyField],
    send: (client, items, signal) => client.updateCustomers(items, { signal }),
  };
}

/** The vendor's documented limits, read from its spec's x-rate-limits, with time scaled down. */
function limitsOf(vendor, operation, scale) {
  const spec = parse(readFileSync(`${root}specs/${vendor}/openapi.yaml`, "utf8"));
  for (const item of Object.values(spec.paths)) {
    for (const op of Object.values(item)) {
      if (op?.operationId === operation) {
        const limits = op["x-rate-limits"] ?? { windows: [] };
        return {
          concurrency: limits.concurrency,
          windows: (limits.windows ?? []).map((w) => ({ limit: w.requests, intervalMs: (w.seconds * 1000) / scale })),
        };
      }
    }
  }
  throw new Error(`${vendor}: no operation ${operation}`);
}

async function startSimulator(config) {
  const child = fork(new URL("./lib/simulator.mjs", import.meta.url), [JSON.stringify(config)], {
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const [{ port }] = await once(child, "message");
  const ask = async (type) => {
    child.send({ type });
    for (;;) {
      const [message] = await once(child, "message");
      if (message.type === type) return message;
    }
  };
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    stats: async () => (await ask("stats")).stats,
    reset: () => ask("reset"),
    stop: () => child.kill(),
  };
}

/**
 * How late a 10 ms timer fires in this process, on average: how busy the machine kept the
 * client. Every request's round trip, as the client sees it, grows with it.
 */
function watchLag() {
  let late = 0;
  let ticks = 0;
  let last = performance.now();
  const timer = setInterval(() => {
    const at = performance.now();
    late += Math.max(0, at - last - 10);
    ticks++;
    last = at;
  }, 10);
  return {
    stop() {
      clearInterval(timer);
      return ticks ? late / ticks : 0;
    },
  };
}

/** No limits: what the baselines send through, as a client without a limiter would. */
const unlimited = { acquire: async () => () => undefined };

function chunk(list, size) {
  const out = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

/** One outcome per item of a call's result: a call's success or error applies to each of its items. */
const perItem = (items, result) => items.map(() => (result.error ? { error: result.error } : { data: result.data }));

const CONTENDERS = {
  "Promise.all": async ({ setup, items, options }) => {
    const client = setup.client({ ...options, rateLimiter: unlimited });
    const batches = chunk(items, setup.batchSize);
    const results = await Promise.all(batches.map((batch) => setup.send(client, batch)));
    return batches.flatMap((batch, b) =>
      perItem(batch, results[b]).map((outcome, k) => ({ item: batch[k], ...outcome })),
    );
  },
  "p-limit": async ({ setup, items, options, limits }) => {
    const client = setup.client({ ...options, rateLimiter: unlimited });
    // What a careful user picks by hand: the documented concurrency, or 8.
    const limit = pLimit(limits.concurrency ?? 8);
    const batches = chunk(items, setup.batchSize);
    const results = await Promise.all(batches.map((batch) => limit(() => setup.send(client, batch))));
    return batches.flatMap((batch, b) =>
      perItem(batch, results[b]).map((outcome, k) => ({ item: batch[k], ...outcome })),
    );
  },
  "runBulk + rate limiter": async ({ setup, items, options, limits }) => {
    const limiter = createRateLimiter({
      concurrency: limits.concurrency,
      windows: limits.windows,
      backoff: { initialMs: 1000 / setup.scale, maxMs: 60_000 / setup.scale },
    });
    // Twice the documented requests in flight, so that one is ready whenever a turn frees; 16 where none is documented.
    const concurrency = limits.concurrency ? 2 * limits.concurrency : 16;
    const client = setup.client({ ...options, rateLimiter: limiter });
    const outcomes = [];
    const run =
      setup.batchSize > 1
        ? runBulkBatches(items, async (batch, { signal }) => perItem(batch, await setup.send(client, batch, signal)), {
            batchSize: setup.batchSize,
            concurrency,
          })
        : runBulk(items, async (item, { signal }) => setup.send(client, [item], signal), { concurrency });
    for await (const outcome of run) outcomes.push({ item: outcome.input, data: outcome.data, error: outcome.error });
    return outcomes;
  },
};

/** `BENCH_SCALE=commercelayer:15,capillary:10` runs those vendors at another time scale. */
const scaleOverrides = Object.fromEntries(
  (process.env.BENCH_SCALE ?? "")
    .split(",")
    .filter(Boolean)
    .map((pair) => [pair.split(":")[0], Number(pair.split(":")[1])]),
);
/** `BENCH_CONTENDERS=p-limit,...` runs some contenders only. */
const onlyContenders = process.env.BENCH_CONTENDERS?.split(",");

async function measureVendor(vendor) {
  const setup = { ...SETUPS[vendor], ...(scaleOverrides[vendor] ? { scale: scaleOverrides[vendor] } : {}) };
  const limits = limitsOf(vendor, setup.operation, setup.scale);
  const simulator = await startSimulator({
    vendor,
    concurrency: limits.concurrency,
    windows: limits.windows,
    faults: FAULTS,
    rateLimitHeaders: setup.rateLimitHeaders === true,
    seed: 7,
  });
  // Core's retry delays shrink with the simulator's time, so that a retry waits what it would in real time.
  const options = {
    baseUrl: simulator.baseUrl,
    retryDelay: { initialDelayMs: 500 / setup.scale, maxDelayMs: 8000 / setup.scale },
  };
  const allowedPerSecond = limits.windows.length
    ? Math.min(...limits.windows.map((w) => (w.limit / w.intervalMs) * 1000))
    : undefined;
  const firstWindowMs = limits.windows.length ? Math.max(...limits.windows.map((w) => w.intervalMs)) : 0;
  const runs = [];
  try {
    for (const [name, contender] of Object.entries(CONTENDERS)) {
      if (onlyContenders && !onlyContenders.includes(name)) continue;
      await simulator.reset();
      const items = Array.from({ length: UPDATES }, (_, n) => setup.item(n));
      log(`${vendor}: ${name}, ${UPDATES} updates`);
      const loadBefore = os.loadavg()[0];
      const lag = watchLag();
      const started = performance.now();
      const outcomes = await contender({ setup, items, options, limits });
      const durationMs = performance.now() - started;
      const lagMs = lag.stop();
      const stats = await simulator.stats();
      const seen = new Set();
      let succeeded = 0;
      let failed = 0;
      let lost = 0;
      for (const outcome of outcomes) {
        const key = setup.key(outcome.item);
        seen.add(key);
        if (outcome.error) failed++;
        else {
          succeeded++;
          if (!stats.applied[key]) lost++;
        }
      }
      lost += items.filter((item) => !seen.has(setup.key(item))).length;
      const activeSeconds = (stats.lastAt - stats.firstAt) / 1000;
      // The rate once the first window has passed: a sliding window lets a full window's worth through at once at the start.
      const steadyFrom = stats.firstAt + firstWindowMs;
      const steady = stats.acceptedAt.filter((time) => time > steadyFrom);
      const steadySeconds = steady.length > 1 ? (steady.at(-1) - steadyFrom) / 1000 : 0;
      const overLimitAfterFirstWindow = stats.overLimit.filter((time) => time > stats.firstAt + firstWindowMs).length;
      runs.push({
        contender: name,
        durationMs,
        requests: stats.requests,
        accepted: stats.accepted,
        succeeded,
        failed,
        lost,
        appliedTwice: stats.appliedTwice,
        overLimit: stats.overLimit.length,
        overLimitAfterFirstWindow,
        overLimitShareAfterFirstWindow: stats.requests ? overLimitAfterFirstWindow / stats.requests : 0,
        injected: stats.injected,
        maxInFlight: stats.maxInFlight,
        acceptedPerSecond: stats.accepted / activeSeconds,
        rateShare: allowedPerSecond && steadySeconds > 0 ? steady.length / steadySeconds / allowedPerSecond : undefined,
        steadySeconds,
        loadAverage: [loadBefore, os.loadavg()[0]],
        lagMs,
      });
    }
  } finally {
    simulator.stop();
  }
  return { vendor, scale: setup.scale, batchSize: setup.batchSize, limits, allowedPerSecond, runs };
}

/** The CLI streaming a large file to Capillary (no limit enforced, batches of 100): its resident memory over time. */
/** The CLI's heap limit while it streams the rows (`BENCH_CLI_HEAP_MIB`). */
const CLI_HEAP_MIB = Number(process.env.BENCH_CLI_HEAP_MIB ?? 256);

async function measureCliMemory() {
  const dir = `${root}bench/.tmp/bulk`;
  mkdirSync(dir, { recursive: true });
  const input = `${dir}/rows.ndjson`;
  const results = `${dir}/rows.results.ndjson`;
  rmSync(results, { force: true });
  const out = createWriteStream(input);
  for (let n = 0; n < CLI_ROWS; n++) {
    if (!out.write(`{"mobile":"91${String(n).padStart(10, "0")}","firstname":"N"}\n`)) await once(out, "drain");
  }
  out.end();
  await once(out, "finish");

  const simulator = await startSimulator({ vendor: "capillary", windows: [], faults: {} });
  const cli = spawn(
    process.execPath,
    [
      // A fixed heap: memory that grew with the rows would end the run, not just show in the figures.
      `--max-old-space-size=${CLI_HEAP_MIB}`,
      `${root}packages/cli/dist/cli.js`,
      "sync",
      "capillary",
      input,
      "--base-url",
      simulator.baseUrl,
      "--batch-size",
      "100",
      "--rate",
      "1000000/1s",
      "--results",
      results,
      "--quiet",
    ],
    {
      env: { ...process.env, CAPILLARY_USERNAME: "till", CAPILLARY_PASSWORD: "bench-password" },
      stdio: ["ignore", "ignore", "pipe"],
    },
  );
  const started = performance.now();
  const samples = [];
  let checkedAt;
  cli.stderr.on("data", (chunk) => {
    if (checkedAt === undefined && /rows, \d+ valid/.test(String(chunk))) checkedAt = performance.now() - started;
  });
  const timer = setInterval(() => {
    try {
      const status = readFileSync(`/proc/${cli.pid}/status`, "utf8");
      const rss = Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
      if (rss) samples.push({ atMs: performance.now() - started, rss });
    } catch {
      // The process has ended.
    }
  }, 250);
  const [code] = await once(cli, "exit");
  clearInterval(timer);
  simulator.stop();
  const durationMs = performance.now() - started;
  const resultLines = readFileSync(results, "utf8").split("\n").filter(Boolean).length;
  rmSync(dir, { recursive: true, force: true });
  const at = (share) => samples.find((sample) => sample.atMs >= share * durationMs)?.rss ?? samples.at(-1)?.rss;
  return {
    rows: CLI_ROWS,
    exitCode: code,
    resultLines,
    durationMs,
    checkedAtMs: checkedAt,
    rss: {
      at10: at(0.1),
      at25: at(0.25),
      at50: at(0.5),
      at75: at(0.75),
      at95: at(0.95),
      peak: Math.max(...samples.map((s) => s.rss)),
    },
  };
}

const only = process.env.BENCH_VENDORS?.split(",");
const vendors = [];
for (const vendor of Object.keys(SETUPS)) if (!only || only.includes(vendor)) vendors.push(await measureVendor(vendor));
log(`cli: streaming ${CLI_ROWS} rows`);
const cli = process.env.BENCH_SKIP_CLI === "1" ? undefined : await measureCliMemory();
console.log(JSON.stringify({ updates: UPDATES, faults: FAULTS, vendors, cli }));
