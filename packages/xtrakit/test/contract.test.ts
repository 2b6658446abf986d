// The real client against a Prism mock of specs/xtrakit/openapi.yaml.
import { AuthenticationError, InvalidRequestError, UnprocessableEntityError, unwrap, type FetchLike } from "@customer-clients/core";
import { describe, expect, inject, it } from "vitest";
import { createXtrakitClient } from "../src/index.js";
import { REQUIRED, jane, requiredOnly, without } from "./fixtures.js";

const baseUrl = inject("prismUrl");
const apiKey = "xk-contract-secret-key";
const TIMESTAMP = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

/** A fetch that sends `body` instead of what the client validated, so that the mock judges it. */
function sendingInstead(body: unknown): FetchLike {
  return (request, init) => fetch(new Request(request, { body: JSON.stringify(body), duplex: "half" } as RequestInit), init);
}

/** The reasons Prism gives for refusing a request. */
function violations(response: Response | undefined): string {
  return response?.headers.get("sl-violations") ?? "";
}

describe("xtrakit contract (Prism)", () => {
  it("updates a customer and returns the stored customer and the groups", async () => {
    const client = createXtrakitClient({ baseUrl, apiKey });
    const result = await client.updateCustomer("1", jane);
    expect(result.error).toBeUndefined();
    expect(result.data?.message).toBe("Customer updated successfully");
    expect(result.data?.customer).toMatchObject({ id: 1, customer_group_id: 1, ...jane });
    expect(result.data?.customer.created_at).toMatch(TIMESTAMP);
    expect(result.data?.customer.updated_at).toMatch(TIMESTAMP);
    expect(result.data?.customerGroups).toEqual([expect.objectContaining({ id: 1, group_name: "Premium Customers" })]);
    await expect(unwrap(client.updateCustomer("1", jane))).resolves.toMatchObject({ customer: { customer_name: "Jane Doe" } });
  });

  it("accepts a body with only the required fields", async () => {
    const client = createXtrakitClient({ baseUrl, apiKey });
    const { data, error } = await client.updateCustomer("1", requiredOnly);
    expect(error).toBeUndefined();
    expect(data?.customer.id).toBe(1);
  });

  describe.each(REQUIRED)("without %s", (field) => {
    it("is refused by the client before anything is sent", async () => {
      let sent = 0;
      const client = createXtrakitClient({
        baseUrl,
        apiKey,
        fetch: (request, init) => {
          sent++;
          return fetch(request, init);
        },
      });
      const { error } = await client.updateCustomer("1", without(jane, field));
      expect(error).toBeInstanceOf(InvalidRequestError);
      expect(error?.details).toEqual([{ path: `/${field}`, code: "required", message: `/${field}: is required` }]);
      expect(sent).toBe(0);
    });

    it("is rejected by the mock with 422 naming the field", async () => {
      const client = createXtrakitClient({ baseUrl, apiKey, maxRetries: 0, fetch: sendingInstead(without(jane, field)) });
      const { error, response } = await client.updateCustomer("1", jane);
      expect(error).toBeInstanceOf(UnprocessableEntityError);
      expect(error).toMatchObject({ vendor: "xtrakit", operation: "updateCustomer", status: 422, retryable: false });
      expect(violations(response)).toContain(`required property '${field}'`);
      const serialised = JSON.stringify(error) + String(error?.stack);
      expect(serialised).not.toContain(apiKey);
    });
  });

  it("is rejected by the mock when customer_group_id is not an integer", async () => {
    const client = createXtrakitClient({ baseUrl, apiKey, maxRetries: 0, fetch: sendingInstead({ ...jane, customer_group_id: "1" }) });
    const { error, response } = await client.updateCustomer("1", jane);
    expect(error).toBeInstanceOf(UnprocessableEntityError);
    expect(violations(response)).toContain("customer_group_id");
  });

  it("turns the documented 401 for a missing key into an AuthenticationError", async () => {
    const client = createXtrakitClient({
      baseUrl,
      apiKey,
      fetch: (request, init) => {
        const stripped = new Request(request);
        stripped.headers.delete("authorization");
        return fetch(stripped, init);
      },
    });
    const { error } = await client.updateCustomer("1", jane);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({ status: 401, retryable: false, code: "missing_bearer_token" });
    // Core redacts whatever follows "Bearer", so the vendor's "Bearer Token" loses its last word.
    expect(error?.message).toMatch(/^xtrakit updateCustomer: Unauthorized: Missing Bearer /);
    expect(error?.body).toEqual({ status: 401, error: expect.stringMatching(/^Unauthorized: Missing Bearer /) });
  });

  it("turns the documented 401 for an unknown key into an AuthenticationError", async () => {
    const client = createXtrakitClient({
      baseUrl,
      apiKey,
      fetch: (request, init) => {
        const asking = new Request(request);
        asking.headers.set("prefer", "code=401, example=invalidApiKey");
        return fetch(asking, init);
      },
    });
    const { error } = await client.updateCustomer("1", jane);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error?.message).toBe("xtrakit updateCustomer: Unauthorized: Invalid API Key");
    expect(error?.code).toBe("invalid_api_key");
    expect(JSON.stringify(error)).not.toContain(apiKey);
  });

  it("refuses an empty key before sending anything", async () => {
    let sent = 0;
    const client = createXtrakitClient({
      baseUrl,
      apiKey: async () => " ",
      fetch: (request, init) => {
        sent++;
        return fetch(request, init);
      },
    });
    const { error } = await client.updateCustomer("1", jane);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({ code: "missing_credential", status: undefined });
    expect(error?.message).toContain("apiKey");
    expect(sent).toBe(0);
  });
});
