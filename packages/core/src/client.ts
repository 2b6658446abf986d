import * as openapiFetch from "openapi-fetch";
import type { Client } from "openapi-fetch";
import { CredentialError } from "./auth.js";
import {
  AbortedError,
  AuthenticationError,
  ConnectionError,
  CustomerApiError,
  InvalidRequestError,
  InvalidResponseError,
  TimeoutError,
  errorForStatus,
  type ApiError,
  type ApiErrorInit,
  type ParsedErrorBody,
} from "./errors.js";
import type { Result } from "./result.js";
import {
  DEFAULT_MAX_RESPONSE_BYTES,
  DEFAULT_RETRY_POLICY,
  DEFAULT_TIMEOUT_MS,
  ReplayableRequest,
  createAttemptFetch,
  defaultFetch,
  parseRetryAfter,
  readRequestId,
  type FetchLike,
  type Hooks,
  type RetryPolicy,
} from "./transport.js";
import { validate, type Schema } from "./validate.js";

/** Options every vendor client accepts, next to its own credentials. */
export interface CommonClientOptions {
  /** Overrides the vendor's production host, e.g. for a sandbox or a mock server. */
  baseUrl?: string;
  /** A fetch-compatible function; defaults to the global `fetch`. */
  fetch?: FetchLike;
  /** Milliseconds one attempt may take, headers and body. Default 30 000. */
  timeoutMs?: number;
  /** Retries after the first attempt. Default 2; 0 turns retries off. */
  maxRetries?: number;
  /** Larger response bodies are refused as `InvalidResponseError`. Default 4 MiB. */
  maxResponseBytes?: number;
  retryDelay?: Partial<Pick<RetryPolicy, "initialDelayMs" | "maxDelayMs" | "maxRetryAfterSeconds">>;
  hooks?: Hooks;
}

/** Per-call options. */
export interface CallOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
  maxRetries?: number;
  /** Retry failures that may have reached the server even though the operation is not idempotent. */
  retryNonIdempotent?: boolean;
}

/** What a vendor package tells core about itself. */
export interface VendorDefinition {
  vendor: string;
  baseUrl: string;
  /** Sets the credentials on an outgoing request. */
  authorize: (headers: Headers) => void | Promise<void>;
  /** Credential values in use, so that no error or hook can show them. */
  secrets: () => readonly string[];
  /** Pulls code, message, details and request id out of the vendor's error body. */
  parseErrorBody: (body: unknown, response: Response) => ParsedErrorBody;
  /** Response headers that carry the vendor's request id, most specific first. */
  requestIdHeaders?: readonly string[];
}

export interface InputPart {
  schema: Schema;
  value: unknown;
}

export interface OperationCall<T> {
  operation: string;
  idempotent: boolean;
  /**
   * What must satisfy the spec before anything is sent: the body, or several parts (path,
   * headers, body) checked in order, every problem reported.
   */
  input?: InputPart | readonly InputPart[];
  /** Sends the request through openapi-fetch with the given per-call fetch. */
  send: (init: { fetch: FetchLike }) => Promise<{ data?: unknown; error?: unknown; response: Response }>;
  /** Turns a 2xx body into the caller's value, or into an error when the body says the call failed. */
  read: (data: unknown, response: Response) => T | ApiError;
  /** The success body's kind: a JSON body must say so in `Content-Type`. Default `json`. */
  responseType?: "json" | "text";
  options?: CallOptions;
}

export interface VendorClient<Paths extends {}> {
  /** The typed openapi-fetch client, with auth applied. */
  api: Client<Paths>;
  call<T>(call: OperationCall<T>): Promise<Result<T>>;
  /** Fields every error of this vendor carries. */
  errorContext(operation: string): { vendor: string; operation: string; secrets: readonly string[] };
}

type CreateClient = typeof openapiFetch.default;
// openapi-fetch's CommonJS build sets `exports.default`; a CommonJS consumer of this package
// therefore sees the module object where an ESM consumer sees the function.
const createClient: CreateClient =
  typeof openapiFetch.default === "function" ? openapiFetch.default : (openapiFetch.default as unknown as { default: CreateClient }).default;

