import type { RateLimiter } from "./transport.js";

/** At most `limit` request starts in any `intervalMs` (a sliding window, which also keeps a fixed window's limit). */
export interface RateWindow {
  limit: number;
  intervalMs: number;
}

/** A vendor's limits, as its spec's `x-rate-limits` states them and `src/generated/limits.ts` carries them. */
export interface RateLimits {
  /** Requests in flight at once. */
  concurrency?: number;
  /** Every window applies at once, e.g. 200 a minute and 50 in 10 seconds. */
  windows: readonly RateWindow[];
}

/**
 * Where the request budget lives. The in-process default is `createMemoryStore()`; several
 * processes sharing one API key could share one budget through a store backed by a shared
 * database that implements these methods atomically.
 *
 * A request counts against a window from the moment it is reserved until a window's length
 * after it ended. Counting from its end, not its start, errs on the safe side of the server's
 * count (which starts somewhere between the two), however long the request took to arrive.
 */
export interface RateLimitStore {
  /**
   * Reserves one request at `now` when every window has room and no pause holds, and returns 0;
   * otherwise reserves nothing and returns the milliseconds until one may fit.
   */
  reserve(windows: readonly RateWindow[], now: number): number | Promise<number>;
  /** A reserved request ended at `now`: from now on it counts until a window's length has passed. */
  settle(windows: readonly RateWindow[], now: number): void | Promise<void>;
  /** Holds every reservation until `until` (a 429 or a spent budget said so). An earlier `until` than the current hold changes nothing. */
  pause(until: number): void | Promise<void>;
}

export interface RateLimiterOptions extends Partial<RateLimits> {
  /** Default: a store in this process's memory. */
  store?: RateLimitStore;
  /** Milliseconds on a monotonic clock. Default `performance.now`: `Date.now`'s whole milliseconds would let a short window end up to 1 ms early. */
  now?: () => number;
  /** Pause after a 429 without `Retry-After`: `initialMs`, doubled on each 429 in a row up to `maxMs`. Default 1 000 and 60 000. */
  backoff?: { initialMs?: number; maxMs?: number };
  /** The longest pause a `Retry-After` may impose, in milliseconds. Default 300 000. */
  maxPauseMs?: number;
}

export interface InProcessRateLimiter extends Required<RateLimiter> {
  /** Requests started and not yet ended. */
  readonly inFlight: number;
  /** Callers waiting in `acquire`. */
  readonly waiting: number;
  /** The windows in force: the configured ones, plus any a response's `X-Ratelimit-*` headers announced. */
  readonly windows: readonly RateWindow[];
}

/** Keeps each window's requests in memory: how many are in flight, and when the others ended. */
export function createMemoryStore(): RateLimitStore {
  const counts = new Map<string, { inFlight: number; ended: number[] }>();
  let pausedUntil = 0;
  const countOf = (window: RateWindow) => {
    const key = `${window.limit}/${window.intervalMs}`;
    let count = counts.get(key);
    if (!count) {
      count = { inFlight: 0, ended: [] };
      counts.set(key, count);
    }
    return count;
  };
  return {
    reserve(windows, now) {
      let wait = Math.max(0, pausedUntil - now);
      const all = windows.map((window) => {
        const count = countOf(window);
        // End times are appended as requests end, so the list is sorted: expired ones lead.
        let expired = 0;
        while (expired < count.ended.length && count.ended[expired]! <= now - window.intervalMs) expired++;
        if (expired > 0) count.ended.splice(0, expired);
        const over = count.inFlight + count.ended.length - window.limit;
        if (over >= 0) {
          // Room comes when `over + 1` ended requests leave the window; if too few have ended, when more do (checked again then).
          wait = Math.max(
            wait,
            over < count.ended.length ? count.ended[over]! + window.intervalMs - now : window.intervalMs,
          );
        }
        return count;
      });
      if (wait > 0) return wait;
      for (const count of all) count.inFlight++;
      return 0;
    },
    settle(windows, now) {
      for (const window of windows) {
        const count = countOf(window);
        count.inFlight = Math.max(0, count.inFlight - 1);
        count.ended.push(now);
      }
    },
    pause(until) {
      pausedUntil = Math.max(pausedUntil, until);
    },
  };
}

/**
 * A limiter for one process: at most `concurrency` requests in flight, and request starts kept
 * within every window. Callers are served first come, first served. It slows down when the
 * server says so: a 429 pauses every start (for `Retry-After` when given, else an exponential
 * backoff), `X-Ratelimit-Remaining: 0` pauses until one slot of the window frees, and a window
 * announced in `X-Ratelimit-Limit` / `X-Ratelimit-Interval` that is stricter than the configured
 * ones is added to them.
 */
