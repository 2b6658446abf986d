// The whole fault-injection suite, with a vendor client sending through this transport: every
// failure must come out as the same error class as with fetch.
import { createExperienceClient, type Customer } from "@customer-clients/experience";
import { describeFaults } from "@customer-clients/test-utils/faults";
import { afterAll } from "vitest";
import { createUndiciFetch } from "../src/index.js";

const partnerToken = "partner-undici-secret";
const hotelToken = "hotel-undici-secret";
const fetch = createUndiciFetch();
afterAll(() => fetch.close());

describeFaults({
  vendor: "experience",
  idempotent: false,
  success: { contentType: "text/plain", body: "1 customers updated" },
  secrets: [partnerToken, hotelToken],
  acceptsAnyContentType: true,
  createClient: (options) => createExperienceClient({ ...options, fetch, partnerToken, hotelToken }),
  createClientWithCredential: (options, source) => createExperienceClient({ ...options, fetch, partnerToken: source, hotelToken }),
  call: (client, options) => client.updateCustomers([{ reference: "123456" }], options as never),
  callWithField: (client, name, value) => client.updateCustomers([{ reference: "123456", [name]: value } as Customer]),
});
