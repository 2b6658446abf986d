import { describeFaults } from "@customer-clients/test-utils/faults";
import { createPexipClient } from "../src/index.js";

const token = "pexip-fault-access-token";
const successBody = JSON.stringify({
  data: { id: "123", existing: true, timeZone: "Europe/Brussels", createdAt: "2022-08-17T19:05:21.362Z", updatedAt: "2022-08-17T19:05:21.362Z", deletedAt: null },
});

describeFaults({
  vendor: "pexip",
  idempotent: true,
  success: { contentType: "application/json", body: successBody },
  secrets: [token],
  createClient: (options) => createPexipClient({ ...options, enterprise: "acme", auth: token }),
  call: (client) => client.updateCustomer("123", { firstName: "John" }),
});