export function createRateLimiter(options: RateLimiterOptions = {}): InProcessRateLimiter {
  const concurrency = options.concurrency ?? Number.POSITIVE_INFINITY;
  if (!(concurrency >= 1)) throw new RangeError("createRateLimiter: concurrency must be at least 1");
  const windows: RateWindow[] = (options.windows ?? []).map(checkWindow);
  const store = options.store ?? createMemoryStore();
  const now = options.now ?? (() => performance.now());
  const initialBackoffMs = options.backoff?.initialMs ?? 1_000;
  const maxBackoffMs = options.backoff?.maxMs ?? 60_000;
  const maxPauseMs = options.maxPauseMs ?? 300_000;

  type Waiter = { grant: (release: () => void) => void };
  const queue: Waiter[] = [];
  let inFlight = 0;
  let rateLimitedInARow = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let pumping = false;
  let pumpAgain = false;

  function release(reserved: readonly RateWindow[]) {
    inFlight--;
    void Promise.resolve(store.settle(reserved, now()))
      .catch(() => undefined)
      .then(() => pump());
  }

  /** Grants starts in queue order while the concurrency and the store allow. */
  async function pump(): Promise<void> {
    if (pumping) {
      pumpAgain = true;
      return;
    }
    pumping = true;
    try {
      do {
        pumpAgain = false;
        while (queue.length > 0 && inFlight < concurrency) {
          // The windows as they are now: one learned later is not charged for this request.
          const reserved = [...windows];
          const wait = await store.reserve(reserved, now());
          if (wait > 0) {
            schedule(wait);
            break;
          }
          const waiter = queue.shift();
          // The only waiter aborted while the store answered: the reservation ends unused.
          if (!waiter) {
            await store.settle(reserved, now());
            break;
          }
          inFlight++;
          let released = false;
          waiter.grant(() => {
            if (released) return;
            released = true;
            release(reserved);
          });
        }
      } while (pumpAgain);
    } finally {
      pumping = false;
    }
  }

  function schedule(waitMs: number) {
    clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      void pump();
    }, Math.ceil(waitMs));
  }

  function pauseFor(ms: number) {
    const until = now() + Math.min(ms, maxPauseMs);
    void Promise.resolve(store.pause(until)).catch(() => undefined);
    if (queue.length > 0) schedule(ms);
  }

  function learnWindow(headers: Headers) {
    const limit = Number(headers.get("x-ratelimit-limit"));
    const intervalSeconds = Number(headers.get("x-ratelimit-interval"));
    if (!Number.isInteger(limit) || limit < 1 || !(intervalSeconds > 0)) return;
    const intervalMs = intervalSeconds * 1000;
    // A configured window at least as strict over at least as long already covers it.
    if (
      windows.some(
        (window) => window.intervalMs >= intervalMs && window.limit <= limit * (window.intervalMs / intervalMs),
      )
    )
      return;
    windows.push({ limit, intervalMs });
    return { limit, intervalMs };
  }

  return {
    get inFlight() {
      return inFlight;
    },
    get waiting() {
      return queue.length;
    },
    get windows() {
      return windows;
    },

    acquire(signal) {
      return new Promise<() => void>((resolve, reject) => {
        if (signal?.aborted) return reject(signal.reason);
        const onAbort = () => {
          const at = queue.indexOf(waiter);
          if (at >= 0) queue.splice(at, 1);
          reject(signal!.reason);
        };
        const waiter: Waiter = {
          grant(releaseOnce) {
            signal?.removeEventListener("abort", onAbort);
            resolve(releaseOnce);
          },
        };
        signal?.addEventListener("abort", onAbort, { once: true });
        queue.push(waiter);
        void pump();
      });
    },

    observe({ status, headers }) {
      const learned = learnWindow(headers);
      if (status === 429) {
        const retryAfterMs = parseRetryAfterMs(headers.get("retry-after"));
        pauseFor(retryAfterMs ?? Math.min(initialBackoffMs * 2 ** rateLimitedInARow, maxBackoffMs));
        rateLimitedInARow++;
        return;
      }
      rateLimitedInARow = 0;
      const remaining = headers.get("x-ratelimit-remaining");
      const window = learned ?? windowFromHeaders(headers);
      // The server's count says the window is spent (another client may share it): wait for one slot to free.
      if (remaining !== null && Number(remaining) <= 0 && window) pauseFor(window.intervalMs / window.limit);
    },
  };
}

function windowFromHeaders(headers: Headers): RateWindow | undefined {
  const limit = Number(headers.get("x-ratelimit-limit"));
  const intervalSeconds = Number(headers.get("x-ratelimit-interval"));
  return limit >= 1 && intervalSeconds > 0 ? { limit, intervalMs: intervalSeconds * 1000 } : undefined;
}

function checkWindow(window: RateWindow): RateWindow {
  if (!Number.isInteger(window.limit) || window.limit < 1 || !(window.intervalMs > 0)) {
    throw new RangeError(
      `createRateLimiter: a window needs an integer limit >= 1 and intervalMs > 0, got ${JSON.stringify(window)}`,
    );
  }
  return { limit: window.limit, intervalMs: window.intervalMs };
}

/** `Retry-After` as milliseconds from now: delta seconds, or an HTTP date read against the wall clock. */
function parseRetryAfterMs(value: string | null): number | undefined {
  if (value === null || value.trim() === "") return undefined;
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}
