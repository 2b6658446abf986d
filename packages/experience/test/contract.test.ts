// The real client against a Prism mock of specs/experience/openapi.yaml.
import { AuthenticationError, InvalidRequestError, UnprocessableEntityError, unwrap } from "@customer-clients/core";
import { forwardingFetch } from "@customer-clients/test-utils";
import { documentedRequest } from "@customer-clients/test-utils/samples";
import { describe, expect, inject, it } from "vitest";
import { createExperienceClient, type Customer } from "../src/index.js";

const baseUrl = inject("prismUrl");
const credentials = { partnerToken: "partner-secret-1", hotelToken: "hotel-secret-2" };
/** The documented customer update's customer. */
const [john] = (documentedRequest("experience", "updateCustomers") as { customers: [Customer] }).customers;

describe("experience contract (Prism)", () => {
  it("updates customers and parses the count from the plain-text body", async () => {
    const client = createExperienceClient({ baseUrl, ...credentials });
    const result = await client.updateCustomers([john]);
    expect(result.error).toBeUndefined();
    expect(result.data).toEqual({ updatedCount: 1, message: "1 customers updated" });
    await expect(unwrap(client.updateCustomers([john]))).resolves.toMatchObject({ updatedCount: 1 });
  });

  it("turns a request the mock rejects into a normalised 422 without leaking tokens", async () => {
    const client = createExperienceClient({ baseUrl, ...credentials, maxRetries: 0 });
    // Sent past the client's types and its own validation, so that the server judges it.
    const invalid = [{ firstname: "No reference" }] as unknown as Customer[];
    const { error } = await client.updateCustomers(invalid, {});
    expect(error).toBeInstanceOf(InvalidRequestError);

    const unvalidated = createExperienceClient({
      baseUrl,
      ...credentials,
      maxRetries: 0,
      // Rewrite the body after validation so the mock sees a customer without `reference`.
      fetch: forwardingFetch({ body: { customers: [{ firstname: "No reference" }] } }),
    });
    const rejected = await unvalidated.updateCustomers([john]);
    expect(rejected.error).toBeInstanceOf(UnprocessableEntityError);
    expect(rejected.error).toMatchObject({
      vendor: "experience",
      operation: "updateCustomers",
      status: 422,
      retryable: false,
    });
    const serialised = JSON.stringify(rejected.error) + String(rejected.error?.stack);
    expect(serialised).not.toContain(credentials.partnerToken);
    expect(serialised).not.toContain(credentials.hotelToken);
  });

  it("is rejected with 401 when the request carries no credentials", async () => {
    const client = createExperienceClient({
      baseUrl,
      ...credentials,
      fetch: forwardingFetch({ headers: { authorization: null } }),
    });
    const { error } = await client.updateCustomers([john]);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error?.status).toBe(401);
  });

  it("refuses a missing credential before sending anything", async () => {
    const fetch = forwardingFetch();
    const client = createExperienceClient({
      baseUrl,
      partnerToken: credentials.partnerToken,
      hotelToken: async () => "",
      fetch,
    });
    const { error } = await client.updateCustomers([john]);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({ code: "missing_credential", status: undefined });
    expect(error?.message).toContain("hotelToken");
    expect(fetch.requests).toHaveLength(0);
  });
});
