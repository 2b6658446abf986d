import { isObject } from "./input.js";
import { redactCause, redactText, redactValue } from "./redact.js";

/** Marks the errors of every copy of this package, so that `instanceof` works across module systems. */
const BRAND = Symbol.for("@customer-clients/core/CustomerApiError");

/** One problem the vendor (or the client's own validation) reported about one field. */
export interface ErrorDetail {
  /** Where the problem is: a JSON pointer (`/customers/0/country`) or the vendor's field path. */
  path?: string;
  /** The vendor's code for this problem, when it gives one. */
  code?: string;
  message: string;
}

/** What a vendor package's body parser extracts from an error response. */
export interface ParsedErrorBody {
  code?: string;
  message?: string;
  details?: ErrorDetail[];
  requestId?: string;
}

export interface ApiErrorInit {
  vendor: string;
  operation: string;
  status?: number;
  code?: string;
  message: string;
  details?: ErrorDetail[];
  requestId?: string;
  retryable?: boolean;
  /** The parsed response body, kept for callers who need more than the fields above. */
  body?: unknown;
  /** Seconds the server asked us to wait, from `Retry-After`. */
  retryAfterSeconds?: number;
  cause?: unknown;
  /** Credential values to scrub from the message, details and body. */
  secrets?: readonly string[];
}

/**
 * The one error every client fails with. Branch on the subclass (`instanceof`) or on `kind`.
 * Everything in it is redacted when it is built, so it is safe to log or serialise.
 */
export class CustomerApiError extends Error {
  readonly kind: ErrorKind = "api";
  readonly vendor: string;
  readonly operation: string;
  readonly status: number | undefined;
  readonly code: string | undefined;
  readonly details: readonly ErrorDetail[];
  readonly requestId: string | undefined;
  readonly retryable: boolean;
  readonly retryAfterSeconds: number | undefined;
  readonly body: unknown;

  /** The `kind` of the errors this class stands for; `undefined` on the base class, which stands for all. */
  static readonly errorKind: ErrorKind | undefined = undefined;

  /**
   * `error instanceof RateLimitError` holds for an error built by any copy of this package (an
   * ESM import and a CommonJS `require` load two), judged by a brand and the error's `kind`.
   */
  static [Symbol.hasInstance](value: unknown): boolean {
    if (typeof value !== "object" || value === null || (value as { [BRAND]?: unknown })[BRAND] !== true) return false;
    return this.errorKind === undefined || (value as { kind?: unknown }).kind === this.errorKind;
  }

  constructor(init: ApiErrorInit) {
    const secrets = init.secrets ?? [];
    super(
      redactText(init.message, secrets),
      init.cause === undefined ? undefined : { cause: redactCause(init.cause, secrets) },
    );
    Object.defineProperty(this, BRAND, { value: true });
    this.name = new.target.name;
    this.vendor = init.vendor;
    this.operation = init.operation;
    this.status = init.status;
    this.code = init.code === undefined ? undefined : redactText(init.code, secrets);
    this.details = (init.details ?? []).map((detail) => redactValue(detail, secrets) as ErrorDetail);
    this.requestId = init.requestId === undefined ? undefined : redactText(init.requestId, secrets);
    this.retryable = init.retryable ?? false;
    this.retryAfterSeconds = init.retryAfterSeconds;
    this.body = redactValue(init.body, secrets);
  }

  toJSON() {
    return {
      name: this.name,
      kind: this.kind,
      vendor: this.vendor,
      operation: this.operation,
      status: this.status,
      code: this.code,
      message: this.message,
      details: this.details,
      requestId: this.requestId,
      retryable: this.retryable,
      retryAfterSeconds: this.retryAfterSeconds,
      body: this.body,
    };
  }
}

