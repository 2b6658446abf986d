import * as openapiFetch from "openapi-fetch";
import {
  resolveCredentials,
  type AuthContext,
  type AuthStrategy,
  type IssuedToken,
  type TokenExchange,
} from "./auth.js";
import {
  AuthenticationError,
  CustomerApiError,
  InvalidRequestError,
  InvalidResponseError,
  errorForStatus,
  isRetryableStatus,
  type ApiError,
  type ApiErrorInit,
  type ErrorClass,
  type ErrorDetail,
  type ParsedErrorBody,
} from "./errors.js";
import { readCallOptions, snapshotParts, type RequestParts } from "./input.js";
import { createRateLimiter, type RateLimits } from "./limiter.js";
import { SecretStore, redactValue } from "./redact.js";
import type { Result } from "./result.js";
import {
  DEFAULT_MAX_RESPONSE_BYTES,
  DEFAULT_RETRY_POLICY,
  DEFAULT_TIMEOUT_MS,
  bufferedResponse,
  parseRetryAfter,
  send,
  type Answer,
  type FetchLike,
  type Hooks,
  type RateLimiter,
  type RetryPolicy,
  type TransportOptions,
} from "./transport.js";
import { validate, type Schema } from "./validate.js";

export type { RequestParts } from "./input.js";

/** Options every vendor client accepts, next to its own credentials. */
export interface CommonClientOptions {
  /** Overrides the vendor's production host, e.g. for a sandbox or a mock server. */
  baseUrl?: string;
  /** A fetch-compatible function; defaults to the global `fetch`. It is asked never to follow redirects. */
  fetch?: FetchLike;
  /** Milliseconds one attempt may take: credentials, headers and body. Default 30 000. */
  timeoutMs?: number;
  /** Retries after the first attempt. Default 2; 0 turns retries off. */
  maxRetries?: number;
  /** Larger response bodies (counted after decompression) are refused as `InvalidResponseError`. Default 4 MiB. */
  maxResponseBytes?: number;
  retryDelay?: Partial<Pick<RetryPolicy, "initialDelayMs" | "maxDelayMs" | "maxRetryAfterSeconds">>;
  hooks?: Hooks;
  /** Gates every request the client sends, token exchanges included. */
  rateLimiter?: RateLimiter;
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
  /** How requests are authorised: `headerAuth`, `bearerAuth` or `clientCredentialsAuth`. */
  auth: AuthStrategy;
  /**
   * Pulls code, message and details out of the vendor's error body (already redacted). A body it
   * gives no message for keeps its first short line of text, if it is text and not an HTML page.
   */
  parseErrorBody: (body: unknown, response: Response) => ParsedErrorBody;
  /** Headers that carry the vendor's request id, most specific first: read from the response, else from the request. */
  requestIdHeaders?: readonly string[];
  /**
   * The vendor's documented limits (its generated `rateLimits`). Every request of the client,
   * token exchanges included, shares one limiter built from them, unless the caller brings one.
   */
  rateLimits?: RateLimits;
}

/** What a vendor's `read` may use to fail: an error of this call, status, request id and body filled in. */
export interface ReadContext {
  response: Response;
  fail(ErrorClassOrStatus: ErrorClass | number, message: string, init?: Partial<ApiErrorInit>): ApiError;
}

/**
 * What the spec says about one operation. Generated into each vendor package
 * (`src/generated/operations.ts`); `Parts` is the type of its request parts.
 */
export interface OperationSpec<Parts extends RequestParts = RequestParts> {
  name: string;
  method: "GET" | "PUT" | "POST" | "PATCH" | "DELETE";
  /** The path template, e.g. `/customers/{id}`. */
  path: string;
  /** Whether sending the request twice is harmless (`x-idempotent`, else the method); decides what is retried. */
  idempotent: boolean;
  /** The success body's kind: a JSON body must say so in `Content-Type`. */
  responseType: "json" | "text";
  /** The request's media type, sent as `Content-Type` and `Accept`, when it is not `application/json`. */
  mediaType?: string;
  /** The spec's schema for each part; body details are JSON pointers into the body, other parts' start with `/path`, `/query` or `/header`. */
  schemas?: { readonly [K in keyof RequestParts]?: Schema };
  /** Never set: carries the parts' type. */
  readonly parts?: Parts;
}

