// Unit tests with an injected fetch: what goes on the wire, the token exchange, and how errors are read.
import { inspect } from "node:util";
import {
  AuthenticationError,
  BadRequestError,
  ConnectionError,
  InternalServerError,
  InvalidRequestError,
  InvalidResponseError,
  NotFoundError,
  RateLimitError,
  UnprocessableEntityError,
  type ApiError,
} from "@customer-clients/core";
import { fakeFetch } from "@customer-clients/test-utils";
import { afterEach, describe, expect, it, vi } from "vitest";
import { operations } from "../src/generated/examples.js";
import {
  COMMERCELAYER_AUTH_URL,
  commerceLayerBaseUrl,
  createCommerceLayerClient,
  parseErrorBody,
  type CommerceLayerClientOptions,
} from "../src/index.js";

const JSON_API = "application/vnd.api+json";
const CLIENT_SECRET = "cl-client-secret-0123456789";
const ISSUED_TOKEN = "issued-access-token-abcdef";
const credentials = { clientId: "client-id-1", clientSecret: CLIENT_SECRET, scope: "market:id:xYZkjABcde" };

const resource = {
  id: "xYZkjABcde",
  type: "customers",
  links: { self: "https://acme.commercelayer.io/api/customers/xYZkjABcde" },
  attributes: {
    email: "john@example.com",
    status: "repeat",
    has_password: true,
    total_orders_count: 3,
    created_at: "2018-01-01T12:00:00.000Z",
    updated_at: "2018-01-02T12:00:00.000Z",
    reference: "ERP-1",
    reference_origin: null,
    metadata: { foo: "bar" },
  },
  relationships: {
    customer_group: {
      links: {
        self: "https://acme.commercelayer.io/api/customers/xYZkjABcde/relationships/customer_group",
        related: "https://acme.commercelayer.io/api/customers/xYZkjABcde/customer_group",
      },
    },
  },
  meta: { mode: "live" },
};

const jsonApi = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": JSON_API, ...headers } });
const tokenResponse = (token = ISSUED_TOKEN, expiresIn = 7200) =>
  Response.json({
    access_token: token,
    token_type: "bearer",
    expires_in: expiresIn,
    scope: credentials.scope,
    created_at: 1704067200,
  });

/** A fake Commerce Layer: the token endpoint and the core API, each answered by its own function. */
function fakeServer({
  api = () => jsonApi({ data: resource }),
  token = () => tokenResponse(),
}: {
  api?: (request: Request) => Response | Promise<Response>;
  token?: (request: Request) => Response | Promise<Response>;
} = {}) {
  return fakeFetch(api, { tokenPath: "/oauth/token", token });
}

function clientFor(server: ReturnType<typeof fakeServer>, options: Partial<CommerceLayerClientOptions> = {}) {
  return createCommerceLayerClient({
    organization: "acme",
    auth: credentials,
    maxRetries: 0,
    fetch: server,
    ...options,
  } as CommerceLayerClientOptions);
}

function expectNoSecret(error: ApiError | undefined, ...secrets: string[]) {
  expect(error).toBeDefined();
  const shown = [error?.message, JSON.stringify(error), inspect(error, { depth: 10 }), String(error?.stack)].join("\n");
  for (const secret of secrets) expect(shown).not.toContain(secret);
}

afterEach(() => {
  vi.useRealTimers();
});

