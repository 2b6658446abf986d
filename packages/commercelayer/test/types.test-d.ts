import type { Result } from "@customer-clients/core";
import { describe, expectTypeOf, it } from "vitest";
import { createCommerceLayerClient, type Customer, type CustomerUpdateDocument } from "../src/index.js";

const client = createCommerceLayerClient({
  organization: "acme",
  auth: { clientId: "id", clientSecret: async () => "secret" },
});

describe("commercelayer client types", () => {
  it("returns a typed, flattened customer", () => {
    expectTypeOf(client.updateCustomer("xYZkjABcde", { email: "john@example.com" })).toEqualTypeOf<
      Promise<Result<Customer>>
    >();
    expectTypeOf<Customer["status"]>().toEqualTypeOf<"prospect" | "acquired" | "repeat">();
    expectTypeOf<Customer["mode"]>().toEqualTypeOf<"test" | "live" | undefined>();
    expectTypeOf<CustomerUpdateDocument["data"]["type"]>().toEqualTypeOf<"customers">();
  });

  it("accepts both auth styles and either an organization or a baseUrl", () => {
    createCommerceLayerClient({ organization: "acme", auth: { accessToken: "token" } });
    createCommerceLayerClient({ baseUrl: "http://127.0.0.1:4010", auth: { accessToken: async () => "token" } });
    createCommerceLayerClient({
      organization: "acme",
      auth: { clientId: "id", clientSecret: "secret", scope: "market:id:xYZkjABcde" },
      authBaseUrl: "http://127.0.0.1:4010",
    });
  });

  it("rejects wrong calls at compile time", () => {
    // @ts-expect-error the id is required
    void client.updateCustomer();
    // @ts-expect-error attribute names are camelCase and checked
    void client.updateCustomer("xYZkjABcde", { reference_origin: "erp" });
    // @ts-expect-error metadata is an object
    void client.updateCustomer("xYZkjABcde", { metadata: "vip" });
    // @ts-expect-error a customer group is named by its id
    void client.updateCustomer("xYZkjABcde", { customerGroupId: 42 });
    // @ts-expect-error the JSON:API type is always customers
    const wrongType: CustomerUpdateDocument = { data: { type: "users", id: "xYZkjABcde" } };
    void wrongType;
    type Relationships = NonNullable<CustomerUpdateDocument["data"]["relationships"]>;
    // @ts-expect-error a customer group relationship points at customer_groups
    const wrongGroup: Relationships = { customer_group: { data: { type: "markets", id: "y" } } };
    void wrongGroup;
    // @ts-expect-error auth is required
    createCommerceLayerClient({ organization: "acme" });
    // @ts-expect-error client credentials need the secret
    createCommerceLayerClient({ organization: "acme", auth: { clientId: "id" } });
    // @ts-expect-error without a baseUrl, the organization is required
    createCommerceLayerClient({ auth: { accessToken: "token" } });
  });
});
