// The one path every request of every client takes: credentials, rate limiter, fetch without
// redirects, the body read within the attempt's timeout and size limit, retries by one rule.
import { raceSignal } from "./auth.js";
import {
  AbortedError,
  ConnectionError,
  CustomerApiError,
  InvalidResponseError,
  TimeoutError,
  isRetryableStatus,
  type ApiError,
  type ApiErrorInit,
  type ErrorClass,
} from "./errors.js";
import { redactText, redactUrl, type SecretStore } from "./redact.js";

export type FetchLike = (input: Request, init?: RequestInit) => Promise<Response>;

/** What a hook sees of each attempt. URLs and request ids are redacted; no headers or bodies are passed. */
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
  /** Called after every attempt. An exception thrown here is ignored. */
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

/** Gates every request a client sends: API calls, their retries and token exchanges. */
export interface RateLimiter {
  /**
   * Resolves when one more request may start; call the returned function once when that request
   * has ended (response read, or failed). Rejects with the signal's reason if `signal` aborts first.
   */
  acquire(signal?: AbortSignal): Promise<() => void>;
  /** Called after every HTTP response (API or token endpoint), before a retry is decided. */
  observe?(answer: { status: number; headers: Headers }): void;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxRetries: 2,
  initialDelayMs: 500,
  maxDelayMs: 8_000,
  maxRetryAfterSeconds: 60,
};
export const DEFAULT_TIMEOUT_MS = 30_000;
/** Far above any documented response of these endpoints; a larger body is refused. */
export const DEFAULT_MAX_RESPONSE_BYTES = 4 * 1024 * 1024;

/** What one client's transport is made of. */
export interface TransportOptions {
  vendor: string;
  fetch?: FetchLike;
  timeoutMs: number;
  retry: RetryPolicy;
  hooks?: Hooks;
  requestIdHeaders: readonly string[];
  secrets: SecretStore;
  maxResponseBytes: number;
  rateLimiter?: RateLimiter;
}

/** One request and how it may be sent. */
export interface Exchange {
  operation: string;
  url: string;
  method: string;
  headers: Headers;
  body?: string;
  /**
   * Whether sending the request twice is harmless. When false, only failures that prove the
   * server did not act on it are retried: refused connections, 408 and 429.
   */
  idempotent: boolean;
  signal?: AbortSignal;
  timeoutMs: number;
  maxRetries: number;
  /** Sets the credentials on each attempt's headers. */
  authorize?: (headers: Headers, signal: AbortSignal) => Promise<void>;
  /** The request id errors carry when the server sends none. */
  requestId?: string;
}

