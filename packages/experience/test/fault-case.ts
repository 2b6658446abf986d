// The fault-injection case for the Experience client, shared with the transports that run the
// whole suite through it (undici-fetch).
import type { FetchLike } from "@customer-clients/core";
import { documentedSuccess, type FaultCase } from "@customer-clients/test-utils/faults";
import { operations } from "../src/generated/examples.js";
import { createExperienceClient, type Customer, type ExperienceClient } from "../src/index.js";

export function experienceFaultCase(fetch?: FetchLike): FaultCase<ExperienceClient> {
  const partnerToken = "partner-fault-secret";
  const hotelToken = "hotel-fault-secret";
  return {
    vendor: "experience",
    idempotent: false,
    success: documentedSuccess(operations.updateCustomers),
    secrets: [partnerToken, hotelToken],
    acceptsAnyContentType: true,
    createClient: (options) => createExperienceClient({ ...options, fetch, partnerToken, hotelToken }),
    createClientWithCredential: (options, source) =>
      createExperienceClient({ ...options, fetch, partnerToken: source, hotelToken }),
    call: (client, options) => client.updateCustomers([{ reference: "123456" }], options as never),
    callWithField: (client, name, value) =>
      client.updateCustomers([{ reference: "123456", [name]: value } as Customer]),
  };
}
