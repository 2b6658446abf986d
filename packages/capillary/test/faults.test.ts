import { createHash } from "node:crypto";
import { describeFaults, documentedSuccess } from "@customer-clients/test-utils/faults";
import { operations } from "../src/generated/examples.js";
import { createCapillaryClient } from "../src/index.js";

const password = "capillary-fault-password";
const oauthSecret = "capillary-fault-oauth-secret";

describeFaults({
  vendor: "capillary",
  idempotent: false,
  success: documentedSuccess(operations.updateCustomers),
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
