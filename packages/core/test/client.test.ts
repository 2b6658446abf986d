// createVendorClient with an injected fetch: validation, auth, error mapping, retries, timeouts.
import { getEventListeners } from "node:events";
import { describe, expect, it, vi } from "vitest";
import { bearerAuth, type CredentialSource } from "../src/auth.js";
import { createVendorClient, type CallOptions, type CommonClientOptions, type OperationSpec } from "../src/client.js";
import {
  AbortedError,
  AuthenticationError,
  ConnectionError,
  InternalServerError,
  InvalidRequestError,
  InvalidResponseError,
  NotFoundError,
  RateLimitError,
  TimeoutError,
} from "../src/errors.js";
import type { AttemptEvent, FetchLike } from "../src/transport.js";

interface ThingParts {
  path: { id: string };
  body: { name: unknown };
}

const putThing = (idempotent: boolean, schemas: OperationSpec["schemas"] = {}): OperationSpec<ThingParts> => ({
  name: "updateThing",
  method: "PUT",
  path: "/things/{id}",
  idempotent,
  responseType: "json",
  schemas,
});

const SECRET = "s3cr3t-token-value";
const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });

function setup(
  respond: FetchLike,
  options: CommonClientOptions & { idempotent?: boolean; token?: CredentialSource } = {},
) {
  const requests: Request[] = [];
  const events: AttemptEvent[] = [];
  const fetch: FetchLike = vi.fn(async (request: Request, init?: RequestInit) => {
    requests.push(request);
    return respond(request, init);
  });
  const vendor = createVendorClient(
    {
      vendor: "acme",
      baseUrl: "https://api.acme.test",
      auth: bearerAuth("token", options.token ?? SECRET),
      parseErrorBody: (body) => {
        const { code, message } = (body ?? {}) as { code?: string; message?: string };
        return { code, message };
      },
      requestIdHeaders: ["x-acme-request-id"],
    },
    {
      fetch,
      retryDelay: { initialDelayMs: 1, maxDelayMs: 5 },
      hooks: { onAttempt: (event) => events.push(event) },
      ...options,
    },
  );
  const update = (name: unknown, callOptions: CallOptions | null = {}) =>
    vendor.call(
      putThing(options.idempotent ?? true, {
        body: { type: "object", required: ["name"], properties: { name: { type: "string", minLength: 1 } } },
      }),
      {
        options: callOptions,
        input: () => ({ path: { id: "1" }, body: { name } }),
        read: (data) => data as { id: string; name: string },
      },
    );
  return { update, requests, events, fetch };
}

