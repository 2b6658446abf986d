import { describeFaults } from "@customer-clients/test-utils/faults";
import { createExperienceClient } from "../src/index.js";

const partnerToken = "partner-fault-secret";
const hotelToken = "hotel-fault-secret";

describeFaults({
  vendor: "experience",
  idempotent: false,
  success: { contentType: "text/plain", body: "1 customers updated" },
  secrets: [partnerToken, hotelToken],
  acceptsAnyContentType: true,
  createClient: (options) => createExperienceClient({ ...options, partnerToken, hotelToken }),
  call: (client) => client.updateCustomers([{ reference: "123456" }]),
});
