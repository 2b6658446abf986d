// Pexip Engage: PATCH /customers/{id}, answered with its documented 200 body.
import { createPexipClient } from "../../packages/pexip/dist/index.js";
import { operations } from "../../packages/pexip/src/generated/examples.ts";
import { sendJson } from "../lib/cases.mjs";

const id = "123";
const patch = { firstName: "John", lastName: "Doe", language: "en" };
const token = "bench-pexip-access-token";
const correlationId = "a4f0048e-c983-11ed-afa1-0242ac120002";
const body = JSON.stringify(operations.updateCustomer.responses["200"].examples.updated);

export default {
  vendor: "pexip",
  success: { status: 200, contentType: "application/json", body },
  authHeaders: { Authorization: `Bearer ${token}`, "X-Correlation-Id": correlationId },

  createClient: (options) => createPexipClient({ ...options, enterprise: "acme", auth: token }),
  call: (client) => client.updateCustomer(id, patch),

  openapiFetch: (api) => api.PATCH("/customers/{id}", { params: { path: { id } }, body: patch }),
  rawFetch: (baseUrl, headers) => sendJson("PATCH", `${baseUrl}/customers/${id}`, headers, patch),

  typecheck: {
    imports: `import { createPexipClient } from "@customer-clients/pexip";`,
    client: `
      const client = createPexipClient({ enterprise: "acme", auth: "t" });
      const { data, error } = await client.updateCustomer("123", { firstName: "John", notes: null });
      return error ? error.message : data.updatedAt;`,
    fetch: `
      const response = await fetch("https://api.pexipengage.com/enterprises/acme/customers/123", {
        method: "PATCH",
        headers: { Authorization: "Bearer t", "Content-Type": "application/json", "X-Correlation-Id": crypto.randomUUID() },
        body: JSON.stringify({ firstName: "John", notes: null }),
      });
      const json = (await response.json()) as { data?: { updatedAt?: string }; errors?: Array<{ message: string }> };
      return response.ok ? json.data?.updatedAt : json.errors?.[0]?.message;`,
  },
};