/** What a vendor adds to an operation: how the caller's input becomes its parts, and how its body is read. */
export interface OperationCall<Parts extends RequestParts, T> {
  /**
   * Builds the request's parts from the caller's input. Runs inside core: anything it throws is an
   * `InvalidRequestError`. Each part is copied as plain JSON data and checked before anything is sent.
   */
  input: () => Parts;
  /** Turns a 2xx body into the caller's value, or into an error when the body says the call failed. */
  read: (data: unknown, context: ReadContext) => T | ApiError;
  options?: CallOptions | null;
}

export interface VendorClient {
  call<Parts extends RequestParts, T>(
    spec: OperationSpec<Parts>,
    operation: OperationCall<Parts, T>,
  ): Promise<Result<T>>;
}

type CreateClient = typeof openapiFetch.default;
// openapi-fetch's CommonJS build sets `exports.default`; a CommonJS consumer of this package
// therefore sees the module object where an ESM consumer sees the function.
const createClient: CreateClient =
  typeof openapiFetch.default === "function"
    ? openapiFetch.default
    : (openapiFetch.default as unknown as { default: CreateClient }).default;

type SendRequest = (
  method: string,
  path: string,
  init: object,
) => Promise<{ data?: unknown; error?: unknown; response: Response }>;

/** Parts are checked, and their problems reported, in the order they appear in a URL and a request. */
const PART_ORDER = ["path", "query", "header", "body"] as const;

const errorMessage = (thrown: unknown) => (thrown instanceof Error ? thrown.message : String(thrown));