describe("updateCustomer on the wire", () => {
  it("sends a JSON:API document with the JSON:API media type and the bearer token", async () => {
    const server = fakeServer();
    const client = clientFor(server, { auth: { accessToken: "ready-token-1234" } });
    await client.updateCustomer("xYZkjABcde", {
      email: "john@example.com",
      password: "s3cret-pass",
      reference: "ERP-1",
      referenceOrigin: "erp",
      metadata: { foo: "bar" },
      customerGroupId: "BdfRqoVWpm",
    });
    const [request] = server.apiRequests;
    expect(request?.method).toBe("PATCH");
    expect(request?.url).toBe("https://acme.commercelayer.io/api/customers/xYZkjABcde");
    expect(request?.headers.get("accept")).toBe(JSON_API);
    expect(request?.headers.get("content-type")).toBe(JSON_API);
    expect(request?.headers.get("authorization")).toBe("Bearer ready-token-1234");
    expect(await request?.json()).toEqual({
      data: {
        type: "customers",
        id: "xYZkjABcde",
        attributes: {
          email: "john@example.com",
          password: "s3cret-pass",
          reference: "ERP-1",
          reference_origin: "erp",
          metadata: { foo: "bar" },
        },
        relationships: { customer_group: { data: { type: "customer_groups", id: "BdfRqoVWpm" } } },
      },
    });
    expect(server.tokenRequests).toHaveLength(0);
  });

  it("sends only type and id when nothing else changes, and encodes the id in the path", async () => {
    const server = fakeServer();
    const client = clientFor(server, { auth: { accessToken: async () => "ready-token-1234" } });
    await client.updateCustomer("a/b c");
    expect(server.apiRequests[0]?.url).toBe("https://acme.commercelayer.io/api/customers/a%2Fb%20c");
    expect(await server.apiRequests[0]?.json()).toEqual({ data: { type: "customers", id: "a/b c" } });
  });

  it("returns the flattened customer", async () => {
    const client = clientFor(fakeServer(), { auth: { accessToken: "t0k3n-value" } });
    const { data, error } = await client.updateCustomer("xYZkjABcde", { reference: "ERP-1" });
    expect(error).toBeUndefined();
    expect(data).toEqual({
      id: "xYZkjABcde",
      email: "john@example.com",
      status: "repeat",
      hasPassword: true,
      totalOrdersCount: 3,
      reference: "ERP-1",
      referenceOrigin: null,
      metadata: { foo: "bar" },
      shopperReference: null,
      profileId: null,
      taxExemptionCode: null,
      anonymizationStatus: null,
      createdAt: "2018-01-01T12:00:00.000Z",
      updatedAt: "2018-01-02T12:00:00.000Z",
      mode: "live",
      url: "https://acme.commercelayer.io/api/customers/xYZkjABcde",
      relationships: { customer_group: resource.relationships.customer_group.links },
      resource,
    });
  });

  it("uses baseUrl instead of the organization's host when given", async () => {
    const server = fakeServer();
    const client = createCommerceLayerClient({
      baseUrl: "http://127.0.0.1:9/",
      auth: { accessToken: "t0k3n-value" },
      fetch: server,
      maxRetries: 0,
    });
    await client.updateCustomer("xYZkjABcde");
    expect(server.apiRequests[0]?.url).toBe("http://127.0.0.1:9/api/customers/xYZkjABcde");
  });

  it("refuses an organization that is not a slug", () => {
    expect(commerceLayerBaseUrl("Acme-EU")).toBe("https://acme-eu.commercelayer.io");
    for (const organization of ["", "acme.evil.com", "acme/", "-acme"]) {
      expect(() => createCommerceLayerClient({ organization, auth: { accessToken: "t" } })).toThrow(TypeError);
    }
  });

  it("validates the document against the spec before sending", async () => {
    const server = fakeServer();
    const client = clientFor(server, { auth: { accessToken: "t0k3n-value" } });
    const unknown = await client.updateCustomer("xYZkjABcde", { emial: "john@example.com" } as never);
    expect(unknown.error).toBeInstanceOf(InvalidRequestError);
    expect(unknown.error?.details).toEqual([
      expect.objectContaining({ path: "/data/attributes/emial", code: "additionalProperties" }),
    ]);
    const wrongTypes = await client.updateCustomer("", { metadata: "vip" as never, customerGroupId: "" });
    expect(wrongTypes.error?.details.map((detail) => [detail.path, detail.code])).toEqual([
      ["/path/id", "minLength"],
      ["/data/id", "minLength"],
      ["/data/attributes/metadata", "type"],
      ["/data/relationships/customer_group/data/id", "minLength"],
    ]);
    expect(server.apiRequests).toHaveLength(0);
  });

  it("retries a 503, as the update is idempotent", async () => {
    let calls = 0;
    const server = fakeServer({
      api: () =>
        ++calls === 1
          ? jsonApi({ errors: [{ title: "down", detail: "down", code: "INTERNAL", status: "503" }] }, 503)
          : jsonApi({ data: resource }),
    });
    const client = clientFor(server, {
      auth: { accessToken: "t0k3n-value" },
      maxRetries: 1,
      retryDelay: { initialDelayMs: 1 },
    });
    const { data } = await client.updateCustomer("xYZkjABcde", { email: "john@example.com" });
    expect(data?.id).toBe("xYZkjABcde");
    expect(server.apiRequests).toHaveLength(2);
    expect(await server.apiRequests[1]?.json()).toEqual({
      data: { type: "customers", id: "xYZkjABcde", attributes: { email: "john@example.com" } },
    });
  });

  it("treats a success body without a customers resource as an invalid response", async () => {
    const client = clientFor(fakeServer({ api: () => jsonApi({ data: { ...resource, type: "orders" } }) }), {
      auth: { accessToken: "t0k3n-value" },
    });
    const { error } = await client.updateCustomer("xYZkjABcde");
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect(error?.status).toBe(200);
  });
});

