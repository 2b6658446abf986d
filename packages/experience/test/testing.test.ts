// The mocks of "@customer-clients/experience/testing": every canned answer checked against the
// spec, and the client driven through them as an application's tests would.
import { useVendorMocks } from "@customer-clients/test-utils/mocks";
import { describe, expect, it } from "vitest";
import { operations } from "../src/generated/examples.js";
import { createExperienceClient } from "../src/index.js";
import { createExperienceMocks } from "../src/testing.js";

const mocks = createExperienceMocks();
const server = useVendorMocks({ vendor: "experience", operations, mocks });

it("refuses, in its types too, a status the spec does not document", () => {
  // @ts-expect-error only 200, 4XX and 5XX are documented
  expect(() => mocks.reply("updateCustomers", 302)).toThrow("documents no 302 response");
  // @ts-expect-error the 200 example has another name
  expect(() => mocks.reply("updateCustomers", 200, { example: "nope" })).toThrow('no example "nope"');
});

describe("an application's client against the mocks", () => {
  const client = (options = {}) =>
    createExperienceClient({ partnerToken: "partner", hotelToken: "hotel", maxRetries: 0, ...options });

  it("reads the documented answer, and the recorded request shows what was sent", async () => {
    const { data } = await client().updateCustomers([{ reference: "123456", country: "FR" }]);
    expect(data?.updatedCount).toBe(1);
    const [request] = mocks.requestsTo("updateCustomers");
    expect(request?.url.href).toBe("https://interface.experience-hotel.com/api/xp-store-bookings/customers");
    expect(request?.headers.get("authorization")).toBe("Bearer partner:hotel");
    expect(request?.body).toEqual({ customers: [{ reference: "123456", country: "FR" }] });
  });

  it.each([
    [404, "not_found"],
    [500, "server"],
  ] as const)("turns a documented %i into the client's %s error", async (status, kind) => {
    server.use(mocks.reply("updateCustomers", status));
    expect((await client().updateCustomers([{ reference: "1" }])).error?.kind).toBe(kind);
  });

  it("reads the rate limit's Retry-After", async () => {
    server.use(mocks.rateLimit("updateCustomers", { retryAfter: 9 }));
    expect((await client().updateCustomers([{ reference: "1" }])).error).toMatchObject({
      kind: "rate_limited",
      retryAfterSeconds: 9,
    });
  });

  it("retries a rate limit once, then succeeds", async () => {
    server.use(mocks.rateLimit("updateCustomers", { retryAfter: 0, once: true }));
    const { data } = await client({ maxRetries: 1, retryDelay: { initialDelayMs: 1, maxDelayMs: 1 } }).updateCustomers([
      { reference: "1" },
    ]);
    expect(data?.updatedCount).toBe(1);
    expect(mocks.requestsTo("updateCustomers")).toHaveLength(2);
  });

  it("reports a network failure and a slow answer", async () => {
    server.use(mocks.networkError("updateCustomers", { once: true }), mocks.delay("updateCustomers", 2_000));
    expect((await client().updateCustomers([{ reference: "1" }])).error?.kind).toBe("connection");
    expect((await client({ timeoutMs: 50 }).updateCustomers([{ reference: "1" }])).error?.kind).toBe("timeout");
  });
});