/** A response read whole: status 200-599, never a redirect, the body as text within the size limit. */
export interface Answer {
  response: Response;
  text: string;
  /** The headers the last attempt was sent with, credentials included. */
  sentHeaders: Headers;
  requestId: string | undefined;
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

/**
 * Whether a failed fetch proves the connection was refused, so the server never saw the request.
 * Node and undici put `ECONNREFUSED` on the cause, Bun `ConnectionRefused` on the error, Deno
 * says "Connection refused" in the message. Browsers and workerd tell nothing: their failures
 * count as possibly received.
 */
export function wasRefused(error: unknown): boolean {
  let current = error;
  for (let depth = 0; depth < 5 && current !== null && typeof current === "object"; depth++) {
    const { code, message } = current as { code?: unknown; message?: unknown };
    if (
      (typeof code === "string" && /^(ECONNREFUSED|ConnectionRefused)$/.test(code)) ||
      (typeof message === "string" && /ECONNREFUSED|connection refused/i.test(message))
    )
      return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

function readRequestId(headers: Headers, names: readonly string[]): string | undefined {
  for (const name of names) {
    const value = headers.get(name);
    if (value) return value;
  }
  return undefined;
}

/** Statuses whose responses have no body, which `new Response()` refuses one for. */
const NULL_BODY_STATUSES = new Set([204, 205, 304]);

/** A response with the same status and headers whose body is `text`, for openapi-fetch to parse. */
export function bufferedResponse(response: Response, text: string): Response {
  const init = { status: response.status, statusText: response.statusText, headers: response.headers };
  const body = NULL_BODY_STATUSES.has(response.status) ? null : text;
  try {
    return new Response(body, init);
  } catch {
    // A status text `Response` refuses.
    return new Response(body, { status: response.status, headers: response.headers });
  }
}

/** Reads a body as text, refusing it once the decoded bytes pass `maxBytes`. */
async function readLimited(response: Response, maxBytes: number, tooLarge: () => Error): Promise<string> {
  const declared = Number(response.headers.get("content-length") ?? Number.NaN);
  if (declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw tooLarge();
  }
  if (!response.body) return "";
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let received = 0;
  let text = "";
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return text + decoder.decode();
    received += value.byteLength;
    if (received > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    text += decoder.decode(value, { stream: true });
  }
}

/** Where an attempt stood when it failed: before anything was sent, or after. */
type Phase = "limiter" | "credentials" | "sending" | "reading";

/**
 * Sends one request: every attempt gets fresh credentials, waits for the rate limiter, gets its own
 * timeout (following the caller's signal), is sent without following redirects, and is read
 * whole within the size limit. Failed attempts are retried as `isRetryableStatus` and the
 * connection rules allow. Resolves with the last answer (any status 200-599), or throws the
 * client's own error.
 */
export async function send(options: TransportOptions, exchange: Exchange): Promise<Answer> {
  const { vendor, retry, hooks, secrets } = options;
  const { operation, idempotent, signal: callerSignal, timeoutMs, maxRetries } = exchange;
  const fail = (ErrorClass: ErrorClass, message: string, init?: Partial<ApiErrorInit>) =>
    new ErrorClass({
      vendor,
      operation,
      requestId: exchange.requestId,
      ...init,
      secrets: secrets.list(),
      message: `${vendor} ${operation}: ${message}`,
    });
  const url = hooks?.onAttempt ? redactUrl(exchange.url, secrets.list()) : "";
  const report = (event: Omit<AttemptEvent, "vendor" | "operation" | "method" | "url">) => {
    try {
      hooks?.onAttempt?.({ vendor, operation, method: exchange.method, url, ...event });
    } catch {
      // A hook cannot change the outcome of a call.
    }
  };
  const origin = new URL(exchange.url).origin;

  for (let retryNumber = 0; ; retryNumber++) {
    const attempt = retryNumber + 1;
    const retriesLeft = retryNumber < maxRetries;
    if (callerSignal?.aborted) throw fail(AbortedError, "aborted by the caller", { cause: callerSignal.reason });

    let phase: Phase = "credentials";
    let timedOut = false;
    const controller = new AbortController();
    const follow = () => controller.abort(callerSignal?.reason);
    callerSignal?.addEventListener("abort", follow, { once: true });
    let timer: ReturnType<typeof setTimeout> | undefined;
    let release: (() => void) | undefined;
    const started = Date.now();
    const sentHeaders = new Headers(exchange.headers);
    let response: Response | undefined;
    let text = "";
    let failure: unknown;
    try {
      const startTimer = () => {
        timer = setTimeout(() => {
          timedOut = true;
          controller.abort(new DOMException(`no response within ${timeoutMs} ms`, "TimeoutError"));
        }, timeoutMs);
      };
      // Credentials before the limiter: a request holding a place in the limiter must not wait
      // for a token exchange that needs a place too, or a full limiter waits for ever.
      phase = "credentials";
      startTimer();
      await exchange.authorize?.(sentHeaders, controller.signal);
      clearTimeout(timer);
      // Waiting for the limiter is not part of the attempt: only the caller's signal ends it.
      phase = "limiter";
      if (options.rateLimiter)
        release = await raceSignal(() => options.rateLimiter!.acquire(controller.signal), controller.signal);
      startTimer();
      phase = "sending";
      response = await fetchOnce(options.fetch, exchange, sentHeaders, controller.signal);
      options.rateLimiter?.observe?.({ status: response.status, headers: response.headers });
      phase = "reading";
      checkLanding(response, origin, fail);
      const limit = options.maxResponseBytes;
      const status = response.status;
      text = await readLimited(response, limit, () =>
        fail(InvalidResponseError, `the response body exceeds ${limit} bytes`, { status, code: "response_too_large" }),
      );
    } catch (thrown) {
      failure = thrown;
    } finally {
      clearTimeout(timer);
      callerSignal?.removeEventListener("abort", follow);
      release?.();
    }

    const durationMs = Date.now() - started;
    const requestId = response && readRequestId(response.headers, options.requestIdHeaders);
    const shownRequestId = requestId === undefined ? undefined : redactText(requestId, secrets.list());
    if (failure === undefined && response) {
      const { status } = response;
      let retryInMs: number | undefined;
      if (retriesLeft && isRetryableStatus(status, idempotent)) {
        const retryAfter = parseRetryAfter(response.headers.get("retry-after"));
        if (retryAfter === undefined) retryInMs = backoffDelay(retryNumber, retry);
        else if (retryAfter <= retry.maxRetryAfterSeconds) retryInMs = retryAfter * 1000;
      }
      report({ attempt, status, durationMs, requestId: shownRequestId, retryInMs });
      if (retryInMs === undefined) return { response, text, sentHeaders, requestId: requestId ?? exchange.requestId };
      await sleep(retryInMs, callerSignal).catch(() => undefined);
      continue;
    }

    // The attempt failed without an answer to give: classify by what happened, not by the error.
    if (failure instanceof CustomerApiError && !(callerSignal?.aborted || timedOut)) {
      report({ attempt, status: failure.status, durationMs, requestId: shownRequestId });
      throw failure;
    }
    if (callerSignal?.aborted) {
      report({ attempt, errorKind: "aborted", durationMs });
      throw fail(AbortedError, "aborted by the caller", { cause: callerSignal.reason });
    }
    const sent = phase === "sending" || phase === "reading";
    if (timedOut && !sent) {
      report({ attempt, errorKind: "timeout", durationMs });
      throw fail(TimeoutError, `no credential within ${timeoutMs} ms, nothing was sent`, {
        cause: failure,
        code: "credential_timeout",
      });
    }
    const refused = phase === "sending" && !timedOut && wasRefused(failure);
    // Without idempotency, only a refused connection proves the server did not act.
    const retryable = idempotent || refused;
    const retryInMs = retriesLeft && retryable ? backoffDelay(retryNumber, retry) : undefined;
    report({ attempt, errorKind: timedOut ? "timeout" : "connection", durationMs, retryInMs });
    if (retryInMs !== undefined) {
      await sleep(retryInMs, callerSignal).catch(() => undefined);
      continue;
    }
    const unsafe =
      retriesLeft && !retryable
        ? `; not retried: the server may have received it, and ${operation} is not idempotent`
        : "";
    if (timedOut) {
      const what = phase === "reading" ? "the response body did not arrive" : "no response";
      throw fail(TimeoutError, `${what} within ${timeoutMs} ms (attempt ${attempt})${unsafe}`, {
        cause: failure,
        retryable,
      });
    }
    const reason = describeFailure(failure);
    const where = phase === "reading" ? "while reading the response" : "";
    throw fail(ConnectionError, `connection failed ${where}(${reason})${unsafe}`.replace("  ", " "), {
      cause: failure,
      retryable,
      status: response?.status,
    });
  }
}

function fetchOnce(
  fetch: FetchLike | undefined,
  exchange: Exchange,
  headers: Headers,
  signal: AbortSignal,
): Promise<Response> {
  const init: RequestInit = { method: exchange.method, headers, body: exchange.body, signal, redirect: "manual" };
  // The global fetch takes the body as it is; a fetch passed in options gets a Request.
  if (!fetch) return globalThis.fetch(exchange.url, init);
  return fetch(new Request(exchange.url, init), { signal, redirect: "manual" });
}

/**
 * Refuses an answer that is not the configured origin's own: a redirect (which would carry the
 * credentials and the body elsewhere), a response a custom fetch followed a redirect to, or a
 * status outside 200-599.
 */
function checkLanding(
  response: Response,
  origin: string,
  fail: (ErrorClass: typeof InvalidResponseError, message: string, init?: Partial<ApiErrorInit>) => ApiError,
): void {
  const { status } = response;
  const elsewhere = response.redirected || (response.url !== "" && new URL(response.url).origin !== origin);
  if (response.type === "opaqueredirect" || (status >= 300 && status <= 399) || elsewhere) {
    void response.body?.cancel().catch(() => undefined);
    throw fail(
      InvalidResponseError,
      `the server answered with a redirect (HTTP ${status}); redirects are not followed`,
      { status: status || undefined, code: "redirect" },
    );
  }
  if (status < 200 || status > 599) {
    void response.body?.cancel().catch(() => undefined);
    throw fail(InvalidResponseError, `the server answered with HTTP status ${status}, outside 200-599`, {
      status,
      code: "invalid_status",
    });
  }
}

function describeFailure(failure: unknown): string {
  const error = failure as { cause?: { code?: unknown }; code?: unknown; message?: unknown } | undefined;
  const code = error?.cause?.code ?? error?.code;
  if (typeof code === "string") return code;
  return typeof error?.message === "string" ? error.message : String(failure);
}
