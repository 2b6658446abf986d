import { createHash } from "node:crypto";
import { describeFaults } from "@customer-clients/test-utils/faults";
import { createCapillaryClient } from "../src/index.js";

const password = "capillary-fault-password";
const oauthSecret = "capillary-fault-oauth-secret";
const successBody = JSON.stringify({
  response: {
    status: { success: "true", code: 200, message: "SUCCESS", total: "1", success_count: "1" },
    customers: {
      customer: [
        {
          mobile: "919111111111",
          user_id: "100",
          item_status: {
            success: "true",
            code: "1000",
            message: "Customer successfully updated",
            warnings: { warning: [] },
          },
        },
      ],
    },
  },
});

describeFaults({
  vendor: "capillary",
  idempotent: false,
  success: { contentType: "application/json", body: successBody },
  // The MD5 of the password is what travels, so it is as secret as the password.
  secrets: [password, createHash("md5").update(password).digest("hex")],
  createClient: (options) => createCapillaryClient({ ...options, auth: { username: "store.till.01", password } }),
  encodesCredential: true,
  createClientWithCredential: (options, source) =>
    createCapillaryClient({ ...options, auth: { username: "store.till.01", password: source } }),
  call: (client, options) => client.updateCustomers({ mobile: "919111111111", firstname: "Tom" }, options as never),
  callWithField: (client, name, value) =>
    client.updateCustomers({ mobile: "919111111111", firstname: "Tom", [name]: value }),
  callWithHeader: (client, value) =>
    client.updateCustomers({ mobile: "919111111111" }, { attribution: { entityType: value } }),
  oauth: {
    tokenPath: "/v3/oauth/token/generate",
    secrets: [oauthSecret],
    createClient: (options) =>
      createCapillaryClient({ ...options, auth: { oauth: { key: "fault-oauth-key", secret: oauthSecret } } }),
  },
});
