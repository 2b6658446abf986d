// Xtrakit: PUT /api/v1/customers/{id}, answered with its documented success envelope.
import { createXtrakitClient } from "../../packages/xtrakit/dist/index.js";

const id = "1";
const fields = {
  customer_group_id: 1,
  customer_name: "Jane Doe",
  customer_phone: "+233244567890",
  customer_country: "Ghana",
  customer_city: "Accra",
  customer_state: "Greater Accra",
  address1: "123 Main Street",
  created_by: "Edward",
};
const apiKey = "bench-xtrakit-api-key";
const body = JSON.stringify({
  status: 200,
  message: "Customer updated successfully",
  data: {
    customer: { id: 1, ...fields, created_at: "2024-08-04 08:23:45", updated_at: "2024-08-04 02:00:43" },
    "customer-group": [],
  },
});

export default {
  vendor: "xtrakit",
  success: { status: 200, contentType: "application/json", body },
  authHeaders: { Authorization: `Bearer ${apiKey}` },

  createClient: (options) => createXtrakitClient({ ...options, apiKey }),
  call: (client) => client.updateCustomer(id, fields),

  openapiFetch: (api) => api.PUT("/api/v1/customers/{id}", { params: { path: { id } }, body: fields }),
  async rawFetch(baseUrl, headers) {
    const response = await fetch(`${baseUrl}/api/v1/customers/${id}`, {
      method: "PUT",
      headers: { ...headers, "Content-Type": "application/json" },
      body: JSON.stringify(fields),
    });
    const json = await response.json();
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    return json;
  },

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
