import { bearerAuth, bulkUpdates, createVendorClient, InvalidResponseError, isObject } from "@customer-clients/core";
import type { CallOptions, CommonClientOptions, CredentialSource, Result } from "@customer-clients/core";
import { rateLimits, type components } from "./generated/index.js";
import { updateCustomer } from "./generated/operations.js";
import { parseErrorBody } from "./errors.js";

/** The fields of an edit. A PUT replaces the customer, so every field the spec requires is required here. */
export type CustomerFields = components["schemas"]["UpdateCustomerRequest"];
/** The customer as the server stores it after the edit. */
export type Customer = components["schemas"]["StoredCustomer"];
export type CustomerGroup = components["schemas"]["CustomerGroup"];
/** The documented error body, e.g. `{"status": 401, "error": "Unauthorized: Invalid API Key"}`. */
export type ErrorBody = components["schemas"]["ErrorBody"];
export type UpdateCustomerResponse = components["schemas"]["UpdateCustomerResponse"];

/** The host on the vendor's Edit Customer page: the default. */
export const XTRAKIT_BASE_URL = "https://api.xtrakit.com";
/** The host the vendor's other pages use. Which of the two is live is unverified. */
export const XTRAKIT_APP_BASE_URL = "https://app.xtrakit.com";

export interface XtrakitClientOptions extends CommonClientOptions {
  /** The business's API key, sent as `Authorization: Bearer <apiKey>`. A string or a function returning one. */
  apiKey: CredentialSource;
}

export interface UpdateCustomerResult {
  /** The stored customer after the edit. */
  customer: Customer;
  /** The business's customer groups, sent along with the customer (`data["customer-group"]`). */
  customerGroups: CustomerGroup[];
  /** The server's message, e.g. `Customer updated successfully`. */
  message: string;
}

/** One update of a bulk run: the customer and its new details. */
export interface CustomerUpdateItem {
  id: string;
  fields: CustomerFields;
}

export function createXtrakitClient(options: XtrakitClientOptions) {
  const client = createVendorClient(
    {
      vendor: "xtrakit",
      baseUrl: XTRAKIT_BASE_URL,
      auth: bearerAuth("apiKey", options.apiKey),
      parseErrorBody,
      rateLimits: rateLimits.updateCustomer,
    },
    options,
  );

  const single = {
    /**
     * Replaces the details of customer `id` (`PUT /api/v1/customers/{id}`) and returns the stored
     * customer and the business's customer groups.
     *
     * Idempotent: the body is the customer's whole new state, so sending it twice leaves the same
     * customer (only `updated_at` moves). Connection failures, timeouts, 429 and 5xx are therefore
     * retried (`maxRetries`, default 2).
     */
    updateCustomer(
      id: string,
      fields: CustomerFields,
      callOptions?: CallOptions,
    ): Promise<Result<UpdateCustomerResult>> {
      return client.call(updateCustomer, {
        options: callOptions,
        input: () => ({ path: { id }, body: fields }),
        read(data, { response, fail }) {
          const body = isObject(data) ? data : {};
          // The body repeats the status; an error status there is that error, whatever the HTTP status.
          if (typeof body.status === "number" && body.status >= 400) {
            const parsed = parseErrorBody(body);
            return fail(body.status, parsed.message ?? `status ${body.status} in a ${response.status} response`, {
              ...parsed,
              status: body.status,
            });
          }
          const envelope = isObject(body.data) ? body.data : {};
          if (!isObject(envelope.customer)) return fail(InvalidResponseError, "the response has no data.customer");
          // The groups are extra; a missing list should not turn a done update into an error.
          const groups = envelope["customer-group"];
          return {
            customer: envelope.customer as Customer,
            customerGroups: Array.isArray(groups) ? (groups as CustomerGroup[]) : [],
            message: typeof body.message === "string" ? body.message : "",
          };
        },
      });
    },
  };

  return {
    ...single,
    ...bulkUpdates<CustomerUpdateItem, UpdateCustomerResult>(({ id, fields }, signal) =>
      single.updateCustomer(id, fields, { signal }),
    ),
  };
}

export type XtrakitClient = ReturnType<typeof createXtrakitClient>;
