import type { Result } from "@customer-clients/core";
import { describe, expectTypeOf, it } from "vitest";
import { createExperienceClient, type UpdateCustomersResult } from "../src/index.js";

const client = createExperienceClient({ partnerToken: "p", hotelToken: async () => "h" });

describe("experience client types", () => {
  it("returns a typed result", () => {
    expectTypeOf(client.updateCustomers([{ reference: "1" }])).toEqualTypeOf<Promise<Result<UpdateCustomersResult>>>();
  });

  it("rejects wrong calls at compile time", () => {
    // @ts-expect-error reference is required
    void client.updateCustomers([{ firstname: "John" }]);
    // @ts-expect-error country is an ISO 3166-1 alpha-2 code
    void client.updateCustomers([{ reference: "1", country: "France" }]);
    // @ts-expect-error extra attributes are strings
    void client.updateCustomers([{ reference: "1", extra_attributes: { vip: 1 } }]);
    // @ts-expect-error the hotel token is required
    createExperienceClient({ partnerToken: "p" });
  });
});
