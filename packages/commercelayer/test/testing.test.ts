// The mocks of "@customer-clients/commercelayer/testing": every canned answer checked against the
// spec, and the client driven through them as an application's tests would.
import { useVendorMocks } from "@customer-clients/test-utils/mocks";
import { describe, expect, it } from "vitest";
import { operations } from "../src/generated/examples.js";
import { createCommerceLayerClient } from "../src/index.js";
import { createCommerceLayerMocks } from "../src/testing.js";

const mocks = createCommerceLayerMocks();
const server = useVendorMocks({ vendor: "commercelayer", operations, mocks });

it("refuses, in its types too, an example the spec does not document", () => {
  // @ts-expect-error the 422 examples have other names
  expect(() => mocks.reply("updateCustomer", 422, { example: "nope" })).toThrow('no example "nope"');
  // @ts-expect-error no such operation
  expect(() => mocks.reply("deleteCustomer", 204)).toThrow('No operation "deleteCustomer"');
});

const id = operations.updateCustomer.responses["200"].examples.updated.data.id;

describe("an application's client against the mocks", () => {
  const client = (options = {}) =>
    createCommerceLayerClient({
      organization: "acme",
      auth: { clientId: "client-id", clientSecret: "client-secret" },
      maxRetries: 0,
      ...options,
    });

  it("gets a token on the auth host, then updates, and the recorded requests show both", async () => {
    const { data } = await client().updateCustomer(id, { email: "john@example.com" });
    expect(data?.id).toBe(id);
    const [token] = mocks.requestsTo("getAccessToken");
    expect(token?.url.href).toBe("https://auth.commercelayer.io/oauth/token");
    expect(token?.body).toMatchObject({ grant_type: "client_credentials", client_id: "client-id" });
    const [update] = mocks.requestsTo("updateCustomer");
    expect(update?.url.href).toBe(`https://acme.commercelayer.io/api/customers/${id}`);
    expect(update?.headers.get("authorization")).toBe(
      `Bearer ${operations.getAccessToken.responses["200"].examples.issued.access_token}`,
    );
    expect(update?.body).toMatchObject({ data: { type: "customers", id, attributes: { email: "john@example.com" } } });
  });

  it("turns a documented 422 into an unprocessable error with the documented code", async () => {
    server.use(mocks.reply("updateCustomer", 422));
    const { error } = await client().updateCustomer(id, { email: "john@example.com" });
    expect(error?.kind).toBe("unprocessable");
    expect(error?.code).toBe(Object.values(operations.updateCustomer.responses["422"].examples)[0]?.errors[0]?.code);
  });

  it("reports refused client credentials", async () => {
    server.use(mocks.reply("getAccessToken", 401));
    expect((await client().updateCustomer(id, {})).error?.kind).toBe("authentication");
    expect(mocks.requestsTo("updateCustomer")).toHaveLength(0);
  });

  it("reads the rate limit's Retry-After, and times out on a slow answer", async () => {
    server.use(mocks.rateLimit("updateCustomer", { retryAfter: 9, once: true }), mocks.delay("updateCustomer", 2_000));
    expect((await client({ auth: { accessToken: "token" } }).updateCustomer(id, {})).error).toMatchObject({
      kind: "rate_limited",
      retryAfterSeconds: 9,
    });
    expect((await client({ auth: { accessToken: "token" }, timeoutMs: 50 }).updateCustomer(id, {})).error?.kind).toBe(
      "timeout",
    );
  });
});
