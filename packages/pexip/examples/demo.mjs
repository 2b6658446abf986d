// Updates a customer through the built package. Run by `pnpm demo` against a Prism mock;
// unset PEXIP_BASE_URL and set PEXIP_ENTERPRISE, PEXIP_CLIENT_ID and PEXIP_CLIENT_SECRET to use it for real.
import { createPexipClient } from "@customer-clients/pexip";

const { PEXIP_BASE_URL, PEXIP_ENTERPRISE = "acme", PEXIP_CLIENT_ID, PEXIP_CLIENT_SECRET } = process.env;
const client = createPexipClient({
  enterprise: PEXIP_ENTERPRISE,
  baseUrl: PEXIP_BASE_URL,
  auth:
    PEXIP_CLIENT_ID && PEXIP_CLIENT_SECRET
      ? { clientId: PEXIP_CLIENT_ID, clientSecret: PEXIP_CLIENT_SECRET }
      : "demo-token",
});

// Change the email, clear the notes (null), leave everything else as it is (absent).
const { data, error } = await client.updateCustomer("123", {
  email: "john.doe@pexip.com",
  notes: null,
  location: {
    countryCode: "BE",
    postalCode: "9000",
    geolocation: { latitude: 51.0479466, longitude: 3.6912248 },
    translations: { city: [{ language: "nl", value: "Gent" }], street1: [{ language: "nl", value: "Veldstraat 1" }] },
  },
});
if (error) throw error;
console.log("updated:", { id: data.id, email: data.email, location: data.location?.countryCode });

// Bad input never leaves the process: the error names each field and rule, and carries the correlation id.
const invalid = await client.updateCustomer(
  "123",
  { language: "it", location: { countryCode: "BEL", translations: { city: [], street1: [] } } },
  { correlationId: "demo-correlation-id" },
);
console.log("normalised error:", invalid.error?.toJSON());
