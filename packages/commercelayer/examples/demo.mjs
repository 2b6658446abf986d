// Updates a customer through the built package. Run by `pnpm demo` against a Prism mock; set
// COMMERCELAYER_ORGANIZATION and either COMMERCELAYER_ACCESS_TOKEN or
// COMMERCELAYER_CLIENT_ID/COMMERCELAYER_CLIENT_SECRET (and no COMMERCELAYER_BASE_URL) to use it for real.
import { createCommerceLayerClient } from "@customer-clients/commercelayer";

const env = process.env;
const client = createCommerceLayerClient({
  organization: env.COMMERCELAYER_ORGANIZATION ?? "yourdomain",
  baseUrl: env.COMMERCELAYER_BASE_URL,
  auth: env.COMMERCELAYER_CLIENT_ID
    ? {
        clientId: env.COMMERCELAYER_CLIENT_ID,
        clientSecret: env.COMMERCELAYER_CLIENT_SECRET ?? "",
        scope: env.COMMERCELAYER_SCOPE,
      }
    : { accessToken: env.COMMERCELAYER_ACCESS_TOKEN ?? "demo-access-token" },
});

// The mock answers with the documented example, whose customer id is xYZkjABcde.
const { data, error } = await client.updateCustomer("xYZkjABcde", {
  email: "john@example.com",
  reference: "ANY-EXTERNAL-REFEFERNCE",
  metadata: { foo: "bar" },
});
if (error) throw error;
const { resource, relationships, ...customer } = data;
console.log("updated:", customer);
console.log("relationships:", Object.keys(relationships).join(", "));

// Bad input never leaves the process: the error names each field and rule.
const invalid = await client.updateCustomer("xYZkjABcde", { metadata: "vip", customerGroupId: "" });
console.log("normalised error:", invalid.error?.toJSON());
