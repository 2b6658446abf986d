import { bulkUpdates, createVendorClient, InvalidResponseError, randomId } from "@customer-clients/core";
import type { CallOptions, CommonClientOptions, CredentialSource, Result } from "@customer-clients/core";
import { parseErrorBody } from "./errors.js";
import { rateLimits, type components } from "./generated/index.js";
import { updateCustomer, type UpdateCustomerParts } from "./generated/operations.js";
import { pexipAuth, pexipTokenUrl, type ClientCredentials, type PexipEnvironment } from "./token.js";

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
  /** Sent as `X-Correlation-Id` and set as `requestId` on any error. Default: a new random UUID. */
  correlationId?: string;
  /** Sent as `Accept-Language`, e.g. `en`. */
  language?: string;
}

/** One update of a bulk run: the customer, its changes, and its call's headers. */
export interface CustomerUpdateItem extends Pick<UpdateCustomerOptions, "correlationId" | "language"> {
  id: string;
  patch: CustomerPatch;
}

export function createPexipClient(options: PexipClientOptions) {
  const { enterprise, environment = "production", auth } = options;
  if (typeof enterprise !== "string" || enterprise.trim() === "")
    throw new TypeError("createPexipClient: enterprise must be a non-empty string");
  const client = createVendorClient(
    {
      vendor: "pexip",
      baseUrl: pexipBaseUrl(enterprise, environment),
      auth: pexipAuth(auth, environment === "staging" ? undefined : pexipTokenUrl(enterprise, environment)),
      parseErrorBody,
      // Pexip echoes no id of its own: every error carries the correlation id the call sent.
      requestIdHeaders: ["x-correlation-id"],
      rateLimits: rateLimits.updateCustomer,
    },
    options,
  );

  const single = {
    /**
     * Updates a customer: fields left out keep their value, fields set to `null` are cleared.
     * Idempotent, so connection failures, timeouts, 429 and 5xx are retried. With client
     * credentials, a 401 drops the cached token and the call is sent once more with a new one.
     */
    updateCustomer(id: string, patch: CustomerPatch, updateOptions?: UpdateCustomerOptions): Promise<Result<Customer>> {
      return client.call(updateCustomer, {
        options: updateOptions,
        input: () => {
          const { correlationId = randomId(), language } = updateOptions ?? {};
          const header: UpdateCustomerParts["header"] = {
            "X-Correlation-Id": correlationId,
            ...(language === undefined ? {} : { "Accept-Language": language }),
          };
          return { path: { id }, header, body: patch };
        },
        read(data, { fail }) {
          const customer = (data as { data?: unknown } | null | undefined)?.data;
          if (customer === null || typeof customer !== "object")
            return fail(InvalidResponseError, "the response has no customer in `data`");
          return customer as Customer;
        },
      });
    },
  };

  return {
    ...single,
    ...bulkUpdates<CustomerUpdateItem, Customer>(({ id, patch, correlationId, language }, signal) =>
      single.updateCustomer(id, patch, { correlationId, language, signal }),
    ),
  };
}

export type PexipClient = ReturnType<typeof createPexipClient>;
