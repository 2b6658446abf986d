// A loopback stand-in for one vendor's update endpoint that enforces the vendor's documented
// limits (requests in flight, sliding windows, with time scaled down) and injects faults:
// connection resets, 503s and 429s, none of which applies the update. It counts how often each
// customer was applied, so that lost and doubled updates show.
//   fork(simulator.mjs, [JSON config]) → sends { port }; answers { type: "stats" } and { type: "reset" }.
// Config: { vendor, concurrency?, windows: [{ limit, intervalMs }] (already scaled), faults: { reset, unavailable, rateLimited }, seed,
//          rateLimitHeaders (X-Ratelimit-* as Commerce Layer sends them), serviceMs (time to answer a success, default 5) }
import { createServer } from "node:http";

const config = JSON.parse(process.argv[2]);
const {
  vendor,
  concurrency = Number.POSITIVE_INFINITY,
  windows = [],
  faults = {},
  rateLimitHeaders = false,
  serviceMs = 5,
} = config;

// A small seeded generator, so that two runs inject the same faults at the same request numbers.
let seed = config.seed ?? 1;
const random = () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
  return seed / 2 ** 31;
};

let stats;
function reset() {
  stats = {
    requests: 0,
    accepted: 0,
    acceptedAt: [],
    overLimit: [],
    injected: { reset: 0, unavailable: 0, rateLimited: 0 },
    applied: new Map(),
    firstAt: undefined,
    lastAt: undefined,
    maxInFlight: 0,
    trace: [],
  };
  arrivals = windows.map(() => []);
}
let arrivals;
let inFlight = 0;
reset();

const now = () => performance.now();

/** The customers a request updates, by key, and the success body for them. */
const ROUTES = {
  pexip: {
    method: "PATCH",
    match: /^\/customers\/([^/?]+)$/,
    keys: (m) => [m[1]],
    answer: (keys) =>
      json({
        data: {
          id: keys[0],
          existing: true,
          createdAt: "2022-08-17T19:05:21.362Z",
          updatedAt: "2022-08-17T19:05:21.362Z",
          deletedAt: null,
        },
      }),
  },
  commercelayer: {
    method: "PATCH",
    match: /^\/api\/customers\/([^/?]+)$/,
    keys: (m) => [m[1]],
    answer: (keys) =>
      json(
        {
          data: {
            id: keys[0],
            type: "customers",
            attributes: {
              email: "c@example.com",
              status: "prospect",
              has_password: false,
              created_at: "2018-01-01T12:00:00.000Z",
              updated_at: "2018-01-01T12:00:00.000Z",
              metadata: {},
            },
            meta: { mode: "test" },
          },
        },
        "application/vnd.api+json",
      ),
  },
  xtrakit: {
    method: "PUT",
    match: /^\/api\/v1\/customers\/([^/?]+)$/,
    keys: (m) => [m[1]],
    answer: (keys) =>
      json({
        status: 200,
        message: "Customer updated successfully",
        data: {
          customer: {
            id: Number(keys[0].replace(/\D/g, "")) || 1,
            customer_name: "N",
            created_at: "2024-08-04 08:23:45",
            updated_at: "2024-08-04 02:00:43",
          },
          "customer-group": [],
        },
      }),
  },
  experience: {
    method: "POST",
    match: /^\/api\/xp-store-bookings\/customers$/,
    keys: (_, body) => body.customers.map((customer) => customer.reference),
    answer: (keys) => ({ type: "text/plain", body: `${keys.length} customers updated` }),
  },
  capillary: {
    method: "PUT",
    match: /^\/v1\.1\/customer\/update$/,
    keys: (_, body) => body.root.customer.map((customer) => customer.mobile),
    answer: (keys, body) =>
      json({
        response: {
          status: {
            success: "true",
            code: 200,
            message: "SUCCESS",
            total: String(keys.length),
            success_count: String(keys.length),
          },
          customers: {
            customer: body.root.customer.map((customer) => ({
              ...customer,
              user_id: "100",
              item_status: {
                success: "true",
                code: "1000",
                message: "Customer successfully updated",
                warnings: { warning: [] },
              },
            })),
          },
        },
      }),
  },
};
const route = ROUTES[vendor];
function json(value, type = "application/json") {
  return { type, body: JSON.stringify(value) };
}

