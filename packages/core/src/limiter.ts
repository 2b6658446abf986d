/** Gates every request a client sends: API calls, their retries and token exchanges. */
export interface RateLimiter {
  /** Resolves when one more request may start; call the returned function once when that request has ended (response read, or failed). Rejects with the signal's reason if `signal` aborts first. */
  acquire(signal?: AbortSignal): Promise<() => void>;
  /** Core calls this after every HTTP response (API or token endpoint), before deciding on a retry. */
  observe?(answer: { status: number; headers: Headers }): void;
}

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
 * database that implements these two methods atomically.
 */
export interface RateLimitStore {
  /**
   * Records one request start at `now` when every window has room and no pause holds, and
   * returns 0; otherwise records nothing and returns the milliseconds until a start may fit.
   */
  reserve(windows: readonly RateWindow[], now: number): number | Promise<number>;
  /** Holds every start until `until` (a 429 or a spent budget said so). An earlier `until` than the current hold changes nothing. */
  pause(until: number): void | Promise<void>;
}

export interface RateLimiterOptions extends Partial<RateLimits> {
  /** Default: a store in this process's memory. */
  store?: RateLimitStore;
  /** Milliseconds on a monotonic-enough clock. Default `Date.now`. */
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

/** Keeps each window's recent start times in memory. */
export function createMemoryStore(): RateLimitStore {
  const starts = new Map<string, number[]>();
  let pausedUntil = 0;
  return {
    reserve(windows, now) {
      let wait = Math.max(0, pausedUntil - now);
      const lists = windows.map((window) => {
        const key = `${window.limit}/${window.intervalMs}`;
        let list = starts.get(key);
        if (!list) starts.set(key, (list = []));
        // Starts older than the window no longer count.
        let expired = 0;
        while (expired < list.length && list[expired]! <= now - window.intervalMs) expired++;
        if (expired > 0) list.splice(0, expired);
        if (list.length >= window.limit) wait = Math.max(wait, list[list.length - window.limit]! + window.intervalMs - now);
        return list;
      });
      if (wait > 0) return wait;
      for (const list of lists) list.push(now);
      return 0;
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
  const now = options.now ?? Date.now;
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

  function release() {
    inFlight--;
    void pump();
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
          const wait = await store.reserve(windows, now());
          if (wait > 0) {
            schedule(wait);
            break;
          }
          const waiter = queue.shift();
          // The only waiter aborted while the store answered: the reserved start goes unused, which errs on the safe side.
          if (!waiter) break;
          inFlight++;
          let released = false;
          waiter.grant(() => {
            if (released) return;
            released = true;
            release();
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
    if (windows.some((window) => window.intervalMs >= intervalMs && window.limit <= limit * (window.intervalMs / intervalMs))) return;
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
    throw new RangeError(`createRateLimiter: a window needs an integer limit >= 1 and intervalMs > 0, got ${JSON.stringify(window)}`);
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
