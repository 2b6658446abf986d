import type { Result } from "@customer-clients/core";
import { describe, expectTypeOf, it } from "vitest";
import { createXtrakitClient, type Customer, type CustomerFields, type UpdateCustomerResult } from "../src/index.js";
import { jane } from "./fixtures.js";

const client = createXtrakitClient({ apiKey: "k" });

describe("xtrakit client types", () => {
  it("returns a typed result", () => {
    expectTypeOf(client.updateCustomer("1", jane)).toEqualTypeOf<Promise<Result<UpdateCustomerResult>>>();
    expectTypeOf<Customer["id"]>().toEqualTypeOf<number>();
    expectTypeOf<Customer["created_at"]>().toEqualTypeOf<string>();
    expectTypeOf<Customer["customer_email"]>().toEqualTypeOf<string | null | undefined>();
    expectTypeOf<CustomerFields["customer_group_id"]>().toEqualTypeOf<number | undefined>();
    expectTypeOf<CustomerFields["customer_name"]>().toEqualTypeOf<string>();
  });

  it("requires what the spec requires, because PUT replaces the customer", () => {
    const { customer_name: _name, ...noName } = jane;
    // @ts-expect-error customer_name is required
    void client.updateCustomer("1", noName);
    const { created_by: _by, ...noCreator } = jane;
    // @ts-expect-error created_by is required
    void client.updateCustomer("1", noCreator);
    // @ts-expect-error an empty body is not an edit
    void client.updateCustomer("1", {});
  });

  it("rejects wrong types at compile time", () => {
    // @ts-expect-error customer_group_id is an integer, not a string
    void client.updateCustomer("1", { ...jane, customer_group_id: "1" });
    // @ts-expect-error the zip is a string (leading zeros)
    void client.updateCustomer("1", { ...jane, customer_zip: 233 });
    // @ts-expect-error the id is a string
    void client.updateCustomer(1, jane);
    // @ts-expect-error unknown fields are refused in a literal
    void client.updateCustomer("1", { ...jane, customer_nickname: "JD" });
    // @ts-expect-error the API key is required
    createXtrakitClient({ baseUrl: "https://app.xtrakit.com" });
  });
});
