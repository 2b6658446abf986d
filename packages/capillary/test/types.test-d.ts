import type { BulkOutcome, Result } from "@customer-clients/core";
import { describe, expectTypeOf, it } from "vitest";
import {
  createCapillaryClient,
  type CustomerOutcome,
  type CustomerUpdate,
  type UpdateCustomersResult,
} from "../src/index.js";

const client = createCapillaryClient({ cluster: "eu", auth: { username: "till", password: async () => "secret" } });

describe("capillary client types", () => {
  it("returns a typed result for one customer or several", () => {
    expectTypeOf(client.updateCustomers({ mobile: "919111111111" })).toEqualTypeOf<
      Promise<Result<UpdateCustomersResult>>
    >();
    expectTypeOf(
      client.updateCustomers([
        { email: "a@example.com" },
        { id: 343101481 },
        { id: "343101481" },
        { external_id: "ts1234" },
      ]),
    ).toEqualTypeOf<Promise<Result<UpdateCustomersResult>>>();
    expectTypeOf<UpdateCustomersResult["customers"][number]["customer"]["user_id"]>().toEqualTypeOf<
      number | string | undefined
    >();
    createCapillaryClient({
      baseUrl: "http://127.0.0.1:4010",
      auth: { oauth: { key: "k", secret: () => "s", tokenHeader: "CAP-API-ACCESS-TOKEN" } },
    });
  });

  it("rejects wrong calls at compile time", () => {
    // @ts-expect-error a customer needs mobile, email, external_id or id
    void client.updateCustomers({ firstname: "Tom" });
    // @ts-expect-error a loyalty customer cannot be made NON_LOYALTY
    void client.updateCustomers({ mobile: "1", type: "NON_LOYALTY" });
    type Subscription = NonNullable<CustomerUpdate["subscriptions"]>["subscription"][number];
    // @ts-expect-error request channels are lower case
    const upperCaseChannel: Subscription = { channel: "SMS", priority: "TRANS", is_subscribed: "1" };
    // @ts-expect-error priority is TRANS or BULK
    const unknownPriority: Subscription = { channel: "sms", priority: "PROMO", is_subscribed: "1" };
    void client.updateCustomers({ mobile: "1", subscriptions: { subscription: [upperCaseChannel, unknownPriority] } });
    // @ts-expect-error fraud status is CONFIRMED or NONE
    void client.updateCustomers({ mobile: "1", fraud_status: { status: "SUSPECTED" } });
    // @ts-expect-error custom field values are strings
    void client.updateCustomers({ mobile: "1", custom_fields: { field: [{ name: "age", value: 42 }] } });
    const typo: CustomerUpdate = {
      mobile: "1",
      // @ts-expect-error unknown field
      first_name: "Tom",
    };
    void typo;
    // @ts-expect-error no such cluster
    createCapillaryClient({ cluster: "mars", auth: { username: "u", password: "p" } });
    // @ts-expect-error a cluster or a base URL, not both
    createCapillaryClient({ cluster: "us", baseUrl: "http://127.0.0.1", auth: { username: "u", password: "p" } });
    // @ts-expect-error till credentials or OAuth, not both
    createCapillaryClient({ auth: { username: "u", password: "p", oauth: { key: "k", secret: "s" } } });
    // @ts-expect-error the password is required
    createCapillaryClient({ auth: { username: "u" } });
    // @ts-expect-error unknown token header
    createCapillaryClient({ auth: { oauth: { key: "k", secret: "s", tokenHeader: "Authorization" } } });
  });

  it("types the bulk method's items, options and outcomes", () => {
    const run = client.updateCustomersBulk([{ mobile: "919111111111" }], {
      batchSize: 100,
      attribution: { entityType: "TILL" },
    });
    expectTypeOf(run).toEqualTypeOf<
      AsyncGenerator<BulkOutcome<CustomerUpdate, CustomerOutcome | UpdateCustomersResult>, void, undefined>
    >();
    // @ts-expect-error a customer needs mobile, email, external_id or id
    client.updateCustomersBulk([{ firstname: "Tom" }]);
    // @ts-expect-error no such option
    client.updateCustomersBulk([{ mobile: "919111111111" }], { batchsize: 100 });
  });
});
