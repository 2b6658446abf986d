import { redactText, redactValue } from "./redact.js";

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

  constructor(init: ApiErrorInit) {
    const secrets = init.secrets ?? [];
    super(redactText(init.message, secrets), init.cause === undefined ? undefined : { cause: init.cause });
    this.name = new.target.name;
    this.vendor = init.vendor;
    this.operation = init.operation;
    this.status = init.status;
    this.code = init.code === undefined ? undefined : redactText(init.code, secrets);
    this.details = (init.details ?? []).map((detail) => redactValue(detail, secrets) as ErrorDetail);
    this.requestId = init.requestId;
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
  override readonly kind = "invalid_request";
}
/** 400, or another 4xx without a class of its own. */
export class BadRequestError extends CustomerApiError {
  override readonly kind = "bad_request";
}
/** 401: missing, wrong or expired credentials, or a failed token exchange. */
export class AuthenticationError extends CustomerApiError {
  override readonly kind = "authentication";
}
/** 403: the credentials are valid but lack the right. */
export class PermissionDeniedError extends CustomerApiError {
  override readonly kind = "permission_denied";
}
export class NotFoundError extends CustomerApiError {
  override readonly kind = "not_found";
}
export class ConflictError extends CustomerApiError {
  override readonly kind = "conflict";
}
export class UnprocessableEntityError extends CustomerApiError {
  override readonly kind = "unprocessable";
}
export class RateLimitError extends CustomerApiError {
  override readonly kind = "rate_limited";
}
/** 5xx. */
export class InternalServerError extends CustomerApiError {
  override readonly kind = "server";
}
/** A response the client could not read: wrong content type, malformed or oversized body. */
export class InvalidResponseError extends CustomerApiError {
  override readonly kind = "invalid_response";
}
/** The request never got a response: refused, reset, DNS failure. */
export class ConnectionError extends CustomerApiError {
  override readonly kind = "connection";
}
/** An attempt took longer than the timeout. */
export class TimeoutError extends CustomerApiError {
  override readonly kind = "timeout";
}
/** The caller's `AbortSignal` fired. */
export class AbortedError extends CustomerApiError {
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

/** Statuses worth another attempt: the request was not (or not fully) processed. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

/** Chooses the error class for an HTTP status. */
export function errorForStatus(init: ApiErrorInit & { status: number }): ApiError {
  const retryable = init.retryable ?? isRetryableStatus(init.status);
  const full = { ...init, retryable };
  switch (init.status) {
    case 401:
      return new AuthenticationError(full);
    case 403:
      return new PermissionDeniedError(full);
    case 404:
      return new NotFoundError(full);
    case 409:
      return new ConflictError(full);
    case 422:
      return new UnprocessableEntityError(full);
    case 429:
      return new RateLimitError(full);
  }
  if (init.status >= 500) return new InternalServerError(full);
  if (init.status >= 400) return new BadRequestError(full);
  // A 2xx or 3xx the client cannot treat as success.
  return new InvalidResponseError(full);
}