describe("client credentials", () => {
  it("exchanges the credentials at auth.commercelayer.io and sends the issued token", async () => {
    const server = fakeServer();
    const client = clientFor(server);
    await client.updateCustomer("xYZkjABcde");
    const [exchange] = server.tokenRequests;
    expect(exchange?.method).toBe("POST");
    expect(exchange?.url).toBe(`${COMMERCELAYER_AUTH_URL}/oauth/token`);
    expect(exchange?.headers.get("content-type")).toBe("application/json");
    expect(await exchange?.json()).toEqual({
      grant_type: "client_credentials",
      client_id: "client-id-1",
      client_secret: CLIENT_SECRET,
      scope: "market:id:xYZkjABcde",
    });
    expect(server.apiRequests[0]?.headers.get("authorization")).toBe(`Bearer ${ISSUED_TOKEN}`);
  });

  it("sends the exchange to authBaseUrl when given, without a scope when none is set", async () => {
    const server = fakeServer();
    const client = clientFor(server, {
      auth: { clientId: "client-id-1", clientSecret: async () => CLIENT_SECRET },
      authBaseUrl: "http://127.0.0.1:9/",
    });
    await client.updateCustomer("xYZkjABcde");
    expect(server.tokenRequests[0]?.url).toBe("http://127.0.0.1:9/oauth/token");
    expect(await server.tokenRequests[0]?.json()).toEqual({
      grant_type: "client_credentials",
      client_id: "client-id-1",
      client_secret: CLIENT_SECRET,
    });
  });

  it("reads expires_in as the token's lifetime: renewed a minute before it ends", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-01-01T00:00:00Z"));
    let issued = 0;
    const server = fakeServer({ token: () => tokenResponse(`token-number-${++issued}`, 7200) });
    const client = clientFor(server);
    await client.updateCustomer("xYZkjABcde");
    vi.setSystemTime(new Date("2026-01-01T01:58:00Z")); // 2 minutes before expiry: still cached
    await client.updateCustomer("xYZkjABcde");
    vi.setSystemTime(new Date("2026-01-01T01:59:30Z")); // 30 seconds before expiry: renewed
    await client.updateCustomer("xYZkjABcde");
    expect(server.tokenRequests).toHaveLength(2);
    expect(server.apiRequests.map((request) => request.headers.get("authorization"))).toEqual([
      "Bearer token-number-1",
      "Bearer token-number-1",
      "Bearer token-number-2",
    ]);
  });

  it("turns a refused exchange into an AuthenticationError without the client secret anywhere", async () => {
    const server = fakeServer({
      token: () =>
        Response.json(
          // A server that echoes what it got must not leak it either.
          { error: "invalid_client", error_description: `Client authentication failed for secret ${CLIENT_SECRET}` },
          { status: 401, headers: { "x-request-id": "req-123" } },
        ),
    });
    const client = clientFor(server);
    const { error } = await client.updateCustomer("xYZkjABcde");
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({
      vendor: "commercelayer",
      operation: "getAccessToken",
      status: 401,
      code: "invalid_client",
      requestId: "req-123",
      retryable: false,
    });
    expect(error?.message).toBe(
      "commercelayer getAccessToken: token exchange failed: Client authentication failed for secret [REDACTED]",
    );
    expectNoSecret(error, CLIENT_SECRET);
    expect(server.apiRequests).toHaveLength(0);
  });

  it.each([
    ["a 429", () => Response.json({ error: "too_many_requests" }, { status: 429 }), RateLimitError],
    ["a 502 page", () => new Response("<html>bad gateway</html>", { status: 502 }), InternalServerError],
    ["a 200 without a token", () => Response.json({ token_type: "bearer" }), InvalidResponseError],
    ["a dropped connection", () => Promise.reject(new TypeError("fetch failed")), ConnectionError],
  ])("classifies %s from the token endpoint", async (_name, token, cls) => {
    const server = fakeServer({ token });
    const { error } = await clientFor(server).updateCustomer("xYZkjABcde");
    expect(error).toBeInstanceOf(cls);
    expect(error?.operation).toBe("getAccessToken");
    expectNoSecret(error, CLIENT_SECRET);
    expect(server.apiRequests).toHaveLength(0);
  });

  it("names a missing credential without sending anything", async () => {
    const server = fakeServer();
    const { error } = await clientFor(server, {
      auth: { clientId: "client-id-1", clientSecret: async () => "" },
    }).updateCustomer("xYZkjABcde");
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({ code: "missing_credential" });
    expect(error?.message).toContain("auth.clientSecret");
    expect(server.tokenRequests).toHaveLength(0);
  });
});

