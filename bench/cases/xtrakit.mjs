// Xtrakit: PUT /api/v1/customers/{id}, answered with its documented success envelope.
import { documentedRequest } from "@customer-clients/test-utils/samples";
import { createXtrakitClient } from "../../packages/xtrakit/dist/index.js";
import { operations } from "../../packages/xtrakit/src/generated/examples.ts";
import { requestSchemas } from "../../packages/xtrakit/src/generated/request-schemas.ts";
import { sendJson } from "../lib/cases.mjs";

const id = "1";
// The fields the spec requires, from the Edit Customer page's sample request.
const sample = documentedRequest("xtrakit", "updateCustomer");
const fields = Object.fromEntries(requestSchemas.updateCustomer.body.required.map((name) => [name, sample[name]]));
const apiKey = "bench-xtrakit-api-key";
const body = JSON.stringify(operations.updateCustomer.responses["200"].examples.sample);

export default {
  vendor: "xtrakit",
  success: { status: 200, contentType: "application/json", body },
  authHeaders: { Authorization: `Bearer ${apiKey}` },

  createClient: (options) => createXtrakitClient({ ...options, apiKey }),
  call: (client) => client.updateCustomer(id, fields),

  openapiFetch: (api) => api.PUT("/api/v1/customers/{id}", { params: { path: { id } }, body: fields }),
  rawFetch: (baseUrl, headers) => sendJson("PUT", `${baseUrl}/api/v1/customers/${id}`, headers, fields),

  typecheck: {
    imports: `import { createXtrakitClient } from "@customer-clients/xtrakit";`,
    client: `
      const client = createXtrakitClient({ apiKey: "k" });
      const { data, error } = await client.updateCustomer("1", ${JSON.stringify(fields)});
      return error ? error.message : data.customer.updated_at;`,
    fetch: `
      const response = await fetch("https://api.xtrakit.com/api/v1/customers/1", {
        method: "PUT",
        headers: { Authorization: "Bearer k", "Content-Type": "application/json" },
        body: JSON.stringify(${JSON.stringify(fields)}),
      });
      const json = (await response.json()) as { data?: { customer?: { updated_at?: string } }; error?: string };
      return response.ok ? json.data?.customer?.updated_at : json.error;`,
  },
};