export function createVendorClient(definition: VendorDefinition, options: CommonClientOptions = {}): VendorClient {
  const { vendor, auth } = definition;
  const baseUrl = options.baseUrl ?? definition.baseUrl;
  const secrets = new SecretStore();
  // One request builder per client; each call hands it the fetch that sends through the transport.
  const api = createClient({ baseUrl });
  const retry = {
    ...DEFAULT_RETRY_POLICY,
    ...options.retryDelay,
    maxRetries: options.maxRetries ?? DEFAULT_RETRY_POLICY.maxRetries,
  };
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const requestIdHeaders = definition.requestIdHeaders ?? ["x-request-id"];
  const transport: TransportOptions = {
    vendor,
    fetch: options.fetch,
    timeoutMs,
    retry,
    hooks: options.hooks,
    requestIdHeaders,
    secrets,
    maxResponseBytes: options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
    rateLimiter: options.rateLimiter ?? (definition.rateLimits && createRateLimiter(definition.rateLimits)),
  };
  const failFor =
    (operation: string, defaults: Partial<ApiErrorInit> = {}) =>
    (ErrorClass: ErrorClass | number, message: string, init?: Partial<ApiErrorInit>): ApiError => {
      const full = {
        vendor,
        operation,
        ...defaults,
        ...init,
        secrets: secrets.list(),
        message: `${vendor} ${operation}: ${message}`,
      };
      return typeof ErrorClass === "number" ? errorForStatus({ ...full, status: ErrorClass }) : new ErrorClass(full);
    };

  /** An error response as the vendor's parser reads it, from a redacted copy of its body. */
  function parseError(body: unknown, response: Response): { parsed: ParsedErrorBody; body: unknown } {
    const redacted = redactValue(body, secrets.list());
    let parsed: ParsedErrorBody;
    try {
      parsed = definition.parseErrorBody(redacted, response) ?? {};
    } catch {
      parsed = {};
    }
    return {
      parsed: parsed.message === undefined ? { ...parsed, message: textMessage(redacted) } : parsed,
      body: redacted,
    };
  }

  /** One token exchange through the transport, with its own errors. See `AuthContext.requestToken`. */
  async function requestToken({ operation, credentials, build, readToken }: TokenExchange): Promise<IssuedToken> {
    const fail = failFor(operation);
    const signal = AbortSignal.timeout(timeoutMs);
    const values = await resolveCredentials(credentials, { signal, secrets, fail }).catch((thrown: unknown) => {
      if (!signal.aborted) throw thrown;
      throw fail(
        AuthenticationError,
        `${Object.keys(credentials).join(", ")}: no credential within ${timeoutMs} ms, nothing was sent`,
        { code: "credential_timeout" },
      );
    });
    const request = build(values);
    const headers = new Headers({ accept: "application/json" });
    let body: string;
    if (request.form) {
      headers.set("content-type", "application/x-www-form-urlencoded");
      body = new URLSearchParams(request.form).toString();
    } else {
      headers.set("content-type", "application/json");
      body = JSON.stringify(request.json ?? {});
    }
    // A second token request does no harm: it is retried as an idempotent call.
    const answer = await send(transport, {
      operation,
      url: request.url,
      method: "POST",
      headers,
      body,
      idempotent: true,
      timeoutMs,
      maxRetries: retry.maxRetries,
    });
    const { response } = answer;
    const json = parseJson(answer.text);
    const { parsed, body: shown } = parseError(json ?? answer.text, response);
    const oauth = (json ?? {}) as { error?: unknown; error_description?: unknown };
    const reason =
      parsed.message ?? [oauth.error, oauth.error_description].filter((part) => typeof part === "string").join(": ");
    const init = {
      status: response.status,
      code: parsed.code ?? (typeof oauth.error === "string" ? oauth.error : undefined),
      details: parsed.details,
      requestId: parsed.requestId ?? answer.requestId,
      body: shown,
    };
    if (!response.ok) {
      // Rate limits and outages keep their own classes; any other refusal means the credentials are wrong.
      const message = `token exchange failed: ${reason || `HTTP ${response.status}`}`;
      if (response.status === 429 || response.status >= 500)
        throw fail(response.status, message, { ...init, retryable: isRetryableStatus(response.status, true) });
      throw fail(AuthenticationError, message, init);
    }
    let issued: IssuedToken | undefined;
    try {
      issued = readToken(json);
    } catch {
      issued = undefined;
    }
    if (typeof issued?.token !== "string" || issued.token === "") {
      // A 2xx that reports an error refused the credentials; one that reports nothing is unreadable.
      throw fail(
        reason ? AuthenticationError : InvalidResponseError,
        `the token response has no access token${reason ? `: ${reason}` : ""}`,
        init,
      );
    }
    secrets.add(issued.token);
    // A lifetime that is missing or nonsense: renew soon rather than never.
    const expiresInSeconds =
      Number.isFinite(issued.expiresInSeconds) && issued.expiresInSeconds > 0 ? issued.expiresInSeconds : 60;
    return { token: issued.token, expiresInSeconds };
  }

  async function call<Parts extends RequestParts, T>(
    spec: OperationSpec<Parts>,
    operation: OperationCall<Parts, T>,
  ): Promise<Result<T>> {
    const { name } = spec;
    let fail = failFor(name);
    const refuse = (message: string, details: ErrorDetail[] = [], cause?: unknown) =>
      ({
        error: fail(InvalidRequestError, `invalid request, nothing was sent: ${message}`, {
          code: "invalid_request",
          details,
          cause,
        }),
      }) as Result<T>;

    const callOptions = readCallOptions(operation.options);
    if ("problems" in callOptions)
      return refuse(callOptions.problems.map((detail) => detail.message).join("; "), callOptions.problems);
    let raw: Parts;
    try {
      raw = operation.input();
    } catch (thrown) {
      return refuse(`the input could not be read (${errorMessage(thrown)})`, [], thrown);
    }
    const snapshot = snapshotParts(raw, requestIdHeaders);
    if (!("parts" in snapshot))
      return refuse(snapshot.problems.map((detail) => detail.message).join("; "), snapshot.problems);
    fail = failFor(name, { requestId: snapshot.requestId });
    const parts = snapshot.parts as Parts;
    const schemas = spec.schemas ?? {};
    const details = PART_ORDER.flatMap((part) => {
      const schema = schemas[part];
      return schema && parts[part] !== undefined
        ? validate(schema, parts[part], part === "body" ? "" : `/${part}`)
        : [];
    });
    // Core's own checks, where the spec's schema did not already refuse the same value.
    details.unshift(...snapshot.problems.filter((problem) => !details.some((detail) => detail.path === problem.path)));
    if (details.length > 0) return refuse(details.map((detail) => detail.message).join("; "), details);

    const idempotent = spec.idempotent || callOptions.value.retryNonIdempotent === true;
    const { signal } = callOptions.value;
    let reauthorised = false;
    const { path, query, header, body } = parts;
    const mediaHeaders = spec.mediaType ? { Accept: spec.mediaType, "Content-Type": spec.mediaType } : undefined;
    for (;;) {
      let answer: Answer | undefined;
      let sent: { data?: unknown; error?: unknown; response: Response };
      // openapi-fetch builds the request; this sends it through core's transport.
      const sendThroughTransport = async (request: Request) => {
        // A path parameter the input left out stays a `{placeholder}` in the URL.
        if (/\{|%7B/i.test(new URL(request.url).pathname))
          throw fail(InvalidRequestError, "invalid request, nothing was sent: a path parameter is missing", {
            code: "invalid_request",
          });
        const requestBody = request.body === null ? undefined : await request.text();
        const authContext: Omit<AuthContext, "signal"> = {
          secrets,
          fail: failFor(name, { requestId: snapshot.requestId }),
          requestToken,
        };
        answer = await send(transport, {
          operation: name,
          url: request.url,
          method: request.method,
          headers: request.headers,
          body: requestBody,
          idempotent,
          signal,
          timeoutMs: callOptions.value.timeoutMs ?? timeoutMs,
          maxRetries: callOptions.value.maxRetries ?? retry.maxRetries,
          authorize: (headers, attemptSignal) => auth.authorize(headers, { ...authContext, signal: attemptSignal }),
          requestId: snapshot.requestId,
        });
        return bufferedResponse(answer.response, answer.text);
      };
      try {
        // The parts were checked against the spec above; openapi-fetch builds the URL and the body.
        sent = await (api.request as SendRequest)(spec.method, spec.path, {
          params: { path, query, header },
          body,
          headers: mediaHeaders,
          parseAs: spec.responseType,
          fetch: sendThroughTransport,
        });
      } catch (thrown) {
        // A token exchange's error is shared by the calls that waited for it: each gets its own request id.
        if (thrown instanceof CustomerApiError) return { error: withRequestId(thrown as ApiError, snapshot.requestId) };
        // Nothing reached the transport: the request could not be built.
        if (!answer) return refuse(`the request could not be built (${errorMessage(thrown)})`, [], thrown);
        const error = fail(
          InvalidResponseError,
          thrown instanceof SyntaxError
            ? "the response body is not valid JSON"
            : `the response could not be read (${errorMessage(thrown)})`,
          {
            status: answer.response.status,
            requestId: answer.requestId,
            cause: thrown,
          },
        );
        return { error, response: bufferedResponse(answer.response, answer.text) };
      }
      if (!answer) return { error: fail(InvalidResponseError, "no request was sent") };
      const { response } = sent;
      const { requestId } = answer;
      let error: ApiError | undefined;
      let data: T | undefined;
      if (!response.ok) {
        const { parsed, body } = parseError(sent.error, response);
        error = fail(response.status, parsed.message ?? `HTTP ${response.status} ${response.statusText}`.trim(), {
          status: response.status,
          code: parsed.code,
          details: parsed.details,
          requestId: parsed.requestId ?? requestId,
          body,
          retryable: isRetryableStatus(response.status, idempotent),
          retryAfterSeconds: parseRetryAfter(response.headers.get("retry-after")),
        });
      } else {
        const unreadable = checkSuccessBody(sent.data, response, spec.responseType);
        const readFail = failFor(name, {
          status: response.status,
          requestId,
          body: redactValue(sent.data, secrets.list()),
        });
        if (unreadable) error = readFail(InvalidResponseError, unreadable);
        else {
          try {
            const value = operation.read(sent.data, { response, fail: readFail });
            if (value instanceof CustomerApiError) error = value as ApiError;
            else data = value as T;
          } catch (thrown) {
            error = readFail(InvalidResponseError, `the response could not be read (${errorMessage(thrown)})`, {
              cause: thrown,
            });
          }
        }
      }
      // One 401 policy: a refused token is dropped and the call is sent once more with a new one.
      // The server refused the request, so sending it again is safe whatever the operation.
      if (error?.kind === "authentication" && !reauthorised && auth.refused?.(answer.sentHeaders)) {
        reauthorised = true;
        continue;
      }
      return error ? { error, response } : { data: data as T, response };
    }
  }

  return { call };
}

function withRequestId(error: ApiError, requestId: string | undefined): ApiError {
  if (requestId === undefined || error.requestId !== undefined) return error;
  const ErrorClass = error.constructor as ErrorClass;
  const { kind: _kind, name: _name, ...fields } = error.toJSON();
  return new ErrorClass({ ...fields, details: [...fields.details], requestId, cause: error.cause });
}

/** A text body's message: its text, trimmed and cut at 200 characters; none for an HTML page or JSON. */
function textMessage(body: unknown): string | undefined {
  const text = typeof body === "string" ? body.trim() : "";
  return text && !text.startsWith("<") ? text.slice(0, 200) : undefined;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
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
