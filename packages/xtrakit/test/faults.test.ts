import { describeFaults } from "@customer-clients/test-utils/faults";
import { createXtrakitClient } from "../src/index.js";
import { jane } from "./fixtures.js";

const apiKey = "xtrakit-fault-secret-key";
const successBody = JSON.stringify({
  status: 200,
  message: "Customer updated successfully",
  data: {
    customer: { id: 1, ...jane, created_at: "2024-08-04 08:23:45", updated_at: "2024-08-04 02:00:43" },
    "customer-group": [],
  },
});

describeFaults({
  vendor: "xtrakit",
  idempotent: true,
  success: { contentType: "application/json", body: successBody },
  secrets: [apiKey],
  createClient: (options) => createXtrakitClient({ ...options, apiKey }),
  createClientWithCredential: (options, source) => createXtrakitClient({ ...options, apiKey: source }),
  call: (client, options) => client.updateCustomer("CUSTOMER_ID", jane, options as never),
  callWithField: (client, name, value) => client.updateCustomer("CUSTOMER_ID", { ...jane, [name]: value }),
  callWithId: (client, id) => client.updateCustomer(id, jane),
});
