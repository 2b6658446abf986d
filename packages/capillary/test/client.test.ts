// Unit tests with an injected fetch: what goes on the wire, auth, and how bodies are read.
import { createHash } from "node:crypto";
import { inspect } from "node:util";
import {
  AuthenticationError,
  BadRequestError,
  ConflictError,
  InternalServerError,
  InvalidRequestError,
  InvalidResponseError,
  NotFoundError,
  PermissionDeniedError,
  UnprocessableEntityError,
  type ApiError,
} from "@customer-clients/core";
import { fakeFetch } from "@customer-clients/test-utils";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  CAPILLARY_BASE_URL,
  CAPILLARY_CLUSTERS,
  createCapillaryClient,
  readUpdateResponse,
  type CapillaryClientOptions,
  type CustomerUpdate,
} from "../src/index.js";

const till = { username: "store.till.01", password: "pässwörd-42" };
const oauth = { key: "oauth-key-1234", secret: "oauth-secret-5678" };
const tom: CustomerUpdate = { mobile: "919111111111", firstname: "Tom" };
const becky: CustomerUpdate = { external_id: "ts9999", lastname: "Thatcher" };
const md5 = (text: string) => createHash("md5").update(text, "utf8").digest("hex");

interface CustomerEntry {
  success?: string | boolean;
  code?: number | string;
  message?: string;
  warnings?: unknown[];
}

/** A v1.1 body: the status block, then one customer per entry. */
function body(code: number | string, success: string | boolean, customers: CustomerEntry[] = [], message = "msg") {
  return {
    response: {
      status: {
        success,
        code,
        message,
        total: customers.length,
        success_count: customers.filter((c) => c.success === "true").length,
      },
      ...(customers.length > 0 && {
        customers: {
          customer: customers.map((item, index) => ({
            user_id: String(100 + index),
            item_status: {
              success: item.success ?? "true",
              code: item.code ?? 1000,
              message: item.message ?? "Customer successfully updated",
              warnings: { warning: item.warnings ?? [] },
            },
          })),
        },
      }),
    },
  };
}

const json = (payload: unknown, status = 200, headers: Record<string, string> = {}) =>
  Response.json(payload, { status, headers: { "X-Cap-Requestid": "req-1", ...headers } });
const tokenBody = (accessToken: string, ttlSeconds: number | string = 300) => ({
  data: { accessToken, ttlSeconds },
  errors: null,
});

type Handler = (request: Request) => Response | Promise<Response>;

function clientAnswering(handler: Handler, options: Partial<CapillaryClientOptions> = {}) {
  const fetch = fakeFetch(handler);
  const client = createCapillaryClient({ auth: till, maxRetries: 0, ...options, fetch } as CapillaryClientOptions);
  return { client, requests: fetch.requests };
}

/** Answers the token endpoint with numbered tokens and everything else with `update`. */
function oauthServer(update: Handler = () => json(body(200, "true", [{}]))) {
  let issued = 0;
  return {
    issued: () => issued,
    handler: async (request: Request) => {
      if (new URL(request.url).pathname === "/v3/oauth/token/generate") return json(tokenBody(`token-${++issued}`));
      return update(request);
    },
  };
}

function expectNoSecrets(error: ApiError | undefined, secrets: string[]) {
  expect(error).toBeDefined();
  const shown = [JSON.stringify(error), error?.message, inspect(error, { depth: 10 })].join("\n");
  for (const secret of secrets) expect(shown).not.toContain(secret);
}

afterEach(() => {
  vi.useRealTimers();
});

