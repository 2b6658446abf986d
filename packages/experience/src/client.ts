import { batchBulkUpdates, createVendorClient, headerAuth, InvalidResponseError } from "@customer-clients/core";
import type { CallOptions, CommonClientOptions, CredentialSource, Result } from "@customer-clients/core";
import { rateLimits, type components } from "./generated/index.js";
import { updateCustomers } from "./generated/operations.js";
import { parseErrorBody } from "./errors.js";

export type Customer = components["schemas"]["Customer"];

export const EXPERIENCE_BASE_URL = "https://interface.experience-hotel.com";

export interface ExperienceClientOptions extends CommonClientOptions {
  /** The partner token, shared by all of a partner's hotels. A string or a function returning one. */
  partnerToken: CredentialSource;
  /** The token of one hotel. */
  hotelToken: CredentialSource;
}

export interface UpdateCustomersResult {
  /** How many customers the server says it updated. */
  updatedCount: number;
  /** The server's text, e.g. `1 customers updated`. */
  message: string;
}

const SUCCESS_TEXT = /^\s*(\d+) customers? updated\s*$/;

/** Customers per call in a bulk run, unless `batchSize` says otherwise. */
const DEFAULT_BATCH_SIZE = 10;

export function createExperienceClient(options: ExperienceClientOptions) {
  const client = createVendorClient(
    {
      vendor: "experience",
      baseUrl: EXPERIENCE_BASE_URL,
      auth: headerAuth(
        "Authorization",
        { partnerToken: options.partnerToken, hotelToken: options.hotelToken },
        (values) => `Bearer ${values.partnerToken}:${values.hotelToken}`,
      ),
      parseErrorBody,
      rateLimits: rateLimits.updateCustomers,
    },
    options,
  );

  const single = {
    /**
     * Updates existing customers, each identified by `reference`. Not retried after it may
     * have reached the server (it is a POST) unless `retryNonIdempotent` is set.
     */
    updateCustomers(customers: Customer[], callOptions?: CallOptions): Promise<Result<UpdateCustomersResult>> {
      return client.call(updateCustomers, {
        options: callOptions,
        input: () => ({ body: { customers } }),
        read(data, { fail }) {
          const match = typeof data === "string" ? SUCCESS_TEXT.exec(data) : null;
          if (!match)
            return fail(
              InvalidResponseError,
              `expected "<count> customers updated", got ${JSON.stringify(String(data).slice(0, 80))}`,
            );
          return { updatedCount: Number(match[1]), message: data as string };
        },
      });
    },
  };

  return {
    ...single,
    // `batchSize` customers go in each call (default 10); the API answers a count per call, so
    // each customer of a call gets that call's outcome.
    ...batchBulkUpdates<Customer, UpdateCustomersResult>(async (batch, signal) => {
      const result = await single.updateCustomers(batch, { signal });
      return batch.map(() => (result.error ? { error: result.error } : { data: result.data }));
    }, DEFAULT_BATCH_SIZE),
  };
}

export type ExperienceClient = ReturnType<typeof createExperienceClient>;
