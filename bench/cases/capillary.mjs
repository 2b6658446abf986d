// Capillary: PUT /v1.1/customer/update?format=json with Basic auth (MD5-hashed password),
// answered with its documented success body.
import { createHash } from "node:crypto";
import { createCapillaryClient } from "../../packages/capillary/dist/index.js";
import { operations } from "../../packages/capillary/src/generated/examples.ts";
import { sendJson } from "../lib/cases.mjs";

const username = "bench.till";
const password = "bench-till-password";
const basic = Buffer.from(`${username}:${createHash("md5").update(password).digest("hex")}`).toString("base64");
const customer = { mobile: "919111111111", firstname: "Tom" };
const envelope = { root: { customer: [customer] } };
// The spec's example answers for this customer.
const body = JSON.stringify(operations.updateCustomers.responses["200"].examples.updated);

export default {
  vendor: "capillary",
  success: { status: 200, contentType: "application/json", body },
  authHeaders: { Authorization: `Basic ${basic}` },

  createClient: (options) => createCapillaryClient({ ...options, auth: { username, password } }),
  call: (client) => client.updateCustomers(customer),

  openapiFetch: (api) => api.PUT("/v1.1/customer/update", { params: { query: { format: "json" } }, body: envelope }),
  rawFetch: (baseUrl, headers) => sendJson("PUT", `${baseUrl}/v1.1/customer/update?format=json`, headers, envelope),

  typecheck: {
    imports: `import { createCapillaryClient } from "@customer-clients/capillary";`,
    client: `
      const client = createCapillaryClient({ cluster: "eu", auth: { username: "till", password: "pw" } });
      const { data, error } = await client.updateCustomers({ mobile: "919111111111", firstname: "Tom" });
      return error ? error.message : data.customers.length;`,
    fetch: `
      const response = await fetch("https://eu.api.capillarytech.com/v1.1/customer/update?format=json", {
        method: "PUT",
        headers: { Authorization: "Basic dGlsbDpkaWdlc3Q=", "Content-Type": "application/json" },
        body: JSON.stringify({ root: { customer: [{ mobile: "919111111111", firstname: "Tom" }] } }),
      });
      const json = (await response.json()) as { response?: { customers?: { customer?: unknown[] } } };
      return json.response?.customers?.customer?.length;`,
  },
};
