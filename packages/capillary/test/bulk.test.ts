// The client's bulk method: several customers per call, one outcome per customer.
import { NotFoundError, type FetchLike } from "@customer-clients/core";
import { describe, expect, it } from "vitest";
import { createCapillaryClient } from "../src/index.js";

describe("updateCustomersBulk", () => {
  it("sends `batchSize` customers per call and gives each its own outcome from its item status", async () => {
    const calls: string[][] = [];
    const fetch: FetchLike = async (request) => {
      const customers = ((await request.json()) as { root: { customer: Array<{ mobile: string }> } }).root.customer;
      calls.push(customers.map((customer) => customer.mobile));
      const fails = (mobile: string) => mobile.endsWith("3");
      const anyFailed = customers.some((customer) => fails(customer.mobile));
      return Response.json({
        response: {
          status: {
            success: String(!anyFailed),
            code: anyFailed ? 201 : 200,
            message: anyFailed ? "Some requests have failed" : "SUCCESS",
            total: String(customers.length),
            success_count: "0",
          },
          customers: {
            customer: customers.map((customer) => ({
              ...customer,
              item_status: fails(customer.mobile)
                ? { success: "false", code: "1012", message: "Customer not found" }
                : { success: "true", code: "1000", message: "Customer successfully updated" },
            })),
          },
        },
      });
    };
    const client = createCapillaryClient({ auth: { username: "till", password: "pw" }, fetch });
    const mobiles = ["9191000001", "9191000002", "9191000003", "9191000004", "9191000005"];
    const outcomes = [];
    for await (const outcome of client.updateCustomersBulk(
      mobiles.map((mobile) => ({ mobile, firstname: "T" })),
      { batchSize: 2, concurrency: 1 },
    )) {
      outcomes.push(outcome);
    }
    expect(calls).toEqual([mobiles.slice(0, 2), mobiles.slice(2, 4), mobiles.slice(4)]);
    expect(outcomes.map((outcome) => [outcome.index, outcome.error ? outcome.error.code : "ok"])).toEqual([
      [0, "ok"],
      [1, "ok"],
      [2, "1012"],
      [3, "ok"],
      [4, "ok"],
    ]);
    expect(outcomes[2]!.error).toBeInstanceOf(NotFoundError);
  });
});
