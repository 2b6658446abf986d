import {
  InvalidResponseError,
  createTokenProvider,
  createVendorClient,
  requireCredential,
  type ApiError,
  type ApiErrorInit,
  type CallOptions,
  type CommonClientOptions,
  type CredentialSource,
  type Result,
  type Schema,
  type TokenProvider,
} from "@customer-clients/core";
import { parseErrorBody } from "./errors.js";
import type { components, paths } from "./generated/openapi.js";
import { requestSchemas } from "./generated/request-schemas.js";
import { exchangeClientCredentials, pexipTokenUrl, type ClientCredentials, type PexipEnvironment } from "./token.js";

export type { components, paths } from "./generated/openapi.js";
export { PEXIP_BUSINESS_CODES, parseErrorBody, type PexipBusinessCode } from "./errors.js";
export { PEXIP_SCOPE, pexipTokenUrl, type ClientCredentials, type PexipEnvironment } from "./token.js";

type Schemas = components["schemas"];
export type Language = Schemas["Language"];
/** The fields to change: a field left out keeps its value, a field set to `null` is cleared. */
export type CustomerPatch = Schemas["CustomerUpdate"];
export type LocationPatch = NonNullable<Schemas["LocationUpdate"]>;
export type Translation = Schemas["Translation"];
/** A customer as the API returns it. */
export type Customer = Schemas["Customer"];
export type CustomerLocation = NonNullable<Schemas["CustomerLocation"]>;
export type PexipErrorBody = Schemas["ErrorResponse"] | Schemas["BusinessErrorResponse"];

/** The API's base URL, as in the spec; `pexipBaseUrl` fills it in. */
export const PEXIP_BASE_URL = "https://api.pexipengage.com/enterprises/{enterprise}";

/** Production has no environment label in its host; staging and development do. */
export function pexipBaseUrl(enterprise: string, environment: PexipEnvironment = "production"): string {
  const host = environment === "production" ? "api.pexipengage.com" : `api.${environment}.pexipengage.com`;
  return `https://${host}/enterprises/${encodeURIComponent(enterprise)}`;
}

export interface PexipClientOptions extends CommonClientOptions {
  /** The enterprise, as in `/enterprises/{enterprise}` and its realm. */
  enterprise: string;
  /** Default `production`. */
  environment?: PexipEnvironment;
  /** A bearer token (a string or a function returning one), or client credentials the client exchanges, caches and renews. */
  auth: CredentialSource | ClientCredentials;
}

export interface UpdateCustomerOptions extends CallOptions {
  /** Sent as `X-Correlation-Id` and set as `requestId` on any error. Default: a new `crypto.randomUUID()`. */
  correlationId?: string;
  /** Sent as `Accept-Language`, e.g. `en`. */
  language?: string;
}

const OPERATION = "updateCustomer";
type UpdateCustomerHeaders = NonNullable<paths["/customers/{id}"]["patch"]["parameters"]["header"]>;

/** Path, headers and body checked in one pass; a detail's path says which (`/body/location/countryCode`). */
const updateCustomerInput = {
  type: "object",
  properties: requestSchemas.updateCustomer,
} as const satisfies Schema;

export function createPexipClient(options: PexipClientOptions) {
  const { enterprise, environment = "production", auth } = options;
  if (typeof enterprise !== "string" || enterprise.trim() === "") throw new TypeError("createPexipClient: enterprise must be a non-empty string");

  const inUse = new Set<string>();
  const fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const secrets = () => [...inUse, tokens?.current()].filter((value): value is string => value !== undefined);
  const tokens: TokenProvider | undefined =
    typeof auth === "object"
      ? createTokenProvider({
          exchange: () =>
            exchangeClientCredentials(auth, {
              tokenUrl: auth.tokenUrl ?? pexipTokenUrl(enterprise, environment),
              fetch,
              timeoutMs: options.timeoutMs,
              remember: (secret) => inUse.add(secret),
              errorContext: () => ({ vendor: "pexip", operation: OPERATION, secrets: secrets() }),
            }),
        })
      : undefined;

  const client = createVendorClient<paths>(
    {
      vendor: "pexip",
      baseUrl: pexipBaseUrl(enterprise, environment),
      async authorize(headers) {
        const token = tokens ? await tokens.get() : await requireCredential(auth as CredentialSource, "auth");
        if (!tokens) inUse.add(token);
        headers.set("Authorization", `Bearer ${token}`);
      },
      secrets,
      parseErrorBody,
      requestIdHeaders: ["x-correlation-id"],
    },
    options,
  );

  function send(id: string, patch: CustomerPatch, header: UpdateCustomerHeaders, callOptions: CallOptions) {
    return client.call<Customer>({
      operation: OPERATION,
      // The same patch applied twice leaves the customer as applying it once does, so failures are retried.
      idempotent: true,
      input: { schema: updateCustomerInput, value: { path: { id }, header, body: patch } },
      options: callOptions,
      send: ({ fetch }) => client.api.PATCH("/customers/{id}", { params: { path: { id }, header }, body: patch, fetch }),
      read(data) {
        const customer = (data as { data?: unknown } | null | undefined)?.data;
        if (customer === null || typeof customer !== "object") {
          return new InvalidResponseError({ ...client.errorContext(OPERATION), status: 200, body: data, message: "pexip updateCustomer: the response has no customer in `data`" });
        }
        return customer as Customer;
      },
    });
  }

  return {
    /**
     * Updates a customer: fields left out keep their value, fields set to `null` are cleared.
     * Idempotent, so connection failures, timeouts, 429 and 5xx are retried. With client
     * credentials, a 401 drops the cached token and the call is sent once more with a new one.
     */
    async updateCustomer(id: string, patch: CustomerPatch, updateOptions: UpdateCustomerOptions = {}): Promise<Result<Customer>> {
      const { correlationId = crypto.randomUUID(), language, ...callOptions } = updateOptions;
      const header: UpdateCustomerHeaders = { "X-Correlation-Id": correlationId, ...(language === undefined ? {} : { "Accept-Language": language }) };
      let result = await send(id, patch, header, callOptions);
      // Only the API's 401 means a stale token; the realm's 401 means refused credentials.
      if (tokens && result.error?.status === 401 && result.response) {
        tokens.invalidate();
        result = await send(id, patch, header, callOptions);
      }
      return withRequestId(result, correlationId);
    },
  };
}

export type PexipClient = ReturnType<typeof createPexipClient>;

/**
 * Core cannot put a per-call id on errors it builds (connection failures, refused input), so the
 * correlation id is set here, on a copy: a failed token exchange is one error shared by the calls
 * that waited for it.
 */
function withRequestId<T>(result: Result<T>, requestId: string): Result<T> {
  const { error } = result;
  if (!error || error.requestId === requestId) return result;
  const ErrorClass = error.constructor as new (init: ApiErrorInit) => ApiError;
  const copy = new ErrorClass({
    vendor: error.vendor,
    operation: error.operation,
    status: error.status,
    code: error.code,
    message: error.message,
    details: [...error.details],
    requestId,
    retryable: error.retryable,
    retryAfterSeconds: error.retryAfterSeconds,
    body: error.body,
    cause: error.cause,
  });
  return { error: copy, response: result.response };
}