export function createVendorClient<Paths extends {}>(definition: VendorDefinition, options: CommonClientOptions = {}): VendorClient<Paths> {
  const { vendor } = definition;
  const api = createClient<Paths>({ baseUrl: options.baseUrl ?? definition.baseUrl, Request: ReplayableRequest });
  api.use({
    async onRequest({ request }) {
      await definition.authorize(request.headers);
      return request;
    },
  });
  const baseFetch = options.fetch ?? defaultFetch;
  const requestIdHeaders = definition.requestIdHeaders ?? ["x-request-id"];
  const retryPolicy = { ...DEFAULT_RETRY_POLICY, ...options.retryDelay };
  const errorContext = (operation: string) => ({ vendor, operation, secrets: definition.secrets() });

  async function call<T>({ operation, idempotent, input, send, read, responseType = "json", options: callOptions = {} }: OperationCall<T>): Promise<Result<T>> {
    const { signal } = callOptions;
    const fail = <E>(ErrorClass: new (init: ApiErrorInit) => E, message: string, init?: Partial<ApiErrorInit>) =>
      new ErrorClass({ ...errorContext(operation), ...init, message: `${vendor} ${operation}: ${message}` });

    if (input) {
      const details = [input].flat().flatMap((part) => validate(part.schema, part.value));
      if (details.length > 0) {
        const summary = details.map((detail) => detail.message).join("; ");
        return { error: fail(InvalidRequestError, `invalid request, nothing was sent: ${summary}`, { code: "invalid_request", details }) };
      }
    }

    const attemptFetch = createAttemptFetch({
      vendor,
      operation,
      fetch: baseFetch,
      timeoutMs: callOptions.timeoutMs ?? options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      retry: { ...retryPolicy, maxRetries: callOptions.maxRetries ?? options.maxRetries ?? retryPolicy.maxRetries },
      idempotent: idempotent || callOptions.retryNonIdempotent === true,
      signal,
      hooks: options.hooks,
      requestIdHeaders,
      secrets: definition.secrets,
      maxResponseBytes: options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
    });

    let sent: Awaited<ReturnType<OperationCall<T>["send"]>>;
    try {
      sent = await send({ fetch: attemptFetch });
    } catch (thrown) {
      // Errors thrown while sending or reading, by kind; the client's own errors pass through.
      if (thrown instanceof CustomerApiError) return { error: thrown as ApiError };
      const init = { cause: thrown };
      if (thrown instanceof CredentialError) return { error: fail(AuthenticationError, thrown.message, { ...init, code: "missing_credential" }) };
      if (signal?.aborted) return { error: fail(AbortedError, "aborted by the caller", init) };
      if (attemptFetch.timedOut()) return { error: fail(TimeoutError, "the response body did not arrive in time", { ...init, retryable: true }) };
      if (thrown instanceof SyntaxError) return { error: fail(InvalidResponseError, "the response body is not valid JSON", init) };
      const message = thrown instanceof Error ? thrown.message : String(thrown);
      // Errors raised while sending (auth, token exchange) are not network failures.
      if (!(thrown instanceof TypeError)) return { error: fail(InvalidRequestError, message, init) };
      return { error: fail(ConnectionError, `the connection failed while reading the response (${message})`, { ...init, retryable: true }) };
    } finally {
      attemptFetch.done();
    }

    const { response, data } = sent;
    const requestId = () => readRequestId(response, requestIdHeaders);
    if (!response.ok) {
      const parsed = safeParse(definition, sent.error, response);
      const error = errorForStatus({
        ...errorContext(operation),
        status: response.status,
        code: parsed.code,
        message: `${vendor} ${operation}: ${parsed.message ?? `HTTP ${response.status} ${response.statusText}`.trim()}`,
        details: parsed.details,
        requestId: parsed.requestId ?? requestId(),
        body: sent.error,
        retryAfterSeconds: parseRetryAfter(response.headers.get("retry-after")),
      });
      return { error, response };
    }
    const unreadable = checkSuccessBody(data, response, responseType);
    if (unreadable) return { error: fail(InvalidResponseError, unreadable, { status: response.status, requestId: requestId(), body: data }), response };
    const value = read(data, response);
    if (value instanceof CustomerApiError) return { error: value as ApiError, response };
    return { data: value as T, response };
  }

  return { api, call, errorContext };
}

/** Why a 2xx body cannot be the documented success body, if it cannot. */
function checkSuccessBody(data: unknown, response: Response, responseType: "json" | "text"): string | undefined {
  if (data === undefined || data === "") return `HTTP ${response.status} with an empty body`;
  if (responseType === "json") {
    const contentType = response.headers.get("content-type") ?? "";
    if (!/[/+]json\b/i.test(contentType)) return `expected a JSON body, got content type "${contentType}"`;
  }
  return undefined;
}

function safeParse(definition: VendorDefinition, body: unknown, response: Response): ParsedErrorBody {
  try {
    return definition.parseErrorBody(body, response);
  } catch {
    return {};
  }
}
