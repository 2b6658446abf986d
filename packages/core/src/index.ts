export { createVendorClient } from "./client.js";
export type {
  CallOptions,
  CommonClientOptions,
  OperationCall,
  OperationSpec,
  ReadContext,
  RequestParts,
  VendorClient,
  VendorDefinition,
} from "./client.js";
export {
  AbortedError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  ConnectionError,
  CustomerApiError,
  InternalServerError,
  InvalidRequestError,
  InvalidResponseError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  TimeoutError,
  UnprocessableEntityError,
  errorForStatus,
  isRetryableStatus,
  parseCommonErrorBody,
} from "./errors.js";
export type { ApiError, ApiErrorInit, ErrorClass, ErrorDetail, ErrorKind, ParsedErrorBody } from "./errors.js";
export { basicAuthValue, bearerAuth, clientCredentialsAuth, createTokenProvider, headerAuth } from "./auth.js";
export type {
  AuthContext,
  AuthStrategy,
  ClientCredentialsOptions,
  CredentialSource,
  IssuedToken,
  NamedCredentials,
  TokenExchange,
  TokenProvider,
  TokenProviderOptions,
  TokenRequest,
} from "./auth.js";
export { randomId } from "./ids.js";
export { isObject } from "./input.js";
export { REDACTED, SecretStore, redactText, redactUrl, redactValue } from "./redact.js";
export { unwrap } from "./result.js";
export type { Result } from "./result.js";
export {
  DEFAULT_MAX_RESPONSE_BYTES,
  DEFAULT_RETRY_POLICY,
  DEFAULT_TIMEOUT_MS,
  backoffDelay,
  parseRetryAfter,
} from "./transport.js";
export type { AttemptEvent, FetchLike, Hooks, RateLimiter, RetryPolicy } from "./transport.js";
export { validate } from "./validate.js";
export type { Schema } from "./validate.js";
export { createMemoryStore, createRateLimiter } from "./limiter.js";
export type { InProcessRateLimiter, RateLimitStore, RateLimiterOptions, RateLimits, RateWindow } from "./limiter.js";
export { batchBulkUpdates, bulkUpdates, runBulk, runBulkBatches } from "./bulk.js";
export type {
  BatchOptions,
  BulkInput,
  BulkUpdates,
  BulkOptions,
  BulkOutcome,
  BulkProgress,
  ItemResult,
  UpdateBatch,
  UpdateOne,
} from "./bulk.js";