describe("createVendorClient", () => {
  it("sends the request with auth and returns the data", async () => {
    const { update, requests } = setup(async () => json(200, { id: "1", name: "n" }));
    const result = await update("n");
    expect(result.data).toEqual({ id: "1", name: "n" });
    expect(requests[0]?.headers.get("authorization")).toBe(`Bearer ${SECRET}`);
    expect(requests[0]?.url).toBe("https://api.acme.test/things/1");
  });

  it("refuses invalid input without sending", async () => {
    const { update, fetch } = setup(async () => json(200, {}));
    const { error } = await update("");
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect(error?.details).toEqual([
      { path: "/name", code: "minLength", message: "/name: must be at least 1 characters" },
    ]);
    expect(fetch).not.toHaveBeenCalled();
  });

  it("checks every input part in order and reports all their problems", async () => {
    const fetch = vi.fn<FetchLike>();
    const vendor = createVendorClient(
      {
        vendor: "acme",
        baseUrl: "https://api.acme.test",
        auth: bearerAuth("token", "t0ken-value"),
        parseErrorBody: () => ({}),
      },
      { fetch },
    );
    const schemas = {
      body: { type: "object", required: ["name"] },
      path: { type: "object", properties: { id: { type: "string", minLength: 1 } } },
    } as const;
    const { error } = await vendor.call(putThing(true, schemas), {
      input: () => ({ path: { id: "" }, body: {} as { name: unknown } }),
      read: (data) => data,
    });
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect(error?.details.map((detail) => [detail.path, detail.code])).toEqual([
      ["/path/id", "minLength"],
      ["/name", "required"],
    ]);
    expect(fetch).not.toHaveBeenCalled();
  });

  it("refuses a missing credential without sending", async () => {
    const { update, fetch } = setup(async () => json(200, {}), { token: "" });
    const { error } = await update("n");
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error?.code).toBe("missing_credential");
    expect(fetch).not.toHaveBeenCalled();
  });

  it("maps an error body through the vendor parser, with the request id", async () => {
    const { update } = setup(async () =>
      json(
        404,
        { code: "RECORD_NOT_FOUND", message: `no thing for Bearer ${SECRET}` },
        { "x-acme-request-id": "req-9" },
      ),
    );
    const { error } = await update("n");
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({
      vendor: "acme",
      operation: "updateThing",
      status: 404,
      code: "RECORD_NOT_FOUND",
      requestId: "req-9",
      retryable: false,
    });
    expect(JSON.stringify(error)).not.toContain(SECRET);
  });

  it("keeps a non-JSON error body as text", async () => {
    const { update } = setup(
      async () => new Response("<html>Bad gateway</html>", { status: 502, headers: { "content-type": "text/html" } }),
      { maxRetries: 0 },
    );
    const { error } = await update("n");
    expect(error).toBeInstanceOf(InternalServerError);
    expect(error?.body).toBe("<html>Bad gateway</html>");
    expect(error?.message).toBe("acme updateThing: HTTP 502");
  });

  it.each([
    ["a short text line, trimmed", "  Service unavailable \n", "acme updateThing: Service unavailable"],
    ["a long text, cut at 200 characters", "x".repeat(300), `acme updateThing: ${"x".repeat(200)}`],
    ["an HTML page, not shown", "<!doctype html><p>down</p>", "acme updateThing: HTTP 503"],
    ["a text echoing the token, redacted", `bad token ${SECRET}`, "acme updateThing: bad token [REDACTED]"],
  ])(
    "takes the message of an error body the vendor's parser does not read from its text: %s",
    async (_case, text, message) => {
      const { update } = setup(
        async () => new Response(text, { status: 503, headers: { "content-type": "text/plain" } }),
        { maxRetries: 0 },
      );
      const { error } = await update("n");
      expect(error?.message).toBe(message);
    },
  );

  it("reports a 2xx body that is not JSON as an invalid response", async () => {
    const { update } = setup(
      async () => new Response('{"id":', { status: 200, headers: { "content-type": "application/json" } }),
    );
    const { error } = await update("n");
    expect(error).toBeInstanceOf(InvalidResponseError);
  });

  it("retries 5xx for an idempotent operation, then succeeds", async () => {
    let calls = 0;
    const { update, events } = setup(async () => (++calls < 3 ? json(503, {}) : json(200, { id: "1", name: "n" })));
    const result = await update("n");
    expect(result.data).toEqual({ id: "1", name: "n" });
    expect(calls).toBe(3);
    expect(events.map((e) => [e.attempt, e.status])).toEqual([
      [1, 503],
      [2, 503],
      [3, 200],
    ]);
    expect(events[0]?.retryInMs).toBeGreaterThan(0);
  });

  it("resends the same body on every attempt", async () => {
    const bodies: string[] = [];
    let calls = 0;
    const { update } = setup(async (request) => {
      bodies.push(await request.text());
      return ++calls < 2 ? json(500, {}) : json(200, { id: "1", name: "n" });
    });
    await update("n");
    expect(bodies).toEqual(['{"name":"n"}', '{"name":"n"}']);
  });

  it("hands the global fetch the URL and the serialised body, and a custom fetch a Request; neither follows redirects", async () => {
    const calls: Array<[unknown, RequestInit | undefined]> = [];
    vi.stubGlobal("fetch", async (input: unknown, init?: RequestInit) => {
      calls.push([input, init]);
      return json(200, { id: "1", name: "n" });
    });
    try {
      const { update } = setup(async () => json(500, {}), { fetch: undefined, maxRetries: 0 });
      expect((await update("n")).data).toEqual({ id: "1", name: "n" });
    } finally {
      vi.unstubAllGlobals();
    }
    const [input, init] = calls[0]!;
    expect(input).toBe("https://api.acme.test/things/1");
    expect(init).toMatchObject({
      method: "PUT",
      body: '{"name":"n"}',
      redirect: "manual",
      signal: expect.any(AbortSignal),
    });

    const custom = setup(async () => json(200, { id: "1", name: "n" }));
    await custom.update("n");
    const [request, customInit] = vi.mocked(custom.fetch).mock.calls[0]!;
    expect(request.redirect).toBe("manual");
    expect(await request.text()).toBe('{"name":"n"}');
    expect(customInit).toEqual({ signal: expect.any(AbortSignal), redirect: "manual" });
  });

  it("does not retry a 5xx of a non-idempotent operation unless asked", async () => {
    const { update, fetch } = setup(async () => json(500, {}), { idempotent: false });
    expect((await update("n")).error).toBeInstanceOf(InternalServerError);
    expect(fetch).toHaveBeenCalledTimes(1);
    const again = setup(async () => json(500, {}), { idempotent: false });
    await again.update("n", { retryNonIdempotent: true });
    expect(again.fetch).toHaveBeenCalledTimes(3);
  });

  it("retries a 429 even when not idempotent, honouring Retry-After", async () => {
    let calls = 0;
    const { update, events } = setup(
      async () => (++calls === 1 ? json(429, {}, { "retry-after": "0" }) : json(200, { id: "1", name: "n" })),
      { idempotent: false },
    );
    expect((await update("n")).data).toBeDefined();
    expect(events[0]?.retryInMs).toBe(0);
  });

  it("gives up when Retry-After is longer than the cap", async () => {
    const { update, fetch } = setup(async () => json(429, {}, { "retry-after": "3600" }));
    const { error } = await update("n");
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error?.retryAfterSeconds).toBe(3600);
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it("stops after maxRetries, per client and per call", async () => {
    const client = setup(async () => json(503, {}), { maxRetries: 1 });
    await client.update("n");
    expect(client.fetch).toHaveBeenCalledTimes(2);
    const perCall = setup(async () => json(503, {}), { maxRetries: 5 });
    await perCall.update("n", { maxRetries: 0 });
    expect(perCall.fetch).toHaveBeenCalledTimes(1);
  });

  it("maps a refused connection to ConnectionError after retrying", async () => {
    const refused = Object.assign(new TypeError("fetch failed"), { cause: { code: "ECONNREFUSED" } });
    const { update, fetch } = setup(async () => Promise.reject(refused), { idempotent: false });
    const { error } = await update("n");
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error?.message).toContain("ECONNREFUSED");
    expect(fetch).toHaveBeenCalledTimes(3);
  });

  it("times out each attempt with a fresh signal", async () => {
    const hang: FetchLike = (_request, init) =>
      new Promise((_resolve, reject) => init?.signal?.addEventListener("abort", () => reject(init.signal?.reason)));
    const { update, fetch } = setup(hang, { timeoutMs: 20, maxRetries: 1 });
    const { error } = await update("n");
    expect(error).toBeInstanceOf(TimeoutError);
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it("stops at once when the caller aborts", async () => {
    const hang: FetchLike = (_request, init) =>
      new Promise((_resolve, reject) => init?.signal?.addEventListener("abort", () => reject(init.signal?.reason)));
    const { update, fetch } = setup(hang, { timeoutMs: 10_000 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 10);
    const { error } = await update("n", { signal: controller.signal });
    expect(error).toBeInstanceOf(AbortedError);
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it("leaves no timer and no listener on the caller's signal once a call is over", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    try {
      const controller = new AbortController();
      let calls = 0;
      const { update } = setup(async () =>
        ++calls === 1 ? json(429, {}, { "retry-after": "0" }) : json(200, { id: "1", name: "n" }),
      );
      const pending = update("n", { signal: controller.signal });
      await vi.runAllTimersAsync();
      expect((await pending).data).toBeDefined();
      expect(calls).toBe(2);
      expect(vi.getTimerCount()).toBe(0);
      expect(getEventListeners(controller.signal, "abort")).toHaveLength(0);
    } finally {
      vi.useRealTimers();
    }
  });

  it("passes hooks only redacted data", async () => {
    const { update, events } = setup(async () => json(200, { id: "1", name: "n" }));
    await update("n");
    expect(JSON.stringify(events)).not.toContain(SECRET);
    expect(events[0]).toMatchObject({
      vendor: "acme",
      operation: "updateThing",
      attempt: 1,
      method: "PUT",
      status: 200,
    });
  });
});
