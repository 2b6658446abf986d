import {
  batchBulkMethod,
  InvalidResponseError,
  createVendorClient,
  headerAuth,
  type CallOptions,
  type CommonClientOptions,
  type CredentialSource,
  type Result,
} from "@customer-clients/core";
import { rateLimits, type components } from "./generated/index.js";
import { updateCustomers } from "./generated/operations.js";
import { parseErrorBody } from "./errors.js";

// All of core, then the spec's types and limits. Core is re-exported here, not from a generated
// module: a nested `export *` of an external module defeats bundlers' tree shaking.
export * from "@customer-clients/core";
export * from "./generated/index.js";
export { parseErrorBody } from "./errors.js";
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

    /**
     * Updates many customers, read lazily from an array, an iterable or an async iterable, at
     * the limits this client keeps (its `rateLimits`, or the `rateLimiter` option), sharing them
     * with its other calls: one outcome per item, in the order calls finish, each with its
     * item's `index`. Nothing is retried beyond the client's own retry policy.
     * `batchSize` customers go in each call (default 10); the API answers a count per call, so
     * each customer of a call gets that call's outcome.
     */
    updateCustomersBulk: batchBulkMethod<Customer, UpdateCustomersResult>(async (batch, signal) => {
      const result = await single.updateCustomers(batch, { signal });
      return batch.map(() => (result.error ? { error: result.error } : { data: result.data }));
    }, DEFAULT_BATCH_SIZE),
  };
}

export type ExperienceClient = ReturnType<typeof createExperienceClient>;
