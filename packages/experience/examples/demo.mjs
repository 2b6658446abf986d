// Updates a customer through the built package. Run by `pnpm demo` against a Prism mock;
// point EXPERIENCE_BASE_URL at the real host and set the tokens to use it for real.
import { createExperienceClient } from "@customer-clients/experience";

const client = createExperienceClient({
  baseUrl: process.env.EXPERIENCE_BASE_URL,
  partnerToken: process.env.EXPERIENCE_PARTNER_TOKEN ?? "demo-partner-token",
  hotelToken: process.env.EXPERIENCE_HOTEL_TOKEN ?? "demo-hotel-token",
});

const { data, error } = await client.updateCustomers([
  { reference: "123456", firstname: "John", lastname: "Doe", country: "FR", language: "en", birthdate: "1982-04-23" },
]);
if (error) throw error;
console.log("updated:", data);

// Bad input never leaves the process: the error names each field and rule.
const invalid = await client.updateCustomers([{ reference: "123456", country: "France", birthdate: "23/04/1982" }]);
console.log("normalised error:", invalid.error?.toJSON());