/** Whether a request arriving now fits every window; if so it is counted. */
function admit(time) {
  for (let w = 0; w < windows.length; w++) {
    const list = arrivals[w];
    while (list.length > 0 && list[0] <= time - windows[w].intervalMs) list.shift();
    if (list.length >= windows[w].limit) return false;
  }
  for (const list of arrivals) list.push(time);
  return true;
}

function rateHeaders() {
  if (!rateLimitHeaders || windows.length === 0) return {};
  // Commerce Layer's headers describe the burst window: the shortest.
  const w = windows.reduce((a, b) => (a.intervalMs <= b.intervalMs ? a : b));
  const index = windows.indexOf(w);
  return {
    "x-ratelimit-limit": String(w.limit),
    "x-ratelimit-interval": String(w.intervalMs / 1000),
    "x-ratelimit-remaining": String(Math.max(0, w.limit - arrivals[index].length)),
  };
}

const server = createServer((req, res) => {
  const time = now();
  stats.requests++;
  stats.firstAt ??= time;
  stats.lastAt = time;
  inFlight++;
  stats.maxInFlight = Math.max(stats.maxInFlight, inFlight);
  // In flight from arrival until answered (or reset), as the vendor's counter would see it.
  let ended = false;
  const end = () => {
    if (!ended) inFlight--;
    ended = true;
  };
  res.on("close", end);
  const answer = res.end.bind(res);
  res.end = (...args) => {
    end();
    return answer(...args);
  };
  const chunks = [];
  req.on("data", (chunk) => chunks.push(chunk));
  req.on("end", () => {
    const roll = random();
    if (roll < (faults.reset ?? 0)) {
      stats.injected.reset++;
      end();
      req.socket.destroy();
      return;
    }
    if (roll < (faults.reset ?? 0) + (faults.unavailable ?? 0)) {
      stats.injected.unavailable++;
      return res.writeHead(503, { "content-type": "text/plain" }).end("Service Unavailable");
    }
    if (roll < (faults.reset ?? 0) + (faults.unavailable ?? 0) + (faults.rateLimited ?? 0)) {
      stats.injected.rateLimited++;
      return res
        .writeHead(429, { "content-type": "application/json" })
        .end(
          '{"errors":[{"message":"Too many requests","code":"RATE_LIMITED","type":"RateLimitError","statusCode":"429"}]}',
        );
    }
    // The check counts this request among those in flight.
    if (inFlight > concurrency || !admit(time)) {
      stats.overLimit.push(time);
      return res
        .writeHead(429, { "content-type": "application/json", ...rateHeaders() })
        .end(
          '{"errors":[{"message":"Too many requests","code":"RATE_LIMITED","type":"RateLimitError","statusCode":"429"}]}',
        );
    }
    const url = new URL(req.url, "http://localhost");
    const match = req.method === route.method ? route.match.exec(url.pathname) : null;
    if (!match) return res.writeHead(404).end();
    const body = chunks.length ? JSON.parse(Buffer.concat(chunks).toString("utf8")) : undefined;
    const keys = route.keys(match, body);
    for (const key of keys) stats.applied.set(key, (stats.applied.get(key) ?? 0) + 1);
    if (config.trace) res.on("finish", () => stats.trace.push([keys[0], time, now()]));
    stats.accepted++;
    stats.acceptedAt.push(time);
    const success = route.answer(keys, body);
    const headers = { "content-type": success.type, ...rateHeaders() };
    // The vendor takes a while to answer; meanwhile the request counts as in flight.
    setTimeout(() => res.writeHead(200, headers).end(success.body), serviceMs);
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, "127.0.0.1", () => process.send({ port: server.address().port }));

process.on("message", (message) => {
  if (message.type === "reset") {
    reset();
    process.send({ type: "reset" });
  }
  if (message.type === "stats") {
    const counts = [...stats.applied.values()];
    process.send({
      type: "stats",
      stats: {
        requests: stats.requests,
        accepted: stats.accepted,
        acceptedAt: stats.acceptedAt,
        overLimit: stats.overLimit,
        injected: stats.injected,
        appliedKeys: stats.applied.size,
        appliedTwice: counts.filter((count) => count > 1).length,
        applied: Object.fromEntries(stats.applied),
        firstAt: stats.firstAt,
        lastAt: stats.lastAt,
        maxInFlight: stats.maxInFlight,
        ...(config.trace ? { trace: stats.trace, timeOrigin: performance.timeOrigin } : {}),
      },
    });
  }
});
process.on("disconnect", () => process.exit(0));
