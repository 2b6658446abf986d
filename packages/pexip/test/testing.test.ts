// The mocks of "@customer-clients/pexip/testing": every canned answer checked against the spec,
// the helpers, and the client driven through them as an application's tests would.
import { useVendorMocks } from "@customer-clients/test-utils/mocks";
import { createOpenApiHttp } from "openapi-msw";
import { describe, expect, it } from "vitest";
import { operations } from "../src/generated/examples.js";
import { createPexipClient, type paths } from "../src/index.js";
import { createPexipMocks } from "../src/testing.js";

const mocks = createPexipMocks();
const credentials = { clientId: "client-id", clientSecret: "client-secret" };
const server = useVendorMocks({ vendor: "pexip", operations, mocks });

it("refuses, in its types too, a status or an example the spec does not document", () => {
  // @ts-expect-error 500 is not documented for the update
  expect(() => mocks.reply("updateCustomer", 500)).toThrow("documents no 500 response");
  // @ts-expect-error the 422 examples have other names
  expect(() => mocks.reply("updateCustomer", 422, { example: "nope" })).toThrow('no example "nope"');
  // @ts-expect-error no such operation
  expect(() => mocks.reply("deleteCustomer", 200)).toThrow('No operation "deleteCustomer"');
});

describe("an application's client against the mocks", () => {
  const client = () => createPexipClient({ enterprise: "acme", auth: credentials, maxRetries: 0 });

  it("exchanges the credentials at the realm, then updates, and the recorded requests show both", async () => {
    const result = await client().updateCustomer("42", { firstName: "Ada" });
    expect(result.data).toEqual(operations.updateCustomer.responses["200"].examples.updated.data);
    const [token] = mocks.requestsTo("exchangeToken");
    expect(token?.url.href).toBe("https://auth.pexipengage.com/realms/acme/protocol/openid-connect/token");
    expect(token?.body).toMatchObject({ grant_type: "client_credentials", client_id: "client-id" });
    const [update] = mocks.requestsTo("updateCustomer");
    expect(update?.url.pathname).toBe("/enterprises/acme/customers/42");
    expect(update?.headers.get("authorization")).toBe("Bearer mock-access-token");
    expect(update?.body).toEqual({ firstName: "Ada" });
    expect(mocks.requests.map((request) => request.operation)).toEqual(["exchangeToken", "updateCustomer"]);
  });

  it("turns a documented error into the client's error, with the documented code", async () => {
    server.use(mocks.reply("updateCustomer", 422, { example: "locationGeocodingFailed" }));
    const { error } = await client().updateCustomer("42", { firstName: "Ada" });
    expect(error?.kind).toBe("unprocessable");
    expect(error?.code).toBe(
      operations.updateCustomer.responses["422"].examples.locationGeocodingFailed.errors[0]?.code,
    );
  });

  it("reports refused credentials from the token endpoint", async () => {
    server.use(mocks.reply("exchangeToken", 401));
    const { error } = await client().updateCustomer("42", {});
    expect(error?.kind).toBe("authentication");
    expect(mocks.requestsTo("updateCustomer")).toHaveLength(0);
  });

  it("reads the rate limit's Retry-After", async () => {
    server.use(mocks.rateLimit("updateCustomer", { retryAfter: 9 }));
    const { error } = await client().updateCustomer("42", {});
    expect(error).toMatchObject({ kind: "rate_limited", retryAfterSeconds: 9 });
  });

  it("retries after a one-off network failure and succeeds", async () => {
    server.use(mocks.networkError("updateCustomer", { once: true }));
    const retrying = createPexipClient({
      enterprise: "acme",
      auth: "token",
      maxRetries: 1,
      retryDelay: { initialDelayMs: 1, maxDelayMs: 1 },
    });
    const { data, error } = await retrying.updateCustomer("42", {});
    expect(error).toBeUndefined();
    expect(data).toBeDefined();
    expect(mocks.requestsTo("updateCustomer")).toHaveLength(2);
  });

  it("times out on a slow answer", async () => {
    server.use(mocks.delay("updateCustomer", 2_000));
    const { error } = await createPexipClient({
      enterprise: "acme",
      auth: "token",
      maxRetries: 0,
      timeoutMs: 50,
    }).updateCustomer("42", {});
    expect(error?.kind).toBe("timeout");
  });

  it("answers only on the base URL given, when one is given", async () => {
    const pinned = createPexipMocks({ baseUrl: "https://pexip.test/enterprises/acme" });
    server.resetHandlers(...pinned.handlers);
    const options = { enterprise: "acme", auth: "token", maxRetries: 0 } as const;
    expect(
      (await createPexipClient({ ...options, baseUrl: "https://pexip.test/enterprises/acme" }).updateCustomer("7", {}))
        .data,
    ).toBeDefined();
    expect(pinned.requestsTo("updateCustomer")).toHaveLength(1);
    expect(
      (await createPexipClient({ ...options, baseUrl: "https://other.test/enterprises/acme" }).updateCustomer("7", {}))
        .error?.kind,
    ).toBe("connection");
  });

  it("takes answers of the application's own, typed by the spec's paths (openapi-msw)", async () => {
    const http = createOpenApiHttp<paths>({ baseUrl: "*" });
    server.use(
      http.patch("/customers/{id}", ({ params, response }) =>
        response(404).json({
          errors: [
            { message: `Customer ${params.id} not found`, code: "NOT_FOUND", type: "NotFoundError", statusCode: "404" },
          ],
        }),
      ),
    );
    const { error } = await createPexipClient({ enterprise: "acme", auth: "token", maxRetries: 0 }).updateCustomer(
      "7",
      {},
    );
    expect(error).toMatchObject({ kind: "not_found", message: expect.stringContaining("Customer 7 not found") });
    // @ts-expect-error 418 is not a documented status, so openapi-msw refuses it
    http.patch("/customers/{id}", ({ response }) => response(418).empty());
  });
});