describe("errors", () => {
  const validation = operations.updateCustomer.responses["422"].examples.validationErrors;

  it("keeps every JSON:API error entry as a detail", async () => {
    const server = fakeServer({ api: () => jsonApi(validation, 422, { "x-request-id": "req-422" }) });
    const { error } = await clientFor(server).updateCustomer("xYZkjABcde", { email: "john@example.com" });
    expect(error).toBeInstanceOf(UnprocessableEntityError);
    expect(error).toMatchObject({
      status: 422,
      code: "VALIDATION_ERROR",
      requestId: "req-422",
      retryable: false,
      body: validation,
    });
    expect(error?.message).toBe(
      "commercelayer updateCustomer: email - has already been taken; customer_group - is invalid",
    );
    expect(error?.details).toEqual([
      { path: "/data/attributes/email", code: "VALIDATION_ERROR", message: "email - has already been taken" },
      { path: "/data/relationships/customer_group", code: "VALIDATION_ERROR", message: "customer_group - is invalid" },
    ]);
  });

  it.each([
    [401, "INVALID_TOKEN", AuthenticationError],
    [404, "RECORD_NOT_FOUND", NotFoundError],
    [400, "KEY_NOT_INCLUDED_IN_URL", BadRequestError],
    [415, "UNSUPPORTED_MEDIA_TYPE", BadRequestError],
    [429, "TOO_MANY_REQUESTS", RateLimitError],
  ])("maps a %i %s to its error class", async (status, code, cls) => {
    const body = { errors: [{ title: "t", detail: `${code} detail`, code, status: String(status) }] };
    const { error } = await clientFor(fakeServer({ api: () => jsonApi(body, status) }), {
      auth: { accessToken: "ready-token-1234" },
    }).updateCustomer("xYZkjABcde");
    expect(error).toBeInstanceOf(cls);
    expect(error).toMatchObject({
      status,
      code,
      message: `commercelayer updateCustomer: ${code} detail`,
      details: [{ code, message: `${code} detail` }],
    });
    expectNoSecret(error, "ready-token-1234");
  });

  it("redacts the access token even when a body repeats it", async () => {
    const token = "ready-token-1234";
    const body = {
      errors: [{ title: "Invalid token", detail: `Token ${token} is invalid`, code: "INVALID_TOKEN", status: "401" }],
    };
    const { error } = await clientFor(fakeServer({ api: () => jsonApi(body, 401) }), {
      auth: { accessToken: token },
    }).updateCustomer("xYZkjABcde");
    expect(error?.message).toBe("commercelayer updateCustomer: Token [REDACTED] is invalid");
    expectNoSecret(error, token);
  });

  it("reads bodies that are not JSON:API", () => {
    expect(parseErrorBody({ error: "invalid_client", error_description: "Client authentication failed" })).toEqual({
      code: "invalid_client",
      message: "Client authentication failed",
    });
    expect(
      parseErrorBody({
        type: "about:blank",
        title: "Not Acceptable",
        detail: "Unable to find content for application/xml",
        status: 406,
      }),
    ).toEqual({
      code: undefined,
      message: "Unable to find content for application/xml",
    });
    expect(parseErrorBody("Service unavailable\n")).toEqual({});
    expect(
      parseErrorBody({
        errors: [{ title: "Record not found", code: "RECORD_NOT_FOUND", source: { parameter: "include" } }],
      }),
    ).toEqual({
      code: "RECORD_NOT_FOUND",
      message: "Record not found",
      details: [{ path: "include", code: "RECORD_NOT_FOUND", message: "Record not found" }],
    });
  });
});
