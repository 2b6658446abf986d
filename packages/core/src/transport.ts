import { AbortedError, ConnectionError, InvalidResponseError, TimeoutError, isRetryableStatus, type ApiErrorInit } from "./errors.js";
import { redactUrl } from "./redact.js";

export type FetchLike = (input: Request, init?: RequestInit) => Promise<Response>;

/** What a hook sees of each attempt. URLs are redacted; no headers or bodies are passed. */
export interface AttemptEvent {
  vendor: string;
  operation: string;
  /** 1 for the first try. */
  attempt: number;
  method: string;
  url: string;
  status?: number;
  errorKind?: "connection" | "timeout" | "aborted";
  durationMs: number;
  requestId?: string;
  /** Milliseconds until the next attempt, when there will be one. */
  retryInMs?: number;
}

export interface Hooks {
  onAttempt?(event: AttemptEvent): void;
}

export interface RetryPolicy {
  /** Retries after the first attempt. */
  maxRetries: number;
  initialDelayMs: number;
  maxDelayMs: number;
  /** A longer `Retry-After` than this ends the retries and returns the 429/503 to the caller. */
  maxRetryAfterSeconds: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxRetries: 2, initialDelayMs: 500, maxDelayMs: 8_000, maxRetryAfterSeconds: 60 };
export const DEFAULT_TIMEOUT_MS = 30_000;
/** Far above any documented response of these endpoints; a larger body is refused unread. */
export const DEFAULT_MAX_RESPONSE_BYTES = 4 * 1024 * 1024;

export interface AttemptContext {
  vendor: string;
  operation: string;
  fetch: FetchLike;
  timeoutMs: number;
  retry: RetryPolicy;
  /**
   * Whether sending the request twice is harmless. When false, only failures that prove the
   * server did not act on the request are retried: refused connections, 408 and 429.
   */
  idempotent: boolean;
  signal?: AbortSignal;
  hooks?: Hooks;
  requestIdHeaders: readonly string[];
  secrets: () => readonly string[];
  maxResponseBytes: number;
}

/** Seconds to wait from a `Retry-After` header (delta-seconds or HTTP-date). */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now) / 1000));
}

/** Exponential backoff with jitter: up to a quarter of each delay is random, so clients spread out. */
export function backoffDelay(retryNumber: number, policy: RetryPolicy, random = Math.random): number {
  const base = Math.min(policy.initialDelayMs * 2 ** retryNumber, policy.maxDelayMs);
  return Math.round(base * (1 - random() * 0.25));
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/** Node and undici put the socket error code on `cause`; browsers tell nothing. */
function wasRefused(error: unknown): boolean {
  const cause = (error as { cause?: { code?: string } } | undefined)?.cause;
  return cause?.code === "ECONNREFUSED";
}

export function readRequestId(response: Response, headers: readonly string[]): string | undefined {
  for (const name of headers) {
    const value = response.headers.get(name);
    if (value) return value;
  }
  return undefined;
}

/** Refuses a body over the limit: at once when `Content-Length` says so, else while it streams. */
function limitBody(response: Response, maxBytes: number, tooLarge: () => Error): Response {
  const declared = response.headers.get("content-length");
  if (declared !== null) {
    if (Number(declared) <= maxBytes) return response;
    void response.body?.cancel().catch(() => undefined);
    throw tooLarge();
  }
  if (!response.body) return response;
  let received = 0;
  const limited = response.body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        received += chunk.byteLength;
        if (received > maxBytes) controller.error(tooLarge());
        else controller.enqueue(chunk);
      },
    }),
  );
  return new Response(limited, { status: response.status, statusText: response.statusText, headers: response.headers });
}

/** Request bodies that can be sent again as they are, by the request built from them. */
const reusableBodies = new WeakMap<Request, string>();

/**
 * The `Request` class core's openapi-fetch client builds requests with. It remembers a body
 * given as a string (openapi-fetch's JSON), so that a retry can rebuild the request instead of
 * every attempt copying the body stream, and the global fetch can be handed the string itself.
 */
export class ReplayableRequest extends Request {
  constructor(input: RequestInfo | URL, init?: RequestInit) {
    super(input, init);
    if (typeof init?.body === "string") reusableBodies.set(this, init.body);
  }
}

/**
 * The fetch clients use when given none: the global one, handed the body of a request core
 * built along with it, which spares undici piping the request's body stream through a copy.
 * (A fetch passed in options gets the request and `{ signal }` only.)
 */
export const defaultFetch: FetchLike = (input, init) => {
  const body = reusableBodies.get(input);
  return globalThis.fetch(input, body === undefined ? init : { ...init, body });
};

/**
 * A fetch for one call: every attempt gets its own timeout (and follows the caller's signal),
 * and failed attempts are retried as the policy allows. Failures without a response are
 * thrown as the client's own errors. `done()` ends the last timeout once the body is read.
 */
