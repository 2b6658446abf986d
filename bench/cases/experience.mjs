// Experience: POST /api/xp-store-bookings/customers, answered with its documented text/plain body.
import { createExperienceClient } from "../../packages/experience/dist/index.js";
import { sendJson } from "../lib/cases.mjs";

const path = "/api/xp-store-bookings/customers";
const customers = [
  { reference: "123456", firstname: "John", lastname: "Doe", country: "FR", language: "en", birthdate: "1982-04-23" },
];
const partnerToken = "bench-partner-token";
const hotelToken = "bench-hotel-token";

export default {
  vendor: "experience",
  success: { status: 200, contentType: "text/plain", body: "1 customers updated" },
  authHeaders: { Authorization: `Bearer ${partnerToken}:${hotelToken}` },

  createClient: (options) => createExperienceClient({ ...options, partnerToken, hotelToken }),
  call: (client) => client.updateCustomers(customers),

  openapiFetch: (api) => api.POST(path, { body: { customers }, parseAs: "text" }),
  rawFetch: (baseUrl, headers) => sendJson("POST", baseUrl + path, headers, { customers }, "text"),

  typecheck: {
    imports: `import { createExperienceClient } from "@customer-clients/experience";`,
    client: `
      const client = createExperienceClient({ partnerToken: "p", hotelToken: "h" });
      const { data, error } = await client.updateCustomers([{ reference: "123456", country: "FR", language: "en" }]);
      return error ? error.message : data.updatedCount;`,
    fetch: `
      const response = await fetch("https://interface.experience-hotel.com${path}", {
        method: "POST",
        headers: { Authorization: "Bearer p:h", "Content-Type": "application/json" },
        body: JSON.stringify({ customers: [{ reference: "123456", country: "FR", language: "en" }] }),
      });
      const text = await response.text();
      return response.ok ? Number(/^(\\d+)/.exec(text)?.[1]) : text;`,
  },
};
