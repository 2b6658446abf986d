// Unit tests with an injected fetch: what goes on the wire, auth, the correlation id, error shapes.
import { inspect } from "node:util";
import {
  AuthenticationError,
  BadRequestError,
  ConflictError,
  ConnectionError,
  InternalServerError,
  InvalidRequestError,
  InvalidResponseError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  UnprocessableEntityError,
} from "@customer-clients/core";
import { fakeFetch } from "@customer-clients/test-utils";
import { afterEach, describe, expect, it, vi } from "vitest";
import { operations } from "../src/generated/examples.js";
import {
  createPexipClient,
  parseErrorBody,
  pexipBaseUrl,
  pexipTokenUrl,
  type PexipClientOptions,
} from "../src/index.js";
import { everyField } from "./fixtures.js";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const CLIENT_SECRET = "client-secret-4711";
const customer = operations.updateCustomer.responses["200"].examples.updated.data;
const ok = () => Response.json({ data: customer });
const errors =
  (status: number, ...entries: object[]) =>
  () =>
    Response.json({ errors: entries }, { status });
const entry = (code: string, message: string, status: number) => ({
  code,
  message,
  type: "Error",
  statusCode: String(status),
});

/** A client whose fetch records every request and answers the API and the token endpoint separately. */
function setup(
  options: Partial<PexipClientOptions> & {
    api?: (request: Request) => Response | Promise<Response>;
    token?: (request: Request) => Response | Promise<Response>;
  } = {},
) {
  let issued = 0;
  const {
    api = ok,
    token = () => Response.json({ access_token: `jwt-${++issued}`, expires_in: 300 }),
    ...rest
  } = options;
  const fetch = fakeFetch(api, { tokenPath: "/protocol/openid-connect/token", token });
  const client = createPexipClient({ enterprise: "acme", auth: "static-token", maxRetries: 0, fetch, ...rest });
  return { client, apiRequests: fetch.apiRequests, tokenRequests: fetch.tokenRequests };
}

afterEach(() => {
  vi.useRealTimers();
});

describe("the request on the wire", () => {
  it("patches the customer on the production host with the token and a generated correlation id", async () => {
    const { client, apiRequests } = setup();
    const result = await client.updateCustomer("123", everyField);
    expect(result.data).toEqual(customer);
    const [request] = apiRequests;
    expect(request?.method).toBe("PATCH");
    expect(request?.url).toBe("https://api.pexipengage.com/enterprises/acme/customers/123");
    expect(request?.headers.get("authorization")).toBe("Bearer static-token");
    expect(request?.headers.get("content-type")).toBe("application/json");
    expect(request?.headers.get("x-correlation-id")).toMatch(UUID);
    expect(request?.headers.has("accept-language")).toBe(false);
    expect(await request?.json()).toEqual(everyField);
  });

  it.each([
    ["production", "https://api.pexipengage.com/enterprises/acme"],
    ["staging", "https://api.staging.pexipengage.com/enterprises/acme"],
    ["development", "https://api.development.pexipengage.com/enterprises/acme"],
  ] as const)("uses the %s host", async (environment, base) => {
    expect(pexipBaseUrl("acme", environment)).toBe(base);
    const { client, apiRequests } = setup({ environment });
    await client.updateCustomer("a/b", {});
    expect(apiRequests[0]?.url).toBe(`${base}/customers/a%2Fb`);
  });

  it("sends null to clear a field and leaves out a field that is absent or undefined", async () => {
    const { client, apiRequests } = setup();
    await client.updateCustomer("123", { firstName: null, location: null, lastName: undefined, existing: false });
    expect(await apiRequests[0]?.text()).toBe('{"firstName":null,"location":null,"existing":false}');
  });

  it("sends the caller's correlation id and language", async () => {
    const { client, apiRequests } = setup();
    await client.updateCustomer("123", {}, { correlationId: "my-correlation-id", language: "nl" });
    expect(apiRequests[0]?.headers.get("x-correlation-id")).toBe("my-correlation-id");
    expect(apiRequests[0]?.headers.get("accept-language")).toBe("nl");
  });

  it("generates a new correlation id for every call", async () => {
    const { client, apiRequests } = setup();
    await client.updateCustomer("1", {});
    await client.updateCustomer("1", {});
    const ids = apiRequests.map((request) => request.headers.get("x-correlation-id"));
    expect(new Set(ids).size).toBe(2);
  });

  it("validates path, headers and body before sending", async () => {
    const { client, apiRequests } = setup();
    const { error } = await client.updateCustomer(
      "",
      {
        email: "",
        location: {
          countryCode: "BE",
          geolocation: { latitude: -91, longitude: 0 },
          translations: { city: [], street1: [{ language: "en", value: "x" }] },
        },
      },
      { correlationId: "" },
    );
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect(error?.details.map((detail) => [detail.path, detail.code])).toEqual([
      ["/path/id", "minLength"],
      ["/header/X-Correlation-Id", "minLength"],
      ["/email", "minLength"],
      ["/location/geolocation/latitude", "minimum"],
      ["/location/translations/city", "minItems"],
    ]);
    expect(apiRequests).toHaveLength(0);
  });

  it("retries a 503, since the update is idempotent", async () => {
    let calls = 0;
    const { client, apiRequests } = setup({
      maxRetries: 1,
      retryDelay: { initialDelayMs: 1, maxDelayMs: 1 },
      api: () => (++calls === 1 ? errors(503, entry("UNAVAILABLE", "Try again", 503))() : ok()),
    });
    expect((await client.updateCustomer("123", {})).data).toEqual(customer);
    expect(apiRequests).toHaveLength(2);
    expect(apiRequests[0]?.headers.get("x-correlation-id")).toBe(apiRequests[1]?.headers.get("x-correlation-id"));
  });

  it("refuses an empty enterprise at construction", () => {
    expect(() => createPexipClient({ enterprise: " ", auth: "t" })).toThrow(TypeError);
  });
});

