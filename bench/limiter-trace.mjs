// Where a request's time goes while it holds a slot of the rate limiter: Commerce Layer at time x30
// against the simulator with `trace`, per request. `node bench/limiter-trace.mjs [updates] [calls in flight]`;
// CORE=<dir> takes another build of core's dist, STORE=start counts requests from their start only.
// Per request: limiter grant → fetch call → server arrival → server answer → response headers → limiter release.
import { fork } from "node:child_process";
import { once } from "node:events";
import { AsyncLocalStorage } from "node:async_hooks";
const coreDir = process.env.CORE ?? "../packages/core/dist";
const { createRateLimiter, runBulk, createMemoryStore } = await import(`${coreDir}/index.js`);
const { createCommerceLayerClient } = await import("../packages/commercelayer/dist/index.js");
const N = Number(process.argv[2] ?? 3000),
  conc = Number(process.argv[3] ?? 16);
const windows = [
  { limit: 200, intervalMs: 2000 },
  { limit: 50, intervalMs: 10000 / 30 },
];
const child = fork(
  new URL("./lib/simulator.mjs", import.meta.url),
  [
    JSON.stringify({
      vendor: "commercelayer",
      windows,
      faults: { reset: 0.001, unavailable: 0.001, rateLimited: 0.001 },
      rateLimitHeaders: true,
      seed: 7,
      trace: true,
    }),
  ],
  { stdio: ["ignore", "inherit", "inherit", "ipc"] },
);
const [{ port }] = await once(child, "message");
const als = new AsyncLocalStorage();
const mem = createMemoryStore();
const reserves = [];
const fromStart = process.env.STORE === "start";
const store = {
  reserve(w, n) {
    const r = mem.reserve(w, n);
    if (fromStart && r === 0) mem.settle(w, n);
    reserves.push([performance.timeOrigin + n, r, w.length]);
    return r;
  },
  settle: (w, n) => (fromStart ? undefined : mem.settle(w, n)),
  pause(u) {
    reserves.push([performance.timeOrigin + performance.now(), -1, u - performance.now()]);
    return mem.pause(u);
  },
};
const inner = createRateLimiter({ store, windows, backoff: { initialMs: 1000 / 30, maxMs: 2000 } });
const rec = new Map();
const at = () => performance.timeOrigin + performance.now();
const limiter = {
  async acquire(signal) {
    const id = als.getStore();
    const release = await inner.acquire(signal);
    const r = { granted: at() };
    rec.set(id, r);
    return () => {
      r.released = at();
      release();
    };
  },
  observe(a) {
    inner.observe(a);
  },
};
const fetchT = async (req, init) => {
  const id = als.getStore();
  const r = rec.get(id);
  r.fetchAt = at();
  const res = await fetch(req, init);
  r.headersAt = at();
  return res;
};
let lagSum = 0,
  lagN = 0,
  last = performance.now();
const lagTimer = setInterval(() => {
  const n = performance.now();
  lagSum += n - last - 10;
  lagN++;
  last = n;
}, 10);
const client = createCommerceLayerClient({
  baseUrl: `http://127.0.0.1:${port}`,
  auth: { accessToken: "t" },
  rateLimiter: limiter,
  fetch: fetchT,
  retryDelay: { initialDelayMs: 500 / 30, maxDelayMs: 8000 / 30 },
});
const items = Array.from({ length: N }, (_, n) => `c${n}`);
const t0 = at();
for await (const _outcome of runBulk(
  items,
  (id, { signal }) => als.run(id, () => client.updateCustomer(id, { reference: "r" }, { signal })),
  { concurrency: conc },
));
const dur = at() - t0;
clearInterval(lagTimer);
child.send({ type: "stats" });
let stats;
for (;;) {
  const [m] = await once(child, "message");
  if (m.type === "stats") {
    stats = m.stats;
    break;
  }
}
child.kill();
const d = {
  grantToFetch: [],
  fetchToArrival: [],
  arrivalToAnswer: [],
  answerToHeaders: [],
  headersToRelease: [],
  hold: [],
};
for (const [id, arr, ans] of stats.trace) {
  const r = rec.get(id);
  if (!r?.released) continue;
  const A = stats.timeOrigin + arr,
    B = stats.timeOrigin + ans;
  d.grantToFetch.push(r.fetchAt - r.granted);
  d.fetchToArrival.push(A - r.fetchAt);
  d.arrivalToAnswer.push(B - A);
  d.answerToHeaders.push(r.headersAt - B);
  d.headersToRelease.push(r.released - r.headersAt);
  d.hold.push(r.released - r.granted);
}
const all = [...rec.values()].filter((r) => r.released);
let bind333 = 0,
  bind2000 = 0,
  neither = 0;
for (const r of all) {
  if (r.granted - t0 < 2500) continue;
  const held = (I) => all.filter((o) => o !== r && o.granted < r.granted && o.released > r.granted - I).length;
  const a = held(10000 / 30) >= 49,
    b = held(2000) >= 199;
  if (a) bind333++;
  if (b) bind2000++;
  if (!a && !b) neither++;
}
console.log(
  `grants after 2.5 s at which the 333 ms window was (nearly) full: ${bind333}, the 2000 ms window: ${bind2000}, neither: ${neither}`,
);
{
  let blocked = 0,
    late = [],
    pauses = 0,
    pauseMs = 0;
  for (let i = 0; i < reserves.length; i++) {
    const [t, w, x] = reserves[i];
    if (w === -1) {
      pauses++;
      pauseMs += x;
      continue;
    }
    if (w > 0) {
      blocked++;
      const next = reserves.slice(i + 1).find((r) => r[1] !== -1);
      if (next) late.push(next[0] - t - w);
    }
  }
  late.sort((a, b) => a - b);
  console.log(
    `reserve calls ${reserves.length}, blocked ${blocked}, pauses ${pauses} (${pauseMs.toFixed(0)} ms asked), next reserve after blocked minus wait: p10 ${late[Math.floor(late.length * 0.1)]?.toFixed(1)} p50 ${late[Math.floor(late.length * 0.5)]?.toFixed(1)} p90 ${late[Math.floor(late.length * 0.9)]?.toFixed(1)}`,
  );
  const g = [...rec.values()].map((r) => r.granted).sort((a, b) => a - b);
  const per = {};
  for (const x of g) {
    const b = Math.floor((x - t0) / 1000);
    per[b] = (per[b] ?? 0) + 1;
  }
  console.log("grants per second:", Object.values(per).join(" "));
}
const q = (a, p) => {
  const s = [...a].sort((x, y) => x - y);
  return +s[Math.floor(p * (s.length - 1))].toFixed(1);
};
const mean = (a) => +(a.reduce((x, y) => x + y, 0) / a.length).toFixed(1);
const first = Math.min(...stats.acceptedAt),
  steadyFrom = first + 2000,
  steady = stats.acceptedAt.filter((t) => t > steadyFrom);
console.log(
  `store=${process.env.STORE ?? "end"} core=${coreDir} N=${N} conc=${conc} dur=${(dur / 1000).toFixed(1)}s share=${(steady.length / ((Math.max(...steady) - steadyFrom) / 1000) / 100).toFixed(3)} overLimit=${stats.overLimit.length} lagMean=${(lagSum / lagN).toFixed(1)}`,
);
for (const [k, v] of Object.entries(d))
  console.log(`${k.padEnd(18)} mean ${mean(v)}  p50 ${q(v, 0.5)}  p90 ${q(v, 0.9)}  p99 ${q(v, 0.99)}`);
