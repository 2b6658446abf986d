// The real client against a Prism mock of specs/xtrakit/openapi.yaml.
import { AuthenticationError, InvalidRequestError, UnprocessableEntityError, unwrap } from "@customer-clients/core";
import { forwardingFetch } from "@customer-clients/test-utils";
import { describe, expect, inject, it } from "vitest";
import { createXtrakitClient } from "../src/index.js";
import { REQUIRED, jane, requiredOnly, without } from "./fixtures.js";

const baseUrl = inject("prismUrl");
const apiKey = "xk-contract-secret-key";
const TIMESTAMP = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

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
    await expect(unwrap(client.updateCustomer("1", jane))).resolves.toMatchObject({
      customer: { customer_name: "Jane Doe" },
    });
  });

  it("accepts a body with only the required fields", async () => {
    const client = createXtrakitClient({ baseUrl, apiKey });
    const { data, error } = await client.updateCustomer("1", requiredOnly);
    expect(error).toBeUndefined();
    expect(data?.customer.id).toBe(1);
  });

  describe.each(REQUIRED)("without %s", (field) => {
    it("is refused by the client before anything is sent", async () => {
      const fetch = forwardingFetch();
      const client = createXtrakitClient({ baseUrl, apiKey, fetch });
      const { error } = await client.updateCustomer("1", without(jane, field));
      expect(error).toBeInstanceOf(InvalidRequestError);
      expect(error?.details).toEqual([{ path: `/${field}`, code: "required", message: `/${field}: is required` }]);
      expect(fetch.requests).toHaveLength(0);
    });

    it("is rejected by the mock with 422 naming the field", async () => {
      const client = createXtrakitClient({
        baseUrl,
        apiKey,
        maxRetries: 0,
        fetch: forwardingFetch({ body: without(jane, field) }),
      });
      const { error, response } = await client.updateCustomer("1", jane);
      expect(error).toBeInstanceOf(UnprocessableEntityError);
      expect(error).toMatchObject({ vendor: "xtrakit", operation: "updateCustomer", status: 422, retryable: false });
      expect(violations(response)).toContain(`required property '${field}'`);
      const serialised = JSON.stringify(error) + String(error?.stack);
      expect(serialised).not.toContain(apiKey);
    });
  });

  it("is rejected by the mock when customer_group_id is not an integer", async () => {
    const client = createXtrakitClient({
      baseUrl,
      apiKey,
      maxRetries: 0,
      fetch: forwardingFetch({ body: { ...jane, customer_group_id: "1" } }),
    });
    const { error, response } = await client.updateCustomer("1", jane);
    expect(error).toBeInstanceOf(UnprocessableEntityError);
    expect(violations(response)).toContain("customer_group_id");
  });

  it("turns the documented 401 for a missing key into an AuthenticationError", async () => {
    const client = createXtrakitClient({
      baseUrl,
      apiKey,
      fetch: forwardingFetch({ headers: { authorization: null } }),
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
      fetch: forwardingFetch({ headers: { prefer: "code=401, example=invalidApiKey" } }),
    });
    const { error } = await client.updateCustomer("1", jane);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error?.message).toBe("xtrakit updateCustomer: Unauthorized: Invalid API Key");
    expect(error?.code).toBe("invalid_api_key");
    expect(JSON.stringify(error)).not.toContain(apiKey);
  });

  it("refuses an empty key before sending anything", async () => {
    const fetch = forwardingFetch();
    const client = createXtrakitClient({ baseUrl, apiKey: async () => " ", fetch });
    const { error } = await client.updateCustomer("1", jane);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({ code: "missing_credential", status: undefined });
    expect(error?.message).toContain("apiKey");
    expect(fetch.requests).toHaveLength(0);
  });
});