describe("the correlation id on errors", () => {
  it.each([
    ["an HTTP error", { api: errors(404, entry("NOT_FOUND", "Customer not found", 404)) }],
    ["a connection failure", { api: () => Promise.reject(new TypeError("fetch failed")) }],
    [
      "an unreadable success body",
      { api: () => new Response("<html>", { headers: { "content-type": "application/json" } }) },
    ],
    ["a success body without data", { api: () => Response.json({}) }],
    ["a missing token", { auth: async () => "" }],
    [
      "a failed token exchange",
      {
        auth: { clientId: "id", clientSecret: CLIENT_SECRET },
        token: () => Response.json({ error: "invalid_client" }, { status: 401 }),
      },
    ],
  ] as const)("is the requestId of %s", async (_name, options) => {
    const { client } = setup(options as Partial<PexipClientOptions>);
    expect((await client.updateCustomer("123", {}, { correlationId: "corr-42" })).error?.requestId).toBe("corr-42");
    expect((await client.updateCustomer("123", {})).error?.requestId).toMatch(UUID);
  });

  it("is the requestId of invalid input", async () => {
    const { client } = setup();
    expect(
      (await client.updateCustomer("123", { language: "it" as "en" }, { correlationId: "corr-43" })).error?.requestId,
    ).toBe("corr-43");
  });

  it("stays each caller's own when concurrent calls share one failed token exchange", async () => {
    const { client, tokenRequests } = setup({
      auth: { clientId: "id", clientSecret: CLIENT_SECRET },
      token: () => new Response("down", { status: 503 }),
    });
    const results = await Promise.all(
      ["c1", "c2", "c3"].map((correlationId) => client.updateCustomer("123", {}, { correlationId })),
    );
    expect(tokenRequests).toHaveLength(1);
    expect(results.map((result) => result.error?.requestId)).toEqual(["c1", "c2", "c3"]);
    expect(results[0]?.error).toBeInstanceOf(InternalServerError);
  });
});

