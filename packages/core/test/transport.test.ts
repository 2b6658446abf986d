// Core's transport rules that no vendor changes: refused connections on every runtime, what
// `retryable` says, hooks that throw, the rate limiter seam, the 401 policy, redirects taken
// by a fetch that follows them anyway.
import { describe, expect, it, vi } from "vitest";
import { clientCredentialsAuth, type AuthStrategy } from "../src/auth.js";
import { createVendorClient, type CommonClientOptions, type OperationSpec } from "../src/client.js";
import { AuthenticationError, ConnectionError, InvalidResponseError, TimeoutError } from "../src/errors.js";
import { wasRefused, type FetchLike, type RateLimiter } from "../src/transport.js";

const putThing = (idempotent: boolean): OperationSpec<{ path: { id: string }; body: { name: string } }> => ({
  name: "putThing",
  method: "PUT",
  path: "/things/{id}",
  idempotent,
  responseType: "json",
});

const ok = () => Response.json({ id: "1" });

function thing(
  fetch: FetchLike,
  { idempotent = false, auth, ...options }: CommonClientOptions & { idempotent?: boolean; auth?: AuthStrategy } = {},
) {
  const client = createVendorClient(
    {
      vendor: "acme",
      baseUrl: "https://api.acme.test",
      auth: auth ?? { authorize: async () => {} },
      parseErrorBody: () => ({}),
    },
    { fetch, retryDelay: { initialDelayMs: 1, maxDelayMs: 2 }, ...options },
  );
  return (callOptions = {}) =>
    client.call(putThing(idempotent), {
      options: callOptions,
      input: () => ({ path: { id: "1" }, body: { name: "n" } }),
      read: (data) => data as { id: string },
    });
}

describe("refused connections, as each runtime reports them", () => {
  it.each([
    ["Node and undici", Object.assign(new TypeError("fetch failed"), { cause: { code: "ECONNREFUSED" } }), true],
    [
      "Bun",
      Object.assign(new Error("Unable to connect. Is the computer able to access the url?"), {
        code: "ConnectionRefused",
      }),
      true,
    ],
    [
      "Deno",
      new TypeError(
        "error sending request for url (http://127.0.0.1:9/): client error (Connect): tcp connect error: Connection refused (os error 111)",
      ),
      true,
    ],
    ["a browser", new TypeError("Failed to fetch"), false],
    ["workerd", new TypeError("Network connection lost."), false],
    ["a reset", Object.assign(new TypeError("fetch failed"), { cause: { code: "ECONNRESET" } }), false],
  ])("%s", async (_runtime, failure, refused) => {
    expect(wasRefused(failure)).toBe(refused);
    const fetch = vi.fn<FetchLike>(async () => Promise.reject(failure));
    const { error } = await thing(fetch)();
    expect(error).toBeInstanceOf(ConnectionError);
    // A non-idempotent call is retried only when the runtime proves the server never saw it, and says so.
    expect(fetch).toHaveBeenCalledTimes(refused ? 3 : 1);
    expect(error?.retryable).toBe(refused);
    if (!refused)
      expect(error?.message).toContain("not retried: the server may have received it, and putThing is not idempotent");
  });
});

