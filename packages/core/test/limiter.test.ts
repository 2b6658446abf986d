import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createMemoryStore, createRateLimiter, type RateLimitStore } from "../src/limiter.js";

beforeEach(() => {
  vi.useFakeTimers({ now: 0 });
});
afterEach(() => {
  vi.useRealTimers();
});

/** Acquires `count` times and records when each was granted (fake-clock milliseconds); each request ends at once unless `hold`. */
function acquireMany(
  limiter: ReturnType<typeof createRateLimiter>,
  count: number,
  { hold = false, signal }: { hold?: boolean; signal?: AbortSignal } = {},
) {
  const granted: number[] = [];
  const releases: Array<() => void> = [];
  const settled = Array.from({ length: count }, (_, n) =>
    limiter.acquire(signal).then((release) => {
      granted[n] = Date.now();
      releases[n] = release;
      if (!hold) release();
    }),
  );
  return { granted, releases, settled };
}

const headers = (init: Record<string, string>) => new Headers(init);

describe("createRateLimiter", () => {
  it("lets at most `concurrency` requests run, and the next start waits for a release", async () => {
    const limiter = createRateLimiter({ now: Date.now, concurrency: 2 });
    const { granted, releases } = acquireMany(limiter, 3, { hold: true });
    await vi.advanceTimersByTimeAsync(0);
    expect(granted.filter((t) => t !== undefined)).toHaveLength(2);
    expect(limiter.waiting).toBe(1);
    releases[0]!();
    releases[0]!(); // a second call of the same release frees nothing more
    await vi.advanceTimersByTimeAsync(0);
    expect(granted[2]).toBe(0);
    expect(limiter.inFlight).toBe(2);
  });

  it("keeps starts within a sliding window and serves waiters in order", async () => {
    const limiter = createRateLimiter({ now: Date.now, windows: [{ limit: 3, intervalMs: 1000 }] });
    const first = acquireMany(limiter, 2);
    await vi.advanceTimersByTimeAsync(400);
    const second = acquireMany(limiter, 4);
    await vi.advanceTimersByTimeAsync(5000);
    // 0, 0 and 400; then each start waits for the start three before it to leave the window.
    expect([...first.granted, ...second.granted]).toEqual([0, 0, 400, 1000, 1000, 1400]);
  });

  it("counts a request against a window until a window's length after it ended", async () => {
    const limiter = createRateLimiter({ now: Date.now, windows: [{ limit: 2, intervalMs: 1000 }] });
    const held = acquireMany(limiter, 2, { hold: true });
    const next = acquireMany(limiter, 1);
    await vi.advanceTimersByTimeAsync(1500);
    // Both still in flight: no room, however long ago they started.
    expect(next.granted).toEqual([]);
    held.releases[0]!();
    await vi.advanceTimersByTimeAsync(999);
    expect(next.granted).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(next.granted).toEqual([2500]);
  });

  describe("against a server that counts a request when it arrives", () => {
    /**
     * Sends `count` requests through `limiter`. Each is answered `holdMs` after its start and
     * reaches the server either at once or just before its answer (the worst cases: the client
     * cannot tell which); returns the arrival times the server counted.
     */
    async function arrivals(limiter: ReturnType<typeof createRateLimiter>, count: number) {
      let seed = 11;
      const random = () => {
        seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
        return seed / 2 ** 31;
      };
      const arrived: number[] = [];
      const sent = Array.from({ length: count }, () =>
        limiter.acquire().then(async (release) => {
          const holdMs = Math.floor(random() * 600);
          const lateArrival = random() < 0.5;
          if (!lateArrival) arrived.push(Date.now());
          await new Promise((resolve) => setTimeout(resolve, holdMs));
          if (lateArrival) arrived.push(Date.now());
          release();
        }),
      );
      await vi.advanceTimersByTimeAsync(120_000);
      await Promise.all(sent);
      return arrived.sort((a, b) => a - b);
    }

    /** The most arrivals in any window of `intervalMs` (a sliding window, as the server keeps it). */
    function busiestWindow(arrived: number[], intervalMs: number) {
      let most = 0;
      for (let last = 0, first = 0; last < arrived.length; last++) {
        while (arrived[first]! <= arrived[last]! - intervalMs) first++;
        most = Math.max(most, last - first + 1);
      }
      return most;
    }

    it("never lets it see more than the limit in a window, however the round trips fall", async () => {
      const limiter = createRateLimiter({ now: Date.now, windows: [{ limit: 3, intervalMs: 1000 }] });
      const arrived = await arrivals(limiter, 60);
      expect(arrived).toHaveLength(60);
      expect(busiestWindow(arrived, 1000)).toBe(3);
    });

    it("would let it see more if a request stopped counting a window after it started", async () => {
      // The same limits with a store that forgets when requests end: each counts from its start only.
      const memory = createMemoryStore();
      const fromStart: RateLimitStore = {
        reserve(windows, now) {
          const wait = memory.reserve(windows, now);
          if (wait === 0) memory.settle(windows, now);
          return wait;
        },
        settle() {},
        pause: (until) => memory.pause(until),
      };
      const limiter = createRateLimiter({ now: Date.now, store: fromStart, windows: [{ limit: 3, intervalMs: 1000 }] });
      expect(busiestWindow(await arrivals(limiter, 60), 1000)).toBeGreaterThan(3);
    });
  });

  it("applies every window at once", async () => {
    const limiter = createRateLimiter({
      now: Date.now,
      windows: [
        { limit: 4, intervalMs: 10_000 },
        { limit: 2, intervalMs: 1000 },
      ],
    });
    const { granted } = acquireMany(limiter, 6);
    await vi.advanceTimersByTimeAsync(30_000);
    expect(granted).toEqual([0, 0, 1000, 1000, 10_000, 10_000]);
  });

  it("pauses every start for Retry-After after a 429", async () => {
    const limiter = createRateLimiter({ now: Date.now });
    limiter.observe({ status: 429, headers: headers({ "retry-after": "2" }) });
    const { granted } = acquireMany(limiter, 2);
    await vi.advanceTimersByTimeAsync(1999);
    expect(granted).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(granted).toEqual([2000, 2000]);
  });

  it("backs off exponentially after 429s without Retry-After, and starts over after a success", async () => {
    const limiter = createRateLimiter({ now: Date.now, backoff: { initialMs: 100, maxMs: 250 } });
    const waits: number[] = [];
    for (const status of [429, 429, 429, 200, 429]) {
      limiter.observe({ status, headers: new Headers() });
      const start = Date.now();
      const grant = limiter.acquire().then((release) => {
        waits.push(Date.now() - start);
        release();
      });
      await vi.advanceTimersByTimeAsync(300);
      await grant;
    }
    expect(waits).toEqual([100, 200, 250, 0, 100]);
  });

  it("adds a stricter window that X-Ratelimit headers announce, and waits a slot when Remaining is 0", async () => {
    const limiter = createRateLimiter({ now: Date.now, windows: [{ limit: 100, intervalMs: 60_000 }] });
    limiter.observe({
      status: 200,
      headers: headers({ "x-ratelimit-limit": "2", "x-ratelimit-interval": "10", "x-ratelimit-remaining": "1" }),
    });
    expect(limiter.windows).toEqual([
      { limit: 100, intervalMs: 60_000 },
      { limit: 2, intervalMs: 10_000 },
    ]);
    // A looser window than the configured ones teaches nothing.
    limiter.observe({
      status: 200,
      headers: headers({ "x-ratelimit-limit": "500", "x-ratelimit-interval": "60", "x-ratelimit-remaining": "400" }),
    });
    expect(limiter.windows).toHaveLength(2);

    const other = createRateLimiter({ now: Date.now });
    other.observe({
      status: 200,
      headers: headers({ "x-ratelimit-limit": "50", "x-ratelimit-interval": "10", "x-ratelimit-remaining": "0" }),
    });
    const { granted } = acquireMany(other, 1);
    await vi.advanceTimersByTimeAsync(199);
    expect(granted).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(granted).toEqual([200]);
  });

  it("rejects a waiting acquire with the signal's reason and gives its turn to the next", async () => {
    const limiter = createRateLimiter({ now: Date.now, concurrency: 1 });
    const holder = await limiter.acquire();
    const controller = new AbortController();
    const aborted = limiter.acquire(controller.signal);
    const next = limiter.acquire();
    controller.abort(new Error("stop"));
    await expect(aborted).rejects.toThrow("stop");
    expect(limiter.waiting).toBe(1);
    holder();
    await expect(next).resolves.toBeTypeOf("function");
    await expect(limiter.acquire(AbortSignal.abort(new Error("already")))).rejects.toThrow("already");
  });

  it("shares one budget between limiters using the same store", async () => {
    const store = createMemoryStore();
    const a = createRateLimiter({ now: Date.now, store, windows: [{ limit: 3, intervalMs: 1000 }] });
    const b = createRateLimiter({ now: Date.now, store, windows: [{ limit: 3, intervalMs: 1000 }] });
    const fromA = acquireMany(a, 2);
    const fromB = acquireMany(b, 2);
    await vi.advanceTimersByTimeAsync(0);
    expect([...fromA.granted, ...fromB.granted].filter((t) => t !== undefined)).toHaveLength(3);
    // A 429 seen by one pauses the other too.
    await vi.advanceTimersByTimeAsync(1000);
    a.observe({ status: 429, headers: headers({ "retry-after": "5" }) });
    const later = acquireMany(b, 1);
    await vi.advanceTimersByTimeAsync(4000);
    expect(later.granted).toEqual([]);
    await vi.advanceTimersByTimeAsync(1000);
    expect(later.granted).toEqual([6000]);
  });

  it("refuses limits that cannot be met", () => {
    expect(() => createRateLimiter({ concurrency: 0 })).toThrow(RangeError);
    expect(() => createRateLimiter({ windows: [{ limit: 0, intervalMs: 1000 }] })).toThrow(RangeError);
  });
});
