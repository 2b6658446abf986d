// The mocks of "@customer-clients/xtrakit/testing": every canned answer checked against the
// spec, and the client driven through them as an application's tests would.
import { useVendorMocks } from "@customer-clients/test-utils/mocks";
import { describe, expect, it } from "vitest";
import { operations } from "../src/generated/examples.js";
import { createXtrakitClient } from "../src/index.js";
import { createXtrakitMocks } from "../src/testing.js";
import { jane } from "./fixtures.js";

const mocks = createXtrakitMocks();
const server = useVendorMocks({ vendor: "xtrakit", operations, mocks });

it("refuses, in its types too, a status or an example the spec does not document", () => {
  // @ts-expect-error only 200, 401, 4XX and 5XX are documented
  expect(() => mocks.reply("updateCustomer", 302)).toThrow("documents no 302 response");
  // @ts-expect-error the 401 examples have other names
  expect(() => mocks.reply("updateCustomer", 401, { example: "nope" })).toThrow('no example "nope"');
});

describe("an application's client against the mocks", () => {
  const client = (options = {}) => createXtrakitClient({ apiKey: "api-key", maxRetries: 0, ...options });

  it("reads the documented answer, and the recorded request shows what was sent", async () => {
    const { data } = await client().updateCustomer("1", jane);
    expect(data?.customer).toEqual(operations.updateCustomer.responses["200"].examples.sample.data.customer);
    const [request] = mocks.requestsTo("updateCustomer");
    expect(request?.method).toBe("PUT");
    expect(request?.url.pathname).toBe("/api/v1/customers/1");
    expect(request?.headers.get("authorization")).toBe("Bearer api-key");
    expect(request?.body).toEqual(jane);
  });

  it("turns each documented 401 into an authentication error with its message", async () => {
    for (const example of ["missingBearerToken", "invalidApiKey"] as const) {
      server.use(mocks.reply("updateCustomer", 401, { example }));
      const { error } = await client().updateCustomer("1", jane);
      expect(error?.kind).toBe("authentication");
      expect(error?.message).toContain(operations.updateCustomer.responses["401"].examples[example].error);
    }
  });

  it("reads the rate limit's Retry-After, and times out on a slow answer", async () => {
    server.use(mocks.rateLimit("updateCustomer", { retryAfter: 9, once: true }), mocks.delay("updateCustomer", 2_000));
    expect((await client().updateCustomer("1", jane)).error).toMatchObject({
      kind: "rate_limited",
      retryAfterSeconds: 9,
    });
    expect((await client({ timeoutMs: 50 }).updateCustomer("1", jane)).error?.kind).toBe("timeout");
  });

  it("retries a network failure (the update is idempotent), then succeeds", async () => {
    server.use(mocks.networkError("updateCustomer", { once: true }));
    const { data } = await client({ maxRetries: 1, retryDelay: { initialDelayMs: 1, maxDelayMs: 1 } }).updateCustomer(
      "1",
      jane,
    );
    expect(data).toBeDefined();
    expect(mocks.requestsTo("updateCustomer")).toHaveLength(2);
  });
});
