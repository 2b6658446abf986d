import { describeFaults, documentedSuccess } from "@customer-clients/test-utils/faults";
import { operations } from "../src/generated/examples.js";
import { createCommerceLayerClient } from "../src/index.js";

const accessToken = "cl-fault-access-token-value";
const clientSecret = "cl-fault-client-secret-value";

describeFaults({
  vendor: "commercelayer",
  idempotent: true,
  success: documentedSuccess(operations.updateCustomer),
  secrets: [accessToken],
  createClient: (options) => createCommerceLayerClient({ ...options, auth: { accessToken } }),
  createClientWithCredential: (options, source) =>
    createCommerceLayerClient({ ...options, auth: { accessToken: source } }),
  call: (client, options) => client.updateCustomer("xYZkjABcde", { email: "john@example.com" }, options as never),
  closedInput: true,
  callWithField: (client, name, value) =>
    client.updateCustomer("xYZkjABcde", { email: "john@example.com", [name]: value }),
  callWithId: (client, id) => client.updateCustomer(id, { email: "john@example.com" }),
  oauth: {
    tokenPath: "/oauth/token",
    secrets: [clientSecret],
    createClient: (options) =>
      createCommerceLayerClient({
        ...options,
        authBaseUrl: options.baseUrl,
        auth: { clientId: "fault-client-id", clientSecret },
      }),
  },
});
