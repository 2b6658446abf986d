// The mocks of "@customer-clients/capillary/testing": every canned answer checked against the
// spec, and the client driven through them as an application's tests would.
import { useVendorMocks } from "@customer-clients/test-utils/mocks";
import { describe, expect, it } from "vitest";
import { operations } from "../src/generated/examples.js";
import { createCapillaryClient } from "../src/index.js";
import { createCapillaryMocks } from "../src/testing.js";

const mocks = createCapillaryMocks();
const server = useVendorMocks({ vendor: "capillary", operations, mocks });

it("refuses, in its types too, a status or an example the spec does not document", () => {
  // @ts-expect-error only 200, 401, 4XX and 5XX are documented
  expect(() => mocks.reply("updateCustomers", 302)).toThrow("documents no 302 response");
  // @ts-expect-error the 200 examples have other names
  expect(() => mocks.reply("updateCustomers", 200, { example: "nope" })).toThrow('no example "nope"');
});

const examples = operations.updateCustomers.responses["200"].examples;

describe("an application's client against the mocks", () => {
  const basic = (options = {}) =>
    createCapillaryClient({ auth: { username: "till", password: "secret" }, maxRetries: 0, ...options });

  it("reads the documented answer, and the recorded request shows what was sent", async () => {
    const { data } = await basic().updateCustomers({ mobile: "919111111111", firstname: "Tom" });
    expect(data?.customers[0]?.customer?.loyalty_points).toBe(
      examples.updated.response.customers.customer[0]?.loyalty_points,
    );
    const [request] = mocks.requestsTo("updateCustomers");
    expect(request?.url.href).toBe("https://eu.api.capillarytech.com/v1.1/customer/update?format=json");
    // Basic auth with the MD5 digest of the password, never the password itself.
    expect(request?.headers.get("authorization")).toBe(`Basic ${btoa("till:5ebe2294ecd0e0f08eab7690d2a6ee69")}`);
    expect(request?.body).toEqual({ root: { customer: [{ mobile: "919111111111", firstname: "Tom" }] } });
  });

  it("exchanges an OAuth key and secret, then sends the documented token", async () => {
    const client = createCapillaryClient({ auth: { oauth: { key: "key", secret: "secret" } }, maxRetries: 0 });
    expect((await client.updateCustomers({ email: "tom@example.com" })).error).toBeUndefined();
    expect(mocks.requestsTo("generateToken")[0]?.body).toMatchObject({ key: "key" });
    expect(mocks.requestsTo("updateCustomers")[0]?.headers.get("x-cap-api-oauth-token")).toBe(
      operations.generateToken.responses["200"].examples.issued.data.accessToken,
    );
  });

  it("turns the documented partial failure (HTTP 200) into the client's error for the failed customer", async () => {
    server.use(mocks.reply("updateCustomers", 200, { example: "someFailed" }));
    const { error } = await basic().updateCustomers([{ email: "tom.sawyer@example.com" }, { external_id: "ts9999" }]);
    expect(error).toMatchObject({ kind: "not_found", code: "201" });
    expect(error?.details).toContainEqual(expect.objectContaining({ path: "/root/customer/1", code: "1012" }));
  });

  it("turns the documented 401 into an authentication error, and a rate limit into rate_limited", async () => {
    server.use(
      mocks.reply("updateCustomers", 401, { once: true }),
      mocks.rateLimit("updateCustomers", { retryAfter: 9 }),
    );
    expect((await basic().updateCustomers({ mobile: "919111111111" })).error?.kind).toBe("authentication");
    expect((await basic().updateCustomers({ mobile: "919111111111" })).error).toMatchObject({
      kind: "rate_limited",
      retryAfterSeconds: 9,
    });
  });

  it("reports a network failure and a slow answer", async () => {
    server.use(mocks.networkError("updateCustomers", { once: true }), mocks.delay("updateCustomers", 2_000));
    expect((await basic().updateCustomers({ mobile: "919111111111" })).error?.kind).toBe("connection");
    expect((await basic({ timeoutMs: 50 }).updateCustomers({ mobile: "919111111111" })).error?.kind).toBe("timeout");
  });
});
