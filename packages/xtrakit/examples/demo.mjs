// Updates a customer through the built package. Run by `pnpm demo` against a Prism mock;
// point XTRAKIT_BASE_URL at the real host (https://api.xtrakit.com or https://app.xtrakit.com)
// and set XTRAKIT_API_KEY to use it for real.
import { createXtrakitClient } from "@customer-clients/xtrakit";

const client = createXtrakitClient({
  baseUrl: process.env.XTRAKIT_BASE_URL,
  apiKey: process.env.XTRAKIT_API_KEY ?? "demo-api-key",
});

const { data, error } = await client.updateCustomer("1", {
  customer_group_id: 1,
  customer_name: "Jane Doe",
  customer_email: "jane.doe@example.com",
  customer_phone: "+233244567890",
  customer_country: "Ghana",
  customer_city: "Accra",
  customer_state: "Greater Accra",
  customer_zip: "00233",
  address1: "123 Main Street",
  created_by: "Edward",
});
if (error) throw error;
console.log("updated:", data.message, data.customer);
console.log(
  "groups:",
  data.customerGroups.map((group) => group.group_name),
);

// Bad input never leaves the process: PUT replaces the customer, so every required field must be there.
const invalid = await client.updateCustomer("1", { customer_name: "Jane Doe", customer_group_id: "1" });
console.log("normalised error:", invalid.error?.toJSON());