describe("client credentials", () => {
  const credentials = { clientId: "engage-client", clientSecret: CLIENT_SECRET };

  it("asks for the token URL on staging, whose token host the vendor does not settle", async () => {
    expect(() => createPexipClient({ enterprise: "acme", environment: "staging", auth: credentials })).toThrow(
      "pass auth.tokenUrl",
    );
    const tokenUrl = "https://auth.pexipengage.com/realms/acme/protocol/openid-connect/token";
    const { client, tokenRequests } = setup({ environment: "staging", auth: { ...credentials, tokenUrl } });
    await client.updateCustomer("123", {});
    expect(tokenRequests[0]?.url).toBe(tokenUrl);
  });

  it.each([
    ["production", "https://auth.pexipengage.com/realms/acme/protocol/openid-connect/token"],
    ["development", "https://auth.development.pexipengage.com/realms/acme/protocol/openid-connect/token"],
  ] as const)("exchanges them at the %s realm with the customers scope", async (environment, url) => {
    expect(pexipTokenUrl("acme", environment)).toBe(url);
    const { client, tokenRequests, apiRequests } = setup({ environment, auth: credentials });
    await client.updateCustomer("123", {});
    expect(tokenRequests[0]?.url).toBe(url);
    expect(tokenRequests[0]?.method).toBe("POST");
    expect(tokenRequests[0]?.headers.get("content-type")).toBe("application/x-www-form-urlencoded");
    expect(Object.fromEntries(new URLSearchParams(await tokenRequests[0]!.text()))).toEqual({
      grant_type: "client_credentials",
      client_id: "engage-client",
      client_secret: CLIENT_SECRET,
      scope: "engage:customers:readWrite",
    });
    expect(apiRequests[0]?.headers.get("authorization")).toBe("Bearer jwt-1");
  });

  it("uses an overridden token URL and scope", async () => {
    const { client, tokenRequests } = setup({
      auth: { ...credentials, scope: "custom", tokenUrl: "http://127.0.0.1:9/realms/t/protocol/openid-connect/token" },
    });
    await client.updateCustomer("123", {});
    expect(tokenRequests[0]?.url).toBe("http://127.0.0.1:9/realms/t/protocol/openid-connect/token");
    expect(new URLSearchParams(await tokenRequests[0]!.text()).get("scope")).toBe("custom");
  });

  it("reads expires_in as the token's lifetime: renewed a minute before it ends", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const { client, tokenRequests, apiRequests } = setup({ auth: credentials });
    await client.updateCustomer("1", {});
    vi.advanceTimersByTime(239_000); // 300 s lifetime, renewed 60 s before it ends
    await client.updateCustomer("2", {});
    expect(tokenRequests).toHaveLength(1);
    vi.advanceTimersByTime(1_000);
    await client.updateCustomer("3", {});
    expect(tokenRequests).toHaveLength(2);
    expect(apiRequests.map((request) => request.headers.get("authorization"))).toEqual([
      "Bearer jwt-1",
      "Bearer jwt-1",
      "Bearer jwt-2",
    ]);
  });

  it("does not exchange again when the realm refuses the credentials", async () => {
    const { client, tokenRequests, apiRequests } = setup({
      auth: credentials,
      token: () => Response.json({ error: "invalid_client" }, { status: 401 }),
    });
    expect((await client.updateCustomer("123", {})).error).toBeInstanceOf(AuthenticationError);
    expect(tokenRequests).toHaveLength(1);
    expect(apiRequests).toHaveLength(0);
  });

  it("does not resend after a 401 with a static token", async () => {
    const { client, apiRequests } = setup({ api: errors(401, entry("UNAUTHORIZED", "Token expired", 401)) });
    expect((await client.updateCustomer("123", {})).error).toBeInstanceOf(AuthenticationError);
    expect(apiRequests).toHaveLength(1);
  });

  it.each([
    [
      "refused credentials",
      () =>
        Response.json({ error: "invalid_client", error_description: "Invalid client credentials" }, { status: 401 }),
      AuthenticationError,
      "invalid_client",
      "pexip getAccessToken: token exchange failed: invalid_client: Invalid client credentials",
    ],
    [
      "a refused scope",
      () => Response.json({ error: "invalid_scope" }, { status: 400 }),
      AuthenticationError,
      "invalid_scope",
      "pexip getAccessToken: token exchange failed: invalid_scope",
    ],
    [
      "a realm that is down",
      () => new Response("<html>", { status: 502 }),
      InternalServerError,
      undefined,
      "pexip getAccessToken: token exchange failed: HTTP 502",
    ],
    [
      "a body without a token",
      () => Response.json({ token_type: "Bearer" }),
      InvalidResponseError,
      undefined,
      "pexip getAccessToken: the token response has no access token",
    ],
    [
      "a connection failure",
      () => Promise.reject(new TypeError("fetch failed")),
      ConnectionError,
      undefined,
      "pexip getAccessToken: connection failed (fetch failed)",
    ],
  ] as const)(
    "turns %s into a normalised error and sends nothing to the API",
    async (_name, token, cls, code, message) => {
      const { client, apiRequests } = setup({ auth: credentials, token });
      const { error } = await client.updateCustomer("123", {});
      expect(error).toBeInstanceOf(cls);
      expect(error).toMatchObject({ code, message, operation: "getAccessToken" });
      expect(apiRequests).toHaveLength(0);
    },
  );

  it("names a missing client secret without sending anything", async () => {
    const { client, tokenRequests } = setup({ auth: { clientId: "id", clientSecret: async () => "" } });
    const { error } = await client.updateCustomer("123", {});
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({ code: "missing_credential" });
    expect(error?.message).toContain("auth.clientSecret");
    expect(tokenRequests).toHaveLength(0);
  });

  it.each([
    [
      "a refused exchange that echoes the secret",
      {
        token: () =>
          Response.json(
            {
              error: "invalid_client",
              error_description: `client_secret=${CLIENT_SECRET} rejected`,
              client_secret: CLIENT_SECRET,
            },
            { status: 401 },
          ),
      },
      [CLIENT_SECRET],
    ],
    [
      "an API error that echoes the token and the secret",
      { api: errors(403, entry("FORBIDDEN", `jwt-1 lacks the scope; ${CLIENT_SECRET}`, 403)) },
      [CLIENT_SECRET, "jwt-1"],
    ],
  ] as const)("never shows a credential in %s", async (_name, options, credentials) => {
    const { client } = setup({ auth: { clientId: "engage-client", clientSecret: CLIENT_SECRET }, ...options });
    const { error } = await client.updateCustomer("123", {});
    expect(error).toBeDefined();
    for (const shown of [JSON.stringify(error), error?.message, inspect(error, { depth: 10 })]) {
      for (const credential of credentials) expect(shown).not.toContain(credential);
    }
  });
});