export function createAttemptFetch(context: AttemptContext): FetchLike & { timedOut(): boolean; done(): void } {
  const { vendor, operation, retry, signal: callerSignal, idempotent, timeoutMs } = context;
  const onAttempt = context.hooks?.onAttempt;
  const fail = <E>(ErrorClass: new (init: ApiErrorInit) => E, message: string, init?: Partial<ApiErrorInit>) =>
    new ErrorClass({ vendor, operation, secrets: context.secrets(), ...init, message: `${vendor} ${operation}: ${message}` });
  const aborted = (cause?: unknown) => fail(AbortedError, "aborted by the caller", { cause });
  let timedOut = false;
  let endAttempt = () => {};

  /**
   * One controller per attempt, aborted by its timer or by the caller. Cheaper than
   * `AbortSignal.timeout` joined with `AbortSignal.any`, and its timer is cleared as soon as
   * the attempt is over instead of outliving the call.
   */
  const startAttempt = (): AbortSignal => {
    endAttempt();
    timedOut = false;
    const controller = new AbortController();
    const follow = () => controller.abort(callerSignal?.reason);
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort(new DOMException(`no response within ${timeoutMs} ms`, "TimeoutError"));
    }, timeoutMs);
    if (callerSignal?.aborted) follow();
    else callerSignal?.addEventListener("abort", follow, { once: true });
    endAttempt = () => {
      clearTimeout(timer);
      callerSignal?.removeEventListener("abort", follow);
    };
    return controller.signal;
  };

  const attemptFetch = async (request: Request): Promise<Response> => {
    // Hooks are the only readers of the URL: redact it only when there is one.
    const url = onAttempt ? redactUrl(request.url, context.secrets()) : "";
    // A body that cannot be rebuilt (not a string) is copied before each send that may be retried.
    const reusable = reusableBodies.get(request);
    const rebuildable = reusable !== undefined || request.body === null;
    let outgoing = request;
    for (let retryNumber = 0; ; retryNumber++) {
      const attempt = retryNumber + 1;
      const hasRetriesLeft = retryNumber < retry.maxRetries;
      const signal = startAttempt();
      const started = onAttempt ? performance.now() : 0;
      const report = (event: Partial<AttemptEvent>) =>
        onAttempt?.({ vendor, operation, attempt, method: request.method, url, durationMs: performance.now() - started, ...event });
      const spare = hasRetriesLeft && !rebuildable ? outgoing.clone() : undefined;

      let response: Response | undefined;
      let error: unknown;
      try {
        response = await context.fetch(outgoing, { signal });
      } catch (thrown) {
        error = thrown;
      }
      let event: Partial<AttemptEvent>;
      let retryInMs: number | undefined;
      if (response) {
        const { status } = response;
        event = { status, requestId: onAttempt && readRequestId(response, context.requestIdHeaders) };
        if (hasRetriesLeft && isRetryableStatus(status) && (idempotent || status === 408 || status === 429)) {
          const retryAfter = parseRetryAfter(response.headers.get("retry-after"));
          if (retryAfter === undefined) retryInMs = backoffDelay(retryNumber, retry);
          else if (retryAfter <= retry.maxRetryAfterSeconds) retryInMs = retryAfter * 1000;
        }
      } else {
        if (callerSignal?.aborted) {
          report({ errorKind: "aborted" });
          throw aborted(error);
        }
        event = { errorKind: timedOut ? "timeout" : "connection" };
        // Without idempotency, only a refused connection proves the server did not act.
        if (hasRetriesLeft && (idempotent || (!timedOut && wasRefused(error)))) retryInMs = backoffDelay(retryNumber, retry);
      }

      if (retryInMs !== undefined) {
        report({ ...event, retryInMs });
        await response?.body?.cancel().catch(() => undefined);
        endAttempt();
        await sleep(retryInMs, callerSignal).catch(() => undefined);
        if (!callerSignal?.aborted) {
          outgoing = spare ?? (reusable === undefined ? request : new ReplayableRequest(request, { body: reusable }));
          continue;
        }
        if (response) throw aborted();
      }
      report(event);
      if (response) {
        const bodyLimit = context.maxResponseBytes;
        return limitBody(response, bodyLimit, () => fail(InvalidResponseError, `the response body exceeds ${bodyLimit} bytes`, { status: response.status, requestId: readRequestId(response, context.requestIdHeaders) }));
      }
      if (callerSignal?.aborted) throw aborted(error);
      if (timedOut) throw fail(TimeoutError, `no response within ${timeoutMs} ms (attempt ${attempt})`, { cause: error, retryable: true });
      const reason = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message;
      throw fail(ConnectionError, `connection failed (${reason})`, { cause: error, retryable: true });
    }
  };
  // The body is read after the fetch resolves; a stall there counts against the last attempt's timeout.
  return Object.assign(attemptFetch, { timedOut: () => timedOut, done: () => endAttempt() });
}
