// Commerce Layer: PATCH /api/customers/{id} (JSON:API), answered with its documented resource.
import { createCommerceLayerClient } from "../../packages/commercelayer/dist/index.js";
import { operations } from "../../packages/commercelayer/src/generated/examples.ts";
import { sendJson } from "../lib/cases.mjs";

const id = "xYZkjABcde";
const accessToken = "bench-commercelayer-access-token";
const JSON_API = "application/vnd.api+json";
const document = {
  data: { type: "customers", id, attributes: { email: "john@example.com", metadata: { foo: "bar" } } },
};
const body = JSON.stringify(operations.updateCustomer.responses["200"].examples.updated);

export default {
  vendor: "commercelayer",
  success: { status: 200, contentType: JSON_API, body },
  authHeaders: { Authorization: `Bearer ${accessToken}`, Accept: JSON_API, "Content-Type": JSON_API },

  createClient: (options) => createCommerceLayerClient({ ...options, auth: { accessToken } }),
  call: (client) => client.updateCustomer(id, { email: "john@example.com", metadata: { foo: "bar" } }),

  openapiFetch: (api) => api.PATCH("/api/customers/{id}", { params: { path: { id } }, body: document }),
  rawFetch: (baseUrl, headers) => sendJson("PATCH", `${baseUrl}/api/customers/${id}`, headers, document),

  typecheck: {
    imports: `import { createCommerceLayerClient } from "@customer-clients/commercelayer";`,
    client: `
      const client = createCommerceLayerClient({ organization: "acme", auth: { clientId: "id", clientSecret: "secret" } });
      const { data, error } = await client.updateCustomer("${id}", { email: "john@example.com" });
      return error ? error.message : data.updatedAt;`,
    fetch: `
      const response = await fetch("https://acme.commercelayer.io/api/customers/${id}", {
        method: "PATCH",
        headers: { Authorization: "Bearer t", Accept: "${JSON_API}", "Content-Type": "${JSON_API}" },
        body: JSON.stringify({ data: { type: "customers", id: "${id}", attributes: { email: "john@example.com" } } }),
      });
      const json = (await response.json()) as { data?: { attributes?: { updated_at?: string } } };
      return json.data?.attributes?.updated_at;`,
  },
};
