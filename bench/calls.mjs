// Per-call time, throughput and heap of one case, against its loopback server.
//   node --expose-gc bench/calls.mjs timing <case file>   → JSON on stdout
//   node --expose-gc bench/calls.mjs memory <case file>
import { fork } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import createClient from "openapi-fetch";

const [mode, file] = process.argv.slice(2);
const { default: benchCase } = await import(pathToFileURL(file).href);
const env = (name, fallback) => Number(process.env[name] ?? fallback);
const quick = process.env.BENCH_QUICK === "1";
const settings = {
  warmup: env("BENCH_WARMUP", quick ? 300 : 2_000),
  calls: env("BENCH_CALLS", quick ? 300 : 2_000),
  rounds: env("BENCH_ROUNDS", quick ? 3 : 10),
  concurrency: 64,
  throughputCalls: env("BENCH_THROUGHPUT_CALLS", quick ? 2_000 : 10_000),
  throughputRounds: env("BENCH_THROUGHPUT_ROUNDS", quick ? 2 : 3),
  memoryCalls: env("BENCH_MEMORY_CALLS", quick ? 10_000 : 100_000),
};

async function startServer() {
  const child = fork(new URL("./lib/server.mjs", import.meta.url), [file], {
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const port = await new Promise((resolve, reject) => {
    child.once("message", (message) => resolve(message.port));
    child.once("exit", (code) => reject(new Error(`the bench server exited with ${code}`)));
  });
  return { baseUrl: `http://127.0.0.1:${port}`, stop: () => child.kill() };
}

// The opt-in server transport, once built, is a fourth contender: the vendor client sending through it.
const undiciFetchDist = fileURLToPath(new URL("../packages/undici-fetch/dist/index.js", import.meta.url));
const undiciFetch = existsSync(undiciFetchDist)
  ? (await import(pathToFileURL(undiciFetchDist).href)).createUndiciFetch()
  : undefined;

/** The ways to make the same request; each throws unless the call succeeded. */
function contenders(baseUrl) {
  const api = createClient({ baseUrl });
  // The least a bare openapi-fetch user writes: a middleware that sets the credentials.
  api.use({
    onRequest({ request }) {
      for (const [name, value] of Object.entries(benchCase.authHeaders)) request.headers.set(name, value);
      return request;
    },
  });
  const client = benchCase.createClient({ baseUrl });
  const viaUndici = undiciFetch && benchCase.createClient({ baseUrl, fetch: undiciFetch });
  const callThrough = (vendorClient) => async () => {
    const { error } = await benchCase.call(vendorClient);
    if (error) throw error;
  };
  return {
    fetch: () => benchCase.rawFetch(baseUrl, benchCase.authHeaders),
    "openapi-fetch": async () => {
      const { error, response } = await benchCase.openapiFetch(api);
      if (error !== undefined || !response.ok) throw new Error(`openapi-fetch: HTTP ${response.status}`);
    },
    [benchCase.vendor]: callThrough(client),
    ...(viaUndici ? { [`${benchCase.vendor} + undici-fetch`]: callThrough(viaUndici) } : {}),
  };
}

async function sequential(call, count) {
  for (let i = 0; i < count; i++) await call();
}

async function inFlight(call, count, concurrency) {
  let started = 0;
  const worker = async () => {
    while (started < count) {
      started++;
      await call();
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

const seconds = (start) => Number(process.hrtime.bigint() - start) / 1e9;

/** Rotates the order every round, so that drift on the machine hits every contender alike. */
async function alternate(entries, rounds, measure) {
  const results = Object.fromEntries(entries.map(([name]) => [name, []]));
  for (let round = 0; round < rounds; round++) {
    for (let i = 0; i < entries.length; i++) {
      const [name, call] = entries[(round + i) % entries.length];
      results[name].push(await measure(call));
    }
  }
  return results;
}

/** Heap used once garbage is gone: collections spaced by short waits, so that finalizers and closing sockets settle. */
async function heapAfterGc() {
  for (let i = 0; i < 5; i++) {
    globalThis.gc();
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return process.memoryUsage().heapUsed;
}

const server = await startServer();
try {
  const all = contenders(server.baseUrl);
  if (mode === "timing") {
    const entries = Object.entries(all);
    for (const [, call] of entries) await sequential(call, settings.warmup);
    // Wall time per call, and this process's CPU time per call: the latter is what the
    // client code costs, and stays readable when other work shares the machine.
    const perCall = await alternate(entries, settings.rounds, async (call) => {
      const cpu = process.cpuUsage();
      const start = process.hrtime.bigint();
      await sequential(call, settings.calls);
      const wall = seconds(start);
      const { user, system } = process.cpuUsage(cpu);
      return { wallUs: (wall / settings.calls) * 1e6, cpuUs: (user + system) / settings.calls };
    });
    const pick = (key) =>
      Object.fromEntries(Object.entries(perCall).map(([name, rounds]) => [name, rounds.map((round) => round[key])]));
    const callsPerSecond = await alternate(entries, settings.throughputRounds, async (call) => {
      const start = process.hrtime.bigint();
      await inFlight(call, settings.throughputCalls, settings.concurrency);
      return settings.throughputCalls / seconds(start);
    });
    console.log(
      JSON.stringify({
        vendor: benchCase.vendor,
        settings,
        perCallUs: pick("wallUs"),
        cpuPerCallUs: pick("cpuUs"),
        callsPerSecond,
      }),
    );
  } else if (mode === "memory") {
    // The vendor client alone, many calls in flight; heap measured after full collections.
    const call = all[benchCase.vendor];
    await inFlight(call, settings.warmup, settings.concurrency);
    const heap = [{ calls: 0, bytes: await heapAfterGc() }];
    for (const calls of [settings.memoryCalls / 2, settings.memoryCalls]) {
      await inFlight(call, settings.memoryCalls / 2, settings.concurrency);
      heap.push({ calls, bytes: await heapAfterGc() });
    }
    console.log(JSON.stringify({ vendor: benchCase.vendor, settings, heap }));
  } else {
    throw new Error(`unknown mode ${mode}: timing or memory`);
  }
} finally {
  server.stop();
  await undiciFetch?.close();
}