/** The client refused the input before sending anything. `details` names each field and rule. */
export class InvalidRequestError extends CustomerApiError {
  static override readonly errorKind = "invalid_request";
  override readonly kind = "invalid_request";
}
/** 400, or another 4xx without a class of its own. */
export class BadRequestError extends CustomerApiError {
  static override readonly errorKind = "bad_request";
  override readonly kind = "bad_request";
}
/** 401: missing, wrong or expired credentials, or a failed token exchange. */
export class AuthenticationError extends CustomerApiError {
  static override readonly errorKind = "authentication";
  override readonly kind = "authentication";
}
/** 403: the credentials are valid but lack the right. */
export class PermissionDeniedError extends CustomerApiError {
  static override readonly errorKind = "permission_denied";
  override readonly kind = "permission_denied";
}
export class NotFoundError extends CustomerApiError {
  static override readonly errorKind = "not_found";
  override readonly kind = "not_found";
}
export class ConflictError extends CustomerApiError {
  static override readonly errorKind = "conflict";
  override readonly kind = "conflict";
}
export class UnprocessableEntityError extends CustomerApiError {
  static override readonly errorKind = "unprocessable";
  override readonly kind = "unprocessable";
}
export class RateLimitError extends CustomerApiError {
  static override readonly errorKind = "rate_limited";
  override readonly kind = "rate_limited";
}
/** 5xx. */
export class InternalServerError extends CustomerApiError {
  static override readonly errorKind = "server";
  override readonly kind = "server";
}
/** A response the client could not read: wrong content type, malformed or oversized body. */
export class InvalidResponseError extends CustomerApiError {
  static override readonly errorKind = "invalid_response";
  override readonly kind = "invalid_response";
}
/** The request never got a response: refused, reset, DNS failure. */
export class ConnectionError extends CustomerApiError {
  static override readonly errorKind = "connection";
  override readonly kind = "connection";
}
/** An attempt took longer than the timeout. */
export class TimeoutError extends CustomerApiError {
  static override readonly errorKind = "timeout";
  override readonly kind = "timeout";
}
/** The caller's `AbortSignal` fired. */
export class AbortedError extends CustomerApiError {
  static override readonly errorKind = "aborted";
  override readonly kind = "aborted";
}

export type ErrorKind =
  | "api"
  | "invalid_request"
  | "bad_request"
  | "authentication"
  | "permission_denied"
  | "not_found"
  | "conflict"
  | "unprocessable"
  | "rate_limited"
  | "server"
  | "invalid_response"
  | "connection"
  | "timeout"
  | "aborted";

/** Every error a client call can return, as a union that narrows on `kind`. */
export type ApiError =
  | InvalidRequestError
  | BadRequestError
  | AuthenticationError
  | PermissionDeniedError
  | NotFoundError
  | ConflictError
  | UnprocessableEntityError
  | RateLimitError
  | InternalServerError
  | InvalidResponseError
  | ConnectionError
  | TimeoutError
  | AbortedError;

/** One of the error classes: what a vendor passes to `fail`, or maps its own codes to. */
export type ErrorClass = new (init: ApiErrorInit) => ApiError;

/**
 * Core's retry rule for an answered request, the one behind both its retries and
 * `error.retryable`: 408 and 429 (the server did not act), and 5xx when sending the request
 * again is harmless (`idempotent`).
 */
export function isRetryableStatus(status: number, idempotent = true): boolean {
  return status === 408 || status === 429 || (idempotent && status >= 500 && status <= 599);
}

const ERRORS_BY_STATUS: Readonly<Record<number, ErrorClass>> = {
  401: AuthenticationError,
  403: PermissionDeniedError,
  404: NotFoundError,
  409: ConflictError,
  422: UnprocessableEntityError,
  429: RateLimitError,
};

/**
 * Chooses the error class for an HTTP status. `retryable` is what the caller says (core sets it
 * from its retry rule); a status outside 400-599 is an `InvalidResponseError`.
 */
export function errorForStatus(init: ApiErrorInit & { status: number }): ApiError {
  const ErrorClass = ERRORS_BY_STATUS[init.status];
  if (ErrorClass) return new ErrorClass(init);
  if (init.status >= 500 && init.status <= 599) return new InternalServerError(init);
  if (init.status >= 400 && init.status <= 499) return new BadRequestError(init);
  // A 1xx, 2xx or 3xx the client cannot treat as success, or no HTTP status at all.
  return new InvalidResponseError(init);
}

const nonEmpty = (value: unknown): string | undefined =>
  typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;

/**
 * Reads the fields JSON error bodies commonly carry: the message from `message` (or
 * `error_description`, `error`, `detail`, `title`), the code from `code`, and per-field details
 * from an `errors` list of `{ message, field | path | in, code }`. A new vendor's parser starts
 * as this one, until one for its own documented error body replaces it.
 */
export function parseCommonErrorBody(body: unknown): ParsedErrorBody {
  if (!isObject(body)) return {};
  const parsed: ParsedErrorBody = {};
  const message = [body.message, body.error_description, body.error, body.detail, body.title]
    .map(nonEmpty)
    .find((value) => value !== undefined);
  if (message !== undefined) parsed.message = message;
  if (typeof body.code === "string" || typeof body.code === "number") parsed.code = String(body.code);
  if (Array.isArray(body.errors)) {
    const details: ErrorDetail[] = body.errors.filter(isObject).flatMap((item) => {
      const detail = nonEmpty(item.message);
      if (detail === undefined) return [];
      const field = nonEmpty(item.field) ?? nonEmpty(item.path) ?? nonEmpty(item.in);
      const code = nonEmpty(item.code);
      return [
        {
          message: detail,
          ...(field === undefined ? {} : { path: field.startsWith("/") ? field : `/${field}` }),
          ...(code === undefined ? {} : { code }),
        },
      ];
    });
    if (details.length > 0) parsed.details = details;
  }
  return parsed;
}
