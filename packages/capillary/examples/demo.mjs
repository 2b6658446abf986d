// Updates a customer through the built package. Run by `pnpm demo` against a Prism mock;
// point CAPILLARY_BASE_URL at your cluster and set the till credentials to use it for real.
import { createCapillaryClient } from "@customer-clients/capillary";

const client = createCapillaryClient({
  baseUrl: process.env.CAPILLARY_BASE_URL,
  auth: {
    username: process.env.CAPILLARY_TILL_USERNAME ?? "demo.till",
    // Hashed with MD5 before it is sent; the plain password never leaves the process.
    password: process.env.CAPILLARY_TILL_PASSWORD ?? "demo-password",
  },
});

const { data, error } = await client.updateCustomers({
  mobile: "919111111111",
  firstname: "Tom",
  lastname: "Sawyer",
  registered_on: "2016-09-11 11:11:11",
  subscriptions: { subscription: [{ channel: "email", priority: "BULK", scope: "all", is_subscribed: "0" }] },
});
if (error) throw error;
console.log(
  "updated:",
  data.customers.map(({ path, success, code, message }) => ({ path, success, code, message })),
);

// Bad input never leaves the process: the error names each field and rule.
const invalid = await client.updateCustomers([{ firstname: "No identifier", registered_on: "11/09/2016" }]);
console.log("normalised error:", invalid.error?.toJSON());