describe("the request on the wire", () => {
  it("PUTs the envelope to the EU cluster with format=json and a Basic header carrying the MD5 of the password", async () => {
    const { client, requests } = clientAnswering(() => json(body(200, "true", [{}])));
    const { data, error } = await client.updateCustomers([tom]);
    expect(error).toBeUndefined();
    expect(data?.success).toBe(true);
    const [request] = requests;
    expect(request?.method).toBe("PUT");
    expect(request?.url).toBe(`${CAPILLARY_BASE_URL}/v1.1/customer/update?format=json`);
    expect(request?.headers.get("content-type")).toMatch(/^application\/json/);
    expect(await request?.json()).toEqual({ root: { customer: [tom] } });

    const authorization = request?.headers.get("authorization") ?? "";
    expect(authorization).toMatch(/^Basic /);
    const decoded = new TextDecoder().decode(Uint8Array.from(atob(authorization.slice(6)), (c) => c.charCodeAt(0)));
    expect(decoded).toBe(`store.till.01:${md5(till.password)}`);
    expect(decoded).not.toContain(till.password);
  });

  it("hashes a known vector: md5('password') = 5f4dcc3b5aa765d61d8327deb882cf99", async () => {
    const { client, requests } = clientAnswering(() => json(body(200, "true", [{}])), {
      auth: { username: "till", password: "password" },
    });
    await client.updateCustomers(tom);
    expect(requests[0]?.headers.get("authorization")).toBe(`Basic ${btoa("till:5f4dcc3b5aa765d61d8327deb882cf99")}`);
  });

  it("takes one customer as an object and wraps it in the envelope", async () => {
    const { client, requests } = clientAnswering(() => json(body(200, "true", [{}])));
    await client.updateCustomers(becky);
    expect(await requests[0]?.json()).toEqual({ root: { customer: [becky] } });
  });

  it.each(Object.entries(CAPILLARY_CLUSTERS))("sends to the %s cluster when asked", async (cluster, host) => {
    const { client, requests } = clientAnswering(() => json(body(200, "true", [{}])), {
      cluster: cluster as keyof typeof CAPILLARY_CLUSTERS,
    });
    await client.updateCustomers(tom);
    expect(requests[0]?.url).toBe(`${host}/v1.1/customer/update?format=json`);
  });

  it("sends the attribution headers, a call's own over the client's", async () => {
    const { client, requests } = clientAnswering(() => json(body(200, "true", [{}])), {
      attribution: { entityType: "TILL", entityCode: "store.till.01" },
    });
    await client.updateCustomers(tom);
    await client.updateCustomers(tom, { attribution: { entityCode: "store.till.02" } });
    expect(
      requests.map((r) => [
        r.headers.get("x-cap-api-attribution-entity-type"),
        r.headers.get("x-cap-api-attribution-entity-code"),
      ]),
    ).toEqual([
      ["TILL", "store.till.01"],
      ["TILL", "store.till.02"],
    ]);
    const plain = clientAnswering(() => json(body(200, "true", [{}])));
    await plain.client.updateCustomers(tom);
    expect([...plain.requests[0]!.headers.keys()].filter((name) => name.includes("attribution"))).toEqual([]);
  });

  it("validates customers and attribution against the spec before sending anything", async () => {
    const { client, requests } = clientAnswering(() => json(body(200, "true", [{}])));
    const invalid = [
      tom,
      { firstname: "No identifier" },
      { email: "a@b.c", registered_on: "2016-09-11T11:11:11", type: "NON_LOYALTY", fraud_status: { status: "MAYBE" } },
      {
        id: "12ab",
        subscriptions: { subscription: [{ channel: "SMS", priority: "PROMO", is_subscribed: "yes" }] },
        custom_fields: { field: [{ name: "dob", value: 19900101 }] },
      },
    ] as unknown as CustomerUpdate[];
    const { error } = await client.updateCustomers(invalid);
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect(error?.details.map((d) => [d.path, d.code])).toEqual([
      ["/root/customer/1", "anyOf"],
      ["/root/customer/2/registered_on", "pattern"],
      ["/root/customer/2/type", "enum"],
      ["/root/customer/2/fraud_status/status", "enum"],
      ["/root/customer/3/id", "anyOf"],
      ["/root/customer/3/subscriptions/subscription/0/channel", "enum"],
      ["/root/customer/3/subscriptions/subscription/0/priority", "enum"],
      ["/root/customer/3/subscriptions/subscription/0/is_subscribed", "anyOf"],
      ["/root/customer/3/custom_fields/field/0/value", "type"],
    ]);
    expect((await client.updateCustomers([])).error?.details[0]?.code).toBe("minItems");
    const badHeader = await client.updateCustomers(tom, { attribution: { entityType: "" } });
    expect(badHeader.error).toBeInstanceOf(InvalidRequestError);
    expect(badHeader.error?.details[0]).toMatchObject({
      path: "/header/X-CAP-API-ATTRIBUTION-ENTITY-TYPE",
      code: "minLength",
    });
    expect(requests).toHaveLength(0);
  });

  it("accepts registered_on in the documented format and refuses impossible times", async () => {
    const { client, requests } = clientAnswering(() => json(body(200, "true", [{}])));
    expect((await client.updateCustomers({ ...tom, registered_on: "2016-09-11 11:11:11" })).error).toBeUndefined();
    expect(
      (await client.updateCustomers({ ...tom, registered_on: "2016-09-11 24:00:00" })).error?.details[0]?.code,
    ).toBe("pattern");
    expect(
      (await client.updateCustomers({ ...tom, registered_on: "2016-13-11 11:11:11" })).error?.details[0]?.code,
    ).toBe("pattern");
    expect(requests).toHaveLength(1);
  });

  it("refuses a missing credential before sending anything", async () => {
    const { client, requests } = clientAnswering(() => json(body(200, "true", [{}])), {
      auth: { username: "till", password: async () => "" },
    });
    const { error } = await client.updateCustomers(tom);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({ code: "missing_credential" });
    expect(error?.message).toContain("auth.password");
    expect(requests).toHaveLength(0);
  });

  it("does not resend an update after a 503 (not idempotent)", async () => {
    const { client, requests } = clientAnswering(() => json(body(500, "false", [], "Service unavailable"), 503), {
      maxRetries: 2,
      retryDelay: { initialDelayMs: 1 },
    });
    const { error } = await client.updateCustomers(tom);
    expect(error).toBeInstanceOf(InternalServerError);
    expect(requests).toHaveLength(1);
  });
});

