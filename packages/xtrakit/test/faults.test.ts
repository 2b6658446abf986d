import { describeFaults, documentedSuccess } from "@customer-clients/test-utils/faults";
import { operations } from "../src/generated/examples.js";
import { createXtrakitClient } from "../src/index.js";
import { jane } from "./fixtures.js";

const apiKey = "xtrakit-fault-secret-key";

describeFaults({
  vendor: "xtrakit",
  idempotent: true,
  success: documentedSuccess(operations.updateCustomer),
  secrets: [apiKey],
  createClient: (options) => createXtrakitClient({ ...options, apiKey }),
  createClientWithCredential: (options, source) => createXtrakitClient({ ...options, apiKey: source }),
  call: (client, options) => client.updateCustomer("CUSTOMER_ID", jane, options as never),
  callWithField: (client, name, value) => client.updateCustomer("CUSTOMER_ID", { ...jane, [name]: value }),
  callWithId: (client, id) => client.updateCustomer(id, jane),
});
