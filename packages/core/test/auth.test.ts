import { afterEach, describe, expect, it, vi } from "vitest";
import { basicAuthValue, clientCredentialsAuth, createTokenProvider } from "../src/auth.js";
import { createVendorClient, type OperationSpec } from "../src/client.js";
import { AuthenticationError } from "../src/errors.js";

describe("createTokenProvider", () => {
  it("exchanges once for concurrent callers and caches the token", async () => {
    const exchange = vi.fn(async () => ({ token: "t1", expiresInSeconds: 3600 }));
    const provider = createTokenProvider({ exchange });
    const tokens = await Promise.all(Array.from({ length: 10 }, () => provider.get()));
    expect(new Set(tokens)).toEqual(new Set(["t1"]));
    await provider.get();
    expect(exchange).toHaveBeenCalledTimes(1);
  });

  it.each([
    ["a minute before expiry", 300, 60, 240_000],
    ["at half-life when the lifetime is shorter than the margin", 60, 120, 30_000],
  ])("renews %s", async (_name, expiresInSeconds, renewBeforeSeconds, renewAtMs) => {
    let now = 0;
    let issued = 0;
    const provider = createTokenProvider({
      exchange: async () => ({ token: `t${++issued}`, expiresInSeconds }),
      renewBeforeSeconds,
      now: () => now,
    });
    expect(await provider.get()).toBe("t1");
    now = renewAtMs - 1_000;
    expect(await provider.get()).toBe("t1");
    now = renewAtMs;
    expect(await provider.get()).toBe("t2");
  });

  it("does not cache a failed exchange, and invalidate forces a new one", async () => {
    let calls = 0;
    const provider = createTokenProvider({
      exchange: async () => {
        calls++;
        if (calls === 1) throw new Error("down");
        return { token: `t${calls}`, expiresInSeconds: 3600 };
      },
    });
    await expect(provider.get()).rejects.toThrow("down");
    expect(await provider.get()).toBe("t2");
    provider.invalidate();
    expect(await provider.get()).toBe("t3");
    expect(provider.current()).toBe("t3");
  });
});

describe("basicAuthValue", () => {
  it("encodes username and password as UTF-8 before base64", () => {
    expect(basicAuthValue("till", "pässword")).toBe(`Basic ${Buffer.from("till:pässword", "utf8").toString("base64")}`);
  });
});

// The token cache as a client uses it: the vendor packages test only their token request, how they
// read the token and the header that carries it.
describe("clientCredentialsAuth in a client", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  /** A client whose fetch answers the token endpoint with numbered tokens and the API with `api`. */
  function setup(
    { api = () => Response.json({}), token }: { api?: (request: Request) => Response; token?: () => Response } = {},
    maxRetries = 0,
  ) {
    const apiRequests: Request[] = [];
    let tokenRequests = 0;
    const fetch = async (request: Request) => {
      if (request.url.endsWith("/token")) {
        tokenRequests++;
        return token ? token() : Response.json({ token: `t${tokenRequests}`, lifetime: 300 });
      }
      apiRequests.push(request);
      return api(request);
    };
    const vendor = createVendorClient(
      {
        vendor: "acme",
        baseUrl: "https://api.acme.test",
        auth: clientCredentialsAuth({
          credentials: { "auth.clientSecret": "client-secret" },
          tokenRequest: ({ "auth.clientSecret": secret }) => ({
            url: "https://auth.acme.test/token",
            json: { secret },
          }),
          readToken: (body) => {
            const { token, lifetime } = body as { token?: string; lifetime: number };
            return token === undefined ? undefined : { token, expiresInSeconds: lifetime };
          },
          header: "X-Acme-Token",
          format: (token) => token,
        }),
        parseErrorBody: () => ({}),
      },
      { fetch, maxRetries, retryDelay: { initialDelayMs: 1, maxDelayMs: 1 } },
    );
    const ping: OperationSpec = {
      name: "ping",
      method: "GET",
      path: "/ping",
      idempotent: false,
      responseType: "json",
      schemas: {},
    };
    const call = () => vendor.call(ping, { input: () => ({}), read: (data) => data });
    return {
      call,
      apiRequests,
      tokenRequests: () => tokenRequests,
      sentTokens: () => apiRequests.map((request) => request.headers.get("x-acme-token")),
    };
  }

  it("shares one exchange between concurrent calls and reuses its token", async () => {
    const { call, tokenRequests, sentTokens } = setup();
    const results = await Promise.all([call(), call(), call()]);
    expect(results.map((result) => result.error)).toEqual([undefined, undefined, undefined]);
    await call();
    expect(tokenRequests()).toBe(1);
    expect(sentTokens()).toEqual(["t1", "t1", "t1", "t1"]);
  });

  it("renews the token a minute before it expires", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-01-01T00:00:00Z"));
    const { call, sentTokens } = setup();
    await call();
    vi.setSystemTime(new Date("2026-01-01T00:03:59Z"));
    await call();
    vi.setSystemTime(new Date("2026-01-01T00:04:00Z"));
    await call();
    expect(sentTokens()).toEqual(["t1", "t1", "t2"]);
  });

  it("drops a token the API refuses and sends the call once more with a new one", async () => {
    const { call, tokenRequests, sentTokens } = setup({
      api: (request) =>
        request.headers.get("x-acme-token") === "t1" ? new Response(null, { status: 401 }) : Response.json({}),
    });
    expect((await call()).error).toBeUndefined();
    expect(tokenRequests()).toBe(2);
    expect(sentTokens()).toEqual(["t1", "t2"]);
  });

  it("returns the second 401 of a call: a new token is tried once", async () => {
    const { call, tokenRequests, sentTokens } = setup({ api: () => new Response(null, { status: 401 }) });
    expect((await call()).error).toBeInstanceOf(AuthenticationError);
    expect(tokenRequests()).toBe(2);
    expect(sentTokens()).toEqual(["t1", "t2"]);
  });

  it("does not cache a failed exchange: the next call exchanges again", async () => {
    let exchanges = 0;
    const refusedOnce = () => {
      exchanges++;
      return exchanges === 1
        ? Response.json({ error: "invalid_client" }, { status: 401 })
        : Response.json({ token: "t", lifetime: 300 });
    };
    const { call, tokenRequests, apiRequests } = setup({ token: refusedOnce });
    expect((await call()).error).toBeInstanceOf(AuthenticationError);
    expect(apiRequests).toHaveLength(0);
    expect((await call()).error).toBeUndefined();
    expect(tokenRequests()).toBe(2);
  });

  it("retries a failed exchange, as a second token request does no harm, though the call is not idempotent", async () => {
    let failures = 1;
    const { call, tokenRequests, apiRequests } = setup(
      {
        token: () =>
          failures-- > 0 ? new Response(null, { status: 503 }) : Response.json({ token: "t", lifetime: 300 }),
      },
      2,
    );
    expect((await call()).error).toBeUndefined();
    expect(tokenRequests()).toBe(2);
    expect(apiRequests).toHaveLength(1);
  });
});