describe("OAuth token", () => {
  it("exchanges key and secret at the cluster and sends the token in its own header", async () => {
    const { client, requests } = clientAnswering(oauthServer().handler, { auth: { oauth } });
    await client.updateCustomers(tom);
    const [exchange, update] = requests;
    expect(exchange?.method).toBe("POST");
    expect(exchange?.url).toBe(`${CAPILLARY_BASE_URL}/v3/oauth/token/generate`);
    expect(exchange?.headers.get("authorization")).toBeNull();
    expect(await exchange?.json()).toEqual(oauth);
    expect(update?.headers.get("x-cap-api-oauth-token")).toBe("token-1");
    expect(update?.headers.get("authorization")).toBeNull();
  });

  it("reads ttlSeconds as the token's lifetime: renewed a minute before it ends", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2025-01-01T00:00:00Z"));
    const server = oauthServer();
    const { client, requests } = clientAnswering(server.handler, { auth: { oauth } });
    await client.updateCustomers(tom);
    vi.setSystemTime(new Date("2025-01-01T00:03:59Z"));
    await client.updateCustomers(tom);
    expect(server.issued()).toBe(1);
    vi.setSystemTime(new Date("2025-01-01T00:04:00Z"));
    await client.updateCustomers(tom);
    expect(server.issued()).toBe(2);
    expect(requests.at(-1)?.headers.get("x-cap-api-oauth-token")).toBe("token-2");
  });

  it("reads ttlSeconds sent as a string", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2025-01-01T00:00:00Z"));
    let issued = 0;
    const { client } = clientAnswering(
      (request) =>
        request.url.endsWith("/generate") ? json(tokenBody(`t-${++issued}`, "120")) : json(body(200, "true", [{}])),
      { auth: { oauth } },
    );
    await client.updateCustomers(tom);
    vi.setSystemTime(new Date("2025-01-01T00:00:59Z"));
    await client.updateCustomers(tom);
    expect(issued).toBe(1);
    // 120 s lifetime: renewed at half-life, since a minute's margin would be half of it anyway.
    vi.setSystemTime(new Date("2025-01-01T00:01:00Z"));
    await client.updateCustomers(tom);
    expect(issued).toBe(2);
  });

  it("sends the token under CAP-API-ACCESS-TOKEN when told to", async () => {
    const server = oauthServer();
    const { client, requests } = clientAnswering(server.handler, {
      auth: { oauth: { ...oauth, tokenHeader: "CAP-API-ACCESS-TOKEN" } },
    });
    await client.updateCustomers(tom);
    expect(requests[1]?.headers.get("cap-api-access-token")).toBe("token-1");
    expect(requests[1]?.headers.get("x-cap-api-oauth-token")).toBeNull();
  });

  it("turns a refused exchange into an AuthenticationError that shows no credential", async () => {
    const { client, requests } = clientAnswering(
      () =>
        json(
          { data: null, errors: [{ code: 401, message: `Invalid key ${oauth.key} or secret ${oauth.secret}` }] },
          401,
        ),
      { auth: { oauth } },
    );
    const { error } = await client.updateCustomers(tom);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({ operation: "generateToken", status: 401, code: "401", requestId: "req-1" });
    expect(error?.message).toBe(
      "capillary generateToken: token exchange failed: Invalid key [REDACTED] or secret [REDACTED]",
    );
    expectNoSecrets(error, [oauth.key, oauth.secret]);
    expect(requests).toHaveLength(1);
  });

  it("treats a 200 without a token as a failed exchange", async () => {
    const { client } = clientAnswering(
      () => json({ data: null, errors: [{ code: 1001, message: "Invalid client" }] }),
      { auth: { oauth } },
    );
    const { error } = await client.updateCustomers(tom);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({
      operation: "generateToken",
      code: "1001",
      message: "capillary generateToken: the token response has no access token: Invalid client",
    });
  });
});