describe("retryable", () => {
  it.each([
    [500, false, false],
    [500, true, true],
    [429, false, true],
    [408, false, true],
    [404, true, false],
  ])("is what the retry rule says for %i (idempotent: %s)", async (status, idempotent, retryable) => {
    const fetch = vi.fn<FetchLike>(async () => Response.json({}, { status }));
    const { error } = await thing(fetch, { idempotent, maxRetries: 0 })();
    expect(error?.retryable).toBe(retryable);
  });

  it("is false for a timeout of a non-idempotent call, which was not retried", async () => {
    const hang: FetchLike = (_request, init) =>
      new Promise((_resolve, reject) => init?.signal?.addEventListener("abort", () => reject(init.signal?.reason)));
    const fetch = vi.fn(hang);
    const { error } = await thing(fetch, { timeoutMs: 20 })();
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error?.retryable).toBe(false);
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it("honours retryNonIdempotent in both the retries and the flag", async () => {
    const fetch = vi.fn<FetchLike>(async () => Response.json({}, { status: 503 }));
    const { error } = await thing(fetch)({ retryNonIdempotent: true });
    expect(fetch).toHaveBeenCalledTimes(3);
    expect(error?.retryable).toBe(true);
  });
});

describe("transport seams", () => {
  it("ignores a hook that throws", async () => {
    const call = thing(async () => ok(), {
      hooks: {
        onAttempt: () => {
          throw new Error("hook");
        },
      },
    });
    expect((await call()).data).toEqual({ id: "1" });
  });

  it("asks the rate limiter before every attempt and tells it every answer", async () => {
    const order: string[] = [];
    const limiter: RateLimiter = {
      acquire: async () => (order.push("acquire"), () => order.push("release")),
      observe: ({ status }) => order.push(`observe ${status}`),
    };
    let calls = 0;
    const call = thing(async () => (++calls === 1 ? Response.json({}, { status: 429 }) : ok()), {
      rateLimiter: limiter,
    });
    expect((await call()).data).toEqual({ id: "1" });
    expect(order).toEqual(["acquire", "observe 429", "release", "acquire", "observe 200", "release"]);
  });

  it("does not count the wait for the rate limiter against the attempt's timeout", async () => {
    const limiter: RateLimiter = { acquire: () => new Promise((resolve) => setTimeout(() => resolve(() => {}), 60)) };
    const call = thing(async () => ok(), { rateLimiter: limiter, timeoutMs: 30 });
    expect((await call()).data).toEqual({ id: "1" });
  });

  it("refuses an answer a custom fetch took from another origin", async () => {
    const followed = Object.defineProperties(ok(), {
      redirected: { value: true },
      url: { value: "https://elsewhere.test/things/1" },
    });
    const { error } = await thing(async () => followed)();
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect(error?.code).toBe("redirect");
  });

  it("refuses a browser's opaque redirect", async () => {
    const opaque = {
      type: "opaqueredirect",
      status: 0,
      redirected: false,
      url: "",
      headers: new Headers(),
      body: null,
    } as unknown as Response;
    const { error } = await thing(async () => opaque)();
    expect(error).toMatchObject({ kind: "invalid_response", code: "redirect" });
  });
});

describe("the 401 policy", () => {
  const tokenAuth = () =>
    clientCredentialsAuth({
      credentials: { clientId: "id", clientSecret: "client-secret-value" },
      tokenRequest: () => ({ url: "https://auth.acme.test/token", form: { grant_type: "client_credentials" } }),
      readToken: (body) => ({ token: (body as { access_token: string }).access_token, expiresInSeconds: 3600 }),
    });

  it("sends a non-idempotent call once more with a new token after a 401, and only once", async () => {
    let issued = 0;
    const seen: string[] = [];
    const fetch: FetchLike = async (request) => {
      if (request.url.startsWith("https://auth.acme.test")) return Response.json({ access_token: `token-${++issued}` });
      seen.push(request.headers.get("authorization") ?? "");
      return Response.json({ message: "expired" }, { status: 401 });
    };
    const { error } = await thing(fetch, { auth: tokenAuth() })();
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(seen).toEqual(["Bearer token-1", "Bearer token-2"]);
  });

  it("does not resend with a static credential", async () => {
    const fetch = vi.fn<FetchLike>(async () => Response.json({}, { status: 401 }));
    await thing(fetch)();
    expect(fetch).toHaveBeenCalledTimes(1);
  });
});

describe("path parameters", () => {
  it("refuses a call whose path parameter is missing, sending nothing", async () => {
    const fetch = vi.fn<FetchLike>(async () => ok());
    const client = createVendorClient(
      {
        vendor: "acme",
        baseUrl: "https://api.acme.test",
        auth: { authorize: async () => {} },
        parseErrorBody: () => ({}),
      },
      { fetch },
    );
    const { error } = await client.call(putThing(true), {
      input: () => ({ path: { id: undefined as unknown as string }, body: { name: "n" } }),
      read: (data) => data,
    });
    expect(error?.kind).toBe("invalid_request");
    expect(fetch).not.toHaveBeenCalled();
  });
});