describe("error bodies", () => {
  it.each([
    [400, "BAD_REQUEST", BadRequestError],
    [401, "UNAUTHORIZED", AuthenticationError],
    [403, "FORBIDDEN", PermissionDeniedError],
    [404, "NOT_FOUND", NotFoundError],
    [409, "CONFLICT", ConflictError],
    [422, "CUSTOMER_NOT_IDENTIFIABLE", UnprocessableEntityError],
    [422, "LOCATION_GEOCODING_FAILED", UnprocessableEntityError],
    [422, "LOCATION_TIME_ZONE_RESOLUTION_FAILED", UnprocessableEntityError],
    [429, "TOO_MANY_REQUESTS", RateLimitError],
    [500, "INTERNAL", InternalServerError],
  ] as const)("maps %i with code %s", async (status, code, cls) => {
    const { client } = setup({ api: errors(status, entry(code, `Problem ${code}`, status)) });
    const { error } = await client.updateCustomer("123", {}, { correlationId: "corr-7" });
    expect(error).toBeInstanceOf(cls);
    expect(error).toMatchObject({
      status,
      code,
      message: `pexip updateCustomer: Problem ${code}`,
      requestId: "corr-7",
      details: [{ code, message: `Problem ${code}` }],
    });
  });

  it("keeps every entry as a detail and the first code as the error's", async () => {
    const { client } = setup({
      api: errors(
        422,
        {
          ...entry("LOCATION_GEOCODING_FAILED", "No coordinates for the address", 422),
          arguments: { street1: "Nowhere 1" },
        },
        entry("LOCATION_TIME_ZONE_RESOLUTION_FAILED", "No time zone", 422),
      ),
    });
    const { error } = await client.updateCustomer("123", {});
    expect(error?.code).toBe("LOCATION_GEOCODING_FAILED");
    expect(error?.message).toBe("pexip updateCustomer: No coordinates for the address; No time zone");
    expect(error?.details).toEqual([
      { code: "LOCATION_GEOCODING_FAILED", message: "No coordinates for the address" },
      { code: "LOCATION_TIME_ZONE_RESOLUTION_FAILED", message: "No time zone" },
    ]);
    expect(error?.body).toMatchObject({ errors: [{ arguments: { street1: "Nowhere 1" } }, {}] });
  });

  it("falls back to the status line for a body that is not the vendor's", async () => {
    const { client } = setup({
      api: () => new Response("<html>Bad gateway</html>", { status: 502, statusText: "Bad Gateway" }),
    });
    const { error } = await client.updateCustomer("123", {});
    expect(error).toBeInstanceOf(InternalServerError);
    expect(error).toMatchObject({
      message: "pexip updateCustomer: HTTP 502 Bad Gateway",
      code: undefined,
      details: [],
    });
  });

  it.each([
    [
      { errors: [entry("NOT_FOUND", "Gone", 404)] },
      { code: "NOT_FOUND", message: "Gone", details: [{ code: "NOT_FOUND", message: "Gone" }] },
    ],
    [
      { errors: [{ code: "X" }, "junk", null] },
      { code: "X", message: undefined, details: [{ code: "X", message: "X" }] },
    ],
    [{ errors: [] }, { code: undefined, message: undefined, details: [] }],
    [{ message: "not the vendor's shape" }, {}],
    ["plain text", {}],
  ])("parseErrorBody(%j)", (body, expected) => {
    expect(parseErrorBody(body)).toEqual(expected);
  });

  it("takes the error's request id from the X-Correlation-Id the server echoes", async () => {
    const { client } = setup({
      api: () => Response.json({ errors: [] }, { status: 404, headers: { "x-correlation-id": "echoed" } }),
    });
    const { error } = await client.updateCustomer("123", {}, { correlationId: "sent" });
    expect(error?.requestId).toBe("echoed");
  });
});
