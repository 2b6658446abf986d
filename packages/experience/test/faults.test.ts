import { describeFaults } from "@customer-clients/test-utils/faults";
import { createExperienceClient, type Customer } from "../src/index.js";

const partnerToken = "partner-fault-secret";
const hotelToken = "hotel-fault-secret";

describeFaults({
  vendor: "experience",
  idempotent: false,
  success: { contentType: "text/plain", body: "1 customers updated" },
  secrets: [partnerToken, hotelToken],
  acceptsAnyContentType: true,
  createClient: (options) => createExperienceClient({ ...options, partnerToken, hotelToken }),
  createClientWithCredential: (options, source) => createExperienceClient({ ...options, partnerToken: source, hotelToken }),
  call: (client, options) => client.updateCustomers([{ reference: "123456" }], options as never),
  callWithField: (client, name, value) => client.updateCustomers([{ reference: "123456", [name]: value } as Customer]),
});