describe("a 200 that reports failures", () => {
  it("returns a partly failed request as an error naming the failed customer, with every outcome in its body", async () => {
    const partial = body(
      201,
      "false",
      [
        { code: "1000", warnings: ["Custom field preferred_store ignored"] },
        { success: "false", code: "1012", message: "Customer not found" },
      ],
      "Some requests have failed due to errors",
    );
    const { client } = clientAnswering(() => json(partial));
    const { data, error } = await client.updateCustomers([tom, becky]);
    expect(data).toBeUndefined();
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({
      vendor: "capillary",
      operation: "updateCustomers",
      status: 200,
      code: "201",
      requestId: "req-1",
      retryable: false,
    });
    expect(error?.message).toBe(
      "capillary updateCustomers: Some requests have failed due to errors (code 201): /root/customer/1: 1012 Customer not found",
    );
    expect(error?.details).toEqual([
      { path: "/root/customer/1", code: "1012", message: "Customer not found" },
      { path: "/root/customer/0", code: "warning", message: "warning: Custom field preferred_store ignored" },
    ]);
    const outcomes = readUpdateResponse(error?.body)?.customers;
    expect(outcomes?.map((c) => [c.path, c.success, c.code])).toEqual([
      ["/root/customer/0", true, 1000],
      ["/root/customer/1", false, 1012],
    ]);
  });

  it.each([
    [618, PermissionDeniedError],
    [816, NotFoundError],
    [1011, NotFoundError],
    [1012, NotFoundError],
    [1032, ConflictError],
    [1033, ConflictError],
    [1001, UnprocessableEntityError],
    [1002, UnprocessableEntityError],
    [1003, UnprocessableEntityError],
    [1017, UnprocessableEntityError],
    [1018, UnprocessableEntityError],
    [1024, UnprocessableEntityError],
    [1042, UnprocessableEntityError],
    [1046, UnprocessableEntityError],
    [1060, UnprocessableEntityError],
    [10002, UnprocessableEntityError],
    [91003, UnprocessableEntityError],
  ])("maps item code %i when every customer failed (500) to %o", async (code, ErrorClass) => {
    const { client } = clientAnswering(() =>
      json(
        body(
          500,
          "false",
          [{ success: "false", code, message: `item ${code}` }],
          "All requests have failed due to errors",
        ),
      ),
    );
    const { error } = await client.updateCustomers(tom);
    expect(error).toBeInstanceOf(ErrorClass);
    expect(error).toMatchObject({ status: 200, code: "500" });
    expect(error?.details).toEqual([{ path: "/root/customer/0", code: String(code), message: `item ${code}` }]);
  });

  it("uses UnprocessableEntityError when the failed customers failed in different ways", async () => {
    const { client } = clientAnswering(() =>
      json(
        body(500, "false", [
          { success: "false", code: 1012 },
          { success: "false", code: 1032 },
        ]),
      ),
    );
    const { error } = await client.updateCustomers([tom, becky]);
    expect(error).toBeInstanceOf(UnprocessableEntityError);
    expect(error?.details.map((d) => d.code)).toEqual(["1012", "1032"]);
  });

  it("fails when an item failed even though the status block says 200", async () => {
    const { client } = clientAnswering(() =>
      json(body(200, "true", [{}, { success: false, code: 1024, message: "Unable to update" }])),
    );
    const { error } = await client.updateCustomers([tom, becky]);
    expect(error).toBeInstanceOf(UnprocessableEntityError);
    expect(error?.details).toEqual([{ path: "/root/customer/1", code: "1024", message: "Unable to update" }]);
  });

  it.each([
    [400, BadRequestError],
    [401, AuthenticationError],
    [402, BadRequestError],
    [404, NotFoundError],
    [405, BadRequestError],
    [406, BadRequestError],
    [407, InternalServerError],
    [408, AuthenticationError],
    [500, InternalServerError],
  ])("maps request code %i without customers to %o", async (code, ErrorClass) => {
    const { client } = clientAnswering(() => json(body(code, "false", [], `request ${code}`)));
    const { error } = await client.updateCustomers(tom);
    expect(error).toBeInstanceOf(ErrorClass);
    expect(error).toMatchObject({
      status: 200,
      code: String(code),
      message: `capillary updateCustomers: request ${code} (code ${code})`,
      details: [],
    });
  });

  it("lists at most three failed customers in the message", async () => {
    const failed = Array.from({ length: 5 }, () => ({ success: "false", code: 1012, message: "Customer not found" }));
    const { client } = clientAnswering(() => json(body(500, "false", failed)));
    const { error } = await client.updateCustomers(Array.from({ length: 5 }, () => tom));
    expect(error?.message).toMatch(/\/root\/customer\/2: 1012 Customer not found; and 2 more$/);
    expect(error?.details).toHaveLength(5);
  });

  it("treats a body without a status block as an invalid response", async () => {
    const { client } = clientAnswering(() => json({ unexpected: true }));
    const { error } = await client.updateCustomers(tom);
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect(error?.status).toBe(200);
  });
});

