import { describeFaults, documentedSuccess } from "@customer-clients/test-utils/faults";
import { operations } from "../src/generated/examples.js";
import { createPexipClient } from "../src/index.js";

const token = "pexip-fault-access-token";
const clientSecret = "pexip-fault-client-secret";

describeFaults({
  vendor: "pexip",
  idempotent: true,
  success: documentedSuccess(operations.updateCustomer),
  secrets: [token],
  createClient: (options) => createPexipClient({ ...options, enterprise: "acme", auth: token }),
  createClientWithCredential: (options, source) => createPexipClient({ ...options, enterprise: "acme", auth: source }),
  call: (client, options) => client.updateCustomer("123", { firstName: "John" }, options as never),
  callWithField: (client, name, value) => client.updateCustomer("123", { firstName: "John", [name]: value }),
  callWithId: (client, id) => client.updateCustomer(id, { firstName: "John" }),
  callWithHeader: (client, value) => client.updateCustomer("123", { firstName: "John" }, { correlationId: value }),
  oauth: {
    tokenPath: "/token",
    secrets: [clientSecret],
    createClient: (options) =>
      createPexipClient({
        ...options,
        enterprise: "acme",
        auth: { clientId: "fault-client-id", clientSecret, tokenUrl: `${options.baseUrl}/token` },
      }),
  },
});
