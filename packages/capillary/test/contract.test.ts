// The real client against a Prism mock of specs/capillary/openapi.yaml.
import {
  AuthenticationError,
  InvalidRequestError,
  NotFoundError,
  PermissionDeniedError,
  UnprocessableEntityError,
  unwrap,
} from "@customer-clients/core";
import { forwardingFetch } from "@customer-clients/test-utils";
import { describe, expect, inject, it } from "vitest";
import { createCapillaryClient, readUpdateResponse, type CustomerUpdate } from "../src/index.js";

const baseUrl = inject("prismUrl");
const till = { username: "store.till.01", password: "till-secret-42" };
const oauth = { key: "oauth-key-1234", secret: "oauth-secret-5678" };
const tom: CustomerUpdate = {
  mobile: "919111111111",
  firstname: "Tom",
  registered_on: "2016-09-11 11:11:11",
  type: "LOYALTY",
  custom_fields: { field: [{ name: "preferred_store", value: "Downtown" }] },
  subscriptions: { subscription: [{ channel: "sms", priority: "TRANS", scope: "all", is_subscribed: "1" }] },
  fraud_status: { status: "NONE" },
};

/** Asks Prism for one of the spec's named 200 examples. */
const preferExample = (name: string) => forwardingFetch({ headers: { prefer: `example=${name}` } });

describe("capillary contract (Prism)", () => {
  it("updates a customer with till credentials and reads the documented success body", async () => {
    const client = createCapillaryClient({
      baseUrl,
      auth: till,
      attribution: { entityType: "TILL", entityCode: "store.till.01" },
    });
    const { data, error, response } = await client.updateCustomers(tom);
    expect(error).toBeUndefined();
    expect(data).toMatchObject({ success: true, code: 200, message: "Success", total: 1, successCount: 1 });
    expect(data?.customers[0]).toMatchObject({ path: "/root/customer/0", success: true, code: 1000, warnings: [] });
    expect(data?.customers[0]?.customer).toMatchObject({ user_id: "343101481", type: "LOYALTY", current_slab: "Gold" });
    expect(response?.headers.get("x-cap-requestid")).toBeTruthy();
    await expect(unwrap(client.updateCustomers([tom, { id: 343101482, lastname: "Sawyer" }]))).resolves.toMatchObject({
      success: true,
    });
  });

  it("exchanges an OAuth key and secret at the token endpoint and updates with the token", async () => {
    const fetch = forwardingFetch();
    const client = createCapillaryClient({ baseUrl, auth: { oauth }, fetch });
    const { data, error } = await client.updateCustomers(tom);
    expect(error).toBeUndefined();
    expect(data?.success).toBe(true);
    expect(fetch.requests.map((request) => new URL(request.url).pathname)).toEqual([
      "/v3/oauth/token/generate",
      "/v1.1/customer/update",
    ]);
    expect(fetch.requests[1]?.headers.get("x-cap-api-oauth-token")).toBe(
      "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJkZW1vIn0.c2lnbmF0dXJl",
    );
  });

  it("reads the older sample with one customer object", async () => {
    const client = createCapillaryClient({ baseUrl, auth: till, fetch: preferExample("singleObject") });
    const { data } = await client.updateCustomers(tom);
    expect(data).toMatchObject({ success: true, code: 200, total: 1, successCount: 1 });
    expect(data?.customers).toHaveLength(1);
  });

  it("returns the documented partial failure (201) as an error naming the failed customer", async () => {
    const client = createCapillaryClient({ baseUrl, auth: till, fetch: preferExample("someFailed") });
    const { data, error } = await client.updateCustomers([
      { email: "tom.sawyer@example.com" },
      { external_id: "ts9999" },
    ]);
    expect(data).toBeUndefined();
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({
      status: 200,
      code: "201",
      details: [
        { path: "/root/customer/1", code: "1012", message: "Customer not found" },
        { path: "/root/customer/0", code: "warning" },
      ],
    });
    expect(readUpdateResponse(error?.body)?.customers.map((customer) => customer.success)).toEqual([true, false]);
  });

  it("returns the documented total failure (500, fraud) as an error", async () => {
    const client = createCapillaryClient({ baseUrl, auth: till, fetch: preferExample("allFailed") });
    const { error } = await client.updateCustomers(tom);
    expect(error).toBeInstanceOf(PermissionDeniedError);
    expect(error).toMatchObject({ code: "500", details: [{ path: "/root/customer/0", code: "618" }] });
  });

  it("turns a request the mock rejects into a normalised 422 without leaking credentials", async () => {
    const client = createCapillaryClient({ baseUrl, auth: till, maxRetries: 0 });
    // Refused by the client's own validation: a customer needs an identifier, and cannot become NON_LOYALTY.
    const invalid = [{ firstname: "No identifier", type: "NON_LOYALTY" }] as unknown as CustomerUpdate[];
    expect((await client.updateCustomers(invalid)).error).toBeInstanceOf(InvalidRequestError);

    // Rewrite the body after validation so that the mock judges it.
    const unvalidated = createCapillaryClient({
      baseUrl,
      auth: till,
      maxRetries: 0,
      fetch: forwardingFetch({ body: { root: { customer: invalid } } }),
    });
    const rejected = await unvalidated.updateCustomers(tom);
    expect(rejected.error).toBeInstanceOf(UnprocessableEntityError);
    expect(rejected.error).toMatchObject({
      vendor: "capillary",
      operation: "updateCustomers",
      status: 422,
      code: "400",
      retryable: false,
    });
    expect(rejected.error?.requestId).toBeTruthy();
    const shown = JSON.stringify(rejected.error) + String(rejected.error?.stack);
    expect(shown).not.toContain(till.password);
  });

  it("is rejected with 401 when the request carries no credentials", async () => {
    const client = createCapillaryClient({
      baseUrl,
      auth: till,
      fetch: forwardingFetch({ headers: { authorization: null } }),
    });
    const { error } = await client.updateCustomers(tom);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({ status: 401, code: "401", message: "capillary updateCustomers: Unauthorized" });
  });

  it("refuses a missing credential before sending anything", async () => {
    const fetch = forwardingFetch();
    const client = createCapillaryClient({ baseUrl, auth: { oauth: { key: oauth.key, secret: () => "" } }, fetch });
    const { error } = await client.updateCustomers(tom);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({ code: "missing_credential", status: undefined });
    expect(error?.message).toContain("auth.oauth.secret");
    expect(fetch.requests).toHaveLength(0);
  });
});
