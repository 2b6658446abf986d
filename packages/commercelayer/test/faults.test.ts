import { describeFaults } from "@customer-clients/test-utils/faults";
import { JSON_API_MEDIA_TYPE, createCommerceLayerClient } from "../src/index.js";

const accessToken = "cl-fault-access-token-value";
const clientSecret = "cl-fault-client-secret-value";
const successBody = JSON.stringify({
  data: {
    id: "xYZkjABcde",
    type: "customers",
    links: { self: "https://acme.commercelayer.io/api/customers/xYZkjABcde" },
    attributes: {
      email: "john@example.com",
      status: "prospect",
      has_password: false,
      created_at: "2018-01-01T12:00:00.000Z",
      updated_at: "2018-01-01T12:00:00.000Z",
      metadata: {},
    },
    meta: { mode: "test" },
  },
});

describeFaults({
  vendor: "commercelayer",
  idempotent: true,
  success: { contentType: JSON_API_MEDIA_TYPE, body: successBody },
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
