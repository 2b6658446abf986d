import { AbortedError, ConnectionError, InvalidResponseError, TimeoutError, isRetryableStatus } from "./errors.js";
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

/**
 * A fetch for one call: every attempt gets a fresh timeout signal (joined to the caller's),
 * and failed attempts are retried as the policy allows. Failures without a response are
 * thrown as the client's own errors.
 */
export function createAttemptFetch(context: AttemptContext): FetchLike & { timedOut(): boolean } {
  let lastTimeout: AbortSignal | undefined;
  const { vendor, operation, retry } = context;

  const attemptFetch = async (request: Request): Promise<Response> => {
    const url = redactUrl(request.url, context.secrets());
    for (let retryNumber = 0; ; retryNumber++) {
      const attempt = retryNumber + 1;
      const hasRetriesLeft = retryNumber < retry.maxRetries;
      const timeout = AbortSignal.timeout(context.timeoutMs);
      lastTimeout = timeout;
      const signal = context.signal ? AbortSignal.any([context.signal, timeout]) : timeout;
      const started = performance.now();
      const report = (event: Partial<AttemptEvent>) =>
        context.hooks?.onAttempt?.({ vendor, operation, attempt, method: request.method, url, durationMs: performance.now() - started, ...event });

      let response: Response;
      try {
        // Retries need the body again, so every attempt sends a copy.
        response = await context.fetch(hasRetriesLeft ? request.clone() : request, { signal });
      } catch (error) {
        const errorInit = { vendor, operation, cause: error, secrets: context.secrets() };
        if (context.signal?.aborted) {
          report({ errorKind: "aborted" });
          throw new AbortedError({ ...errorInit, message: `${vendor} ${operation}: aborted by the caller` });
        }
        const isTimeout = timeout.aborted;
        const retryable = isTimeout ? context.idempotent : context.idempotent || wasRefused(error);
        if (retryable && hasRetriesLeft) {
          const retryInMs = backoffDelay(retryNumber, retry);
          report({ errorKind: isTimeout ? "timeout" : "connection", retryInMs });
          await sleep(retryInMs, context.signal).catch(() => undefined);
          if (!context.signal?.aborted) continue;
        }
        report({ errorKind: isTimeout ? "timeout" : "connection" });
        if (context.signal?.aborted) throw new AbortedError({ ...errorInit, message: `${vendor} ${operation}: aborted by the caller` });
        if (isTimeout) {
          throw new TimeoutError({ ...errorInit, retryable: true, message: `${vendor} ${operation}: no response within ${context.timeoutMs} ms (attempt ${attempt})` });
        }
        const reason = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message;
        throw new ConnectionError({ ...errorInit, retryable: true, message: `${vendor} ${operation}: connection failed (${reason})` });
      }

      const requestId = readRequestId(response, context.requestIdHeaders);
      const status = response.status;
      const retryable = isRetryableStatus(status) && (context.idempotent || status === 408 || status === 429);
      if (retryable && hasRetriesLeft) {
        const retryAfter = parseRetryAfter(response.headers.get("retry-after"));
        if (retryAfter === undefined || retryAfter <= retry.maxRetryAfterSeconds) {
          const retryInMs = retryAfter === undefined ? backoffDelay(retryNumber, retry) : retryAfter * 1000;
          report({ status, requestId, retryInMs });
          await response.body?.cancel().catch(() => undefined);
          await sleep(retryInMs, context.signal).catch(() => undefined);
          if (context.signal?.aborted) throw new AbortedError({ vendor, operation, message: `${vendor} ${operation}: aborted by the caller` });
          continue;
        }
      }
      report({ status, requestId });
      return limitBody(response, context.maxResponseBytes, () =>
        new InvalidResponseError({ vendor, operation, status, requestId, message: `${vendor} ${operation}: the response body exceeds ${context.maxResponseBytes} bytes` }),
      );
    }
  };
  // The body is read after the fetch resolves; a stall there counts against the last attempt's timeout.
  return Object.assign(attemptFetch, { timedOut: () => lastTimeout?.aborted === true });
}