describe("a successful update", () => {
  it("reads numbers sent as strings and a single customer object (older sample)", async () => {
    const older = {
      response: {
        status: { success: "true", code: "200", message: "Success", total: "1", success_count: "1" },
        customers: {
          customer: {
            user_id: "343101481",
            mobile: "919111111111",
            item_status: { success: "true", code: "1000", message: "Customer successfully updated" },
          },
        },
      },
    };
    const { client } = clientAnswering(() => json(older));
    const { data } = await client.updateCustomers(tom);
    expect(data).toEqual({
      success: true,
      code: 200,
      message: "Success",
      total: 1,
      successCount: 1,
      customers: [
        {
          index: 0,
          path: "/root/customer/0",
          success: true,
          code: 1000,
          message: "Customer successfully updated",
          warnings: [],
          customer: older.response.customers.customer,
        },
      ],
    });
  });

  it("keeps each customer's warnings, as text or as code and message", async () => {
    const { client } = clientAnswering(() =>
      json(body(200, "true", [{ warnings: ["Email ignored", { code: "1099", message: "Gender unknown" }] }])),
    );
    const { data } = await client.updateCustomers(tom);
    expect(data?.customers[0]?.warnings).toEqual([
      { message: "Email ignored" },
      { code: 1099, message: "Gender unknown" },
    ]);
  });
});

describe("an HTTP error status", () => {
  it("reads Capillary's status block and the request id", async () => {
    const { client } = clientAnswering(() =>
      json(body(401, "false", [], "Unauthorized"), 401, { "X-Cap-Requestid": "req-401" }),
    );
    const { error } = await client.updateCustomers(tom);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({
      status: 401,
      code: "401",
      message: "capillary updateCustomers: Unauthorized",
      requestId: "req-401",
    });
  });

  it("reads a 400 with failed customers into details", async () => {
    const { client } = clientAnswering(() =>
      json(body(400, "false", [{ success: "false", code: 1042, message: "Invalid identifier" }], "Invalid input"), 400),
    );
    const { error } = await client.updateCustomers(tom);
    expect(error).toBeInstanceOf(BadRequestError);
    expect(error?.details).toEqual([{ path: "/root/customer/0", code: "1042", message: "Invalid identifier" }]);
  });

  it("gives an HTML gateway page a plain status message", async () => {
    const { client } = clientAnswering(
      () =>
        new Response("<html>502</html>", {
          status: 502,
          statusText: "Bad Gateway",
          headers: { "content-type": "text/html" },
        }),
    );
    const { error } = await client.updateCustomers(tom);
    expect(error).toBeInstanceOf(InternalServerError);
    expect(error?.message).toBe("capillary updateCustomers: HTTP 502 Bad Gateway");
  });

  it("never shows the password, its MD5 or the Basic value, even when the server echoes them", async () => {
    const digest = md5(till.password);
    const basic = btoa(unescape(encodeURIComponent(`${till.username}:${digest}`)));
    const echo = `Unauthorized: ${till.password} / ${digest} / ${basic}`;
    const { client } = clientAnswering(() =>
      json(body(401, "false", [{ success: "false", code: 1042, message: echo }], echo), 401),
    );
    const { error } = await client.updateCustomers(tom);
    expect(error).toBeInstanceOf(AuthenticationError);
    expectNoSecrets(error, [till.password, digest, basic]);
    expect(error?.message).toContain("[REDACTED]");
  });

  it("never shows the OAuth key, secret or token", async () => {
    const server = oauthServer(() => json(body(401, "false", [], `bad token token-1 for ${oauth.key}`), 401));
    const { client } = clientAnswering(server.handler, { auth: { oauth } });
    const { error } = await client.updateCustomers(tom);
    expectNoSecrets(error, ["token-1", oauth.key, oauth.secret]);
  });
});
