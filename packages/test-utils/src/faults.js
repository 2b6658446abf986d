// Fault injection against a real HTTP server on loopback: every vendor client must turn each
// failure into the right error class, with nothing unhandled and no secret in any output.
import { createServer } from "node:http";
import { inspect } from "node:util";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  AbortedError,
  AuthenticationError,
  ConnectionError,
  CustomerApiError,
  InternalServerError,
  InvalidRequestError,
  InvalidResponseError,
  RateLimitError,
  TimeoutError,
  createRateLimiter,
} from "@customer-clients/core";
import { freePort } from "./index.js";

/**
 * A fault case's `success` from a vendor's generated examples (`operations.<name>` of
 * `src/generated/examples.ts`): the media type and first example of its `status` response.
 * @param {{ responses: Record<string, { contentType: string; examples: Record<string, unknown> }> }} operation
 * @param {string} [status]
 */
export function documentedSuccess(operation, status = "200") {
  const { contentType, examples } = operation.responses[status];
  const [example] = Object.values(examples);
  return { contentType, body: typeof example === "string" ? example : JSON.stringify(example) };
}

/**
 * @param {import("./faults.js").FaultCase} fault
 */
export function describeFaults(fault) {
  const { vendor, idempotent, success, secrets } = fault;
  /** @type {(req: import("node:http").IncomingMessage, res: import("node:http").ServerResponse) => void} */
  let handler = () => {};
  let requests = 0;
  /** @type {unknown[]} */
  let events = [];
  const sockets = new Set();
  const server = createServer((req, res) => {
    requests++;
    let body = "";
    req.on("data", (chunk) => (body += chunk));
    req.on("end", () => handler(Object.assign(req, { body }), res));
  });
  // Another origin, where nothing may ever arrive: redirects point here.
  /** @type {Array<{ url: string | undefined; headers: import("node:http").IncomingHttpHeaders; body: string }>} */
  const stolen = [];
  const elsewhere = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => (body += chunk));
    req.on("end", () => {
      stolen.push({ url: req.url, headers: req.headers, body });
      res.writeHead(200, { "content-type": success.contentType });
      res.end(success.body);
    });
  });
  let elsewhereUrl = "";
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  let baseUrl = "";

  beforeAll(async () => {
    await new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(undefined)));
    baseUrl = `http://127.0.0.1:${/** @type {import("node:net").AddressInfo} */ (server.address()).port}`;
    // "localhost" is another origin than 127.0.0.1, though the same machine.
    await new Promise((resolve) => elsewhere.listen(0, "127.0.0.1", () => resolve(undefined)));
    elsewhereUrl = `http://localhost:${/** @type {import("node:net").AddressInfo} */ (elsewhere.address()).port}`;
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    elsewhere.closeAllConnections();
    await new Promise((resolve) => server.close(() => resolve(undefined)));
    await new Promise((resolve) => elsewhere.close(() => resolve(undefined)));
  });
  beforeEach(() => {
    requests = 0;
    events = [];
    stolen.length = 0;
  });

  /** A client of the hostile server that records its attempts in `events`. */
  const clientOf =
    (create, maxRetries) =>
    (overrides = {}) =>
      create({
        baseUrl,
        timeoutMs: 2_000,
        maxRetries,
        retryDelay: { initialDelayMs: 1, maxDelayMs: 5 },
        maxResponseBytes: 64 * 1024,
        hooks: { onAttempt: (event) => events.push(event) },
        ...overrides,
      });
  const client = clientOf(fault.createClient, 2);

  /** Checks what every failure must satisfy: the class, the vendor, no secret (nor its start) in any output. */
  function expectFailure(result, errorClass, shownSecrets = secrets) {
    expect(result.data).toBeUndefined();
    expect(result.error).toBeInstanceOf(errorClass);
    expect(result.error).toMatchObject({ vendor });
    const { error } = result;
    const outputs = [
      error.message,
      JSON.stringify(error),
      inspect(error, { depth: 10 }),
      String(error.stack),
      String(error.requestId),
      JSON.stringify(events),
    ];
    for (let cause = error.cause, depth = 0; cause && depth < 6; cause = cause.cause, depth++)
      outputs.push(String(cause.message), String(cause.stack));
    for (const output of outputs) for (const secret of shownSecrets) expect(output).not.toContain(secret.slice(0, 12));
    return error;
  }

  /** Runs one call and checks what every failure must satisfy. */
  async function failWith(errorClass, overrides) {
    return expectFailure(await fault.call(client(overrides)), errorClass);
  }

  const reply =
    (status, body, headers = {}) =>
    (_req, res) => {
      res.writeHead(status, { "content-type": success.contentType, ...headers });
      res.end(body);
    };

  describe(`${vendor} client under fault injection`, () => {
    it("maps a refused connection to ConnectionError", async () => {
      const closedPort = await freePort();
      await failWith(ConnectionError, { baseUrl: `http://127.0.0.1:${closedPort}` });
    });

    it("maps a connection reset in the middle of the body to ConnectionError", async () => {
      handler = (_req, res) => {
        res.writeHead(200, {
          "content-type": success.contentType,
          "content-length": String(success.body.length + 100),
        });
        res.write(success.body.slice(0, 5));
        setTimeout(() => res.socket?.destroy(), 20);
      };
      await failWith(ConnectionError, { maxRetries: 0 });
    });

    it("maps a response slower than the timeout to TimeoutError", async () => {
      handler = (req, res) => setTimeout(() => reply(200, success.body)(req, res), 500).unref();
      await failWith(TimeoutError, { timeoutMs: 100, maxRetries: 0 });
    });

    it("maps a body that stalls past the timeout to TimeoutError", async () => {
      handler = (_req, res) => {
        res.writeHead(200, { "content-type": success.contentType });
        res.write(success.body.slice(0, 3));
      };
      await failWith(TimeoutError, { timeoutMs: 150, maxRetries: 0 });
    });

    // Retry-After counts whole seconds: rather than wait one, the suite reads the delay the client
    // reports it will wait (onAttempt's retryInMs), checks that nothing is sent meanwhile, and
    // proves the retry with a Retry-After of 0.
    it("waits the Retry-After of a 429 before the next attempt, sending nothing meanwhile", async () => {
      handler = reply(429, "", { "retry-after": "1" });
      const controller = new AbortController();
      const onAttempt = (event) => {
        events.push(event);
        if (event.retryInMs !== undefined) setTimeout(() => controller.abort(), 50);
      };
      expectFailure(await fault.call(client({ hooks: { onAttempt } }), { signal: controller.signal }), AbortedError);
      expect(events.map((event) => event.retryInMs)).toEqual([1000]);
      expect(requests).toBe(1);
    });

    it("retries a 429 with Retry-After: 0 and then succeeds", async () => {
      handler = (req, res) =>
        (requests === 1 ? reply(429, "", { "retry-after": "0" }) : reply(200, success.body))(req, res);
      const result = await fault.call(client());
      expect(result.error).toBeUndefined();
      expect(requests).toBe(2);
      expect(events.map((event) => event.retryInMs)).toEqual([0, undefined]);
    });

    it("retries 429 without Retry-After with backoff, then returns RateLimitError", async () => {
      handler = reply(429, "");
      // The vendor's own limiter pauses 1 s, then 2 s, after each 429 (core's limiter tests cover that); this one pauses 1 ms.
      const error = await failWith(RateLimitError, {
        rateLimiter: createRateLimiter({ backoff: { initialMs: 1, maxMs: 1 } }),
      });
      expect(error.status).toBe(429);
      expect(requests).toBe(3);
      const delays = events.map((event) => event.retryInMs).filter((delay) => delay !== undefined);
      expect(delays).toHaveLength(2);
      for (const delay of delays) expect(delay).toBeLessThanOrEqual(5);
    });

    it.each([500, 502, 503, 504])(
      `maps %i to InternalServerError, retried only if the operation is idempotent (${idempotent})`,
      async (status) => {
        handler = reply(status, "");
        const error = await failWith(InternalServerError);
        expect(error.status).toBe(status);
        expect(requests).toBe(idempotent ? 3 : 1);
      },
    );

    it("keeps an HTML error page out of the message", async () => {
      handler = (_req, res) => {
        res.writeHead(502, { "content-type": "text/html" });
        res.end("<html><head><title>502 Bad Gateway</title></head><body><h1>nginx</h1></body></html>");
      };
      const error = await failWith(InternalServerError, { maxRetries: 0 });
      expect(error.message).not.toContain("<html");
    });

    it("maps a truncated success body to InvalidResponseError", async () => {
      handler = reply(200, success.body.slice(0, Math.floor(success.body.length / 2)));
      await failWith(InvalidResponseError);
    });

    it("maps an empty success body to InvalidResponseError", async () => {
      handler = reply(200, "");
      await failWith(InvalidResponseError);
    });

    it("handles a success body with the wrong content type", async () => {
      handler = reply(200, success.body, { "content-type": "text/html" });
      if (fault.acceptsAnyContentType) expect((await fault.call(client())).error).toBeUndefined();
      else await failWith(InvalidResponseError);
    });

    it.each([
      ["declared in Content-Length", true],
      ["streamed without a length", false],
    ])("refuses an oversized body %s", async (_name, declared) => {
      handler = (_req, res) => {
        const chunk = Buffer.alloc(16 * 1024, 32);
        res.writeHead(200, {
          "content-type": success.contentType,
          ...(declared ? { "content-length": String(chunk.length * 64) } : {}),
        });
        for (let i = 0; i < 64; i++) res.write(chunk);
        res.end();
      };
      await failWith(InvalidResponseError, { maxRetries: 0 });
    });
  });

  describe(`${vendor} client against a hostile server`, () => {
    it.each([301, 302, 303, 307, 308])("refuses a %i to another origin and sends nothing there", async (status) => {
      handler = (req, res) => {
        res.writeHead(status, {
          location: `${elsewhereUrl}/steal?auth=${encodeURIComponent(String(req.headers.authorization))}`,
        });
        res.end();
      };
      const error = await failWith(InvalidResponseError);
      expect(error).toMatchObject({ code: "redirect", status, retryable: false });
      expect(requests).toBe(1);
      expect(stolen).toEqual([]);
    });

    it("refuses a redirect on the same origin too", async () => {
      handler = (_req, res) => {
        res.writeHead(307, { location: "/elsewhere" });
        res.end();
      };
      expect(await failWith(InvalidResponseError)).toMatchObject({ code: "redirect" });
      expect(requests).toBe(1);
    });

    it("keeps credentials echoed in the body, the headers and the request id out of every output", async () => {
      handler = (req, res) => {
        const echo = Object.values(req.headers).join(" | ");
        const header = echo.replace(/[^\t\x20-\x7e]/g, "");
        res.writeHead(400, {
          "content-type": "application/json",
          "x-request-id": header,
          "x-cap-requestid": header,
          "x-correlation-id": header,
        });
        res.end(
          JSON.stringify({
            message: `refused ${echo}`,
            error: `refused ${echo}`,
            errors: [{ message: echo, detail: echo, title: echo, code: echo }],
            response: { status: { success: false, code: 400, message: echo } },
            status: 400,
          }),
        );
      };
      await failWith(CustomerApiError);
    });

    it("redacts a credential before cutting text to a short message", async () => {
      handler = (req, res) => {
        const echo = Object.values(req.headers).join(" ");
        res.writeHead(400, { "content-type": "text/plain" });
        res.end(`${"x".repeat(190)} ${echo} ${"y".repeat(300)}`);
      };
      await failWith(CustomerApiError);
    });

    it.each([200, 500])("counts the decoded bytes of a compressed %i body against the limit", async (status) => {
      const inflated = Buffer.alloc(2 * 1024 * 1024, 32);
      handler = (_req, res) => {
        res.writeHead(status, { "content-type": success.contentType, "content-encoding": "gzip" });
        res.end(gzipSync(inflated));
      };
      const error = await failWith(InvalidResponseError, { maxRetries: 0 });
      expect(error.code).toBe("response_too_large");
      expect(JSON.stringify(error).length).toBeLessThan(64 * 1024);
    });

    it("survives an error body nested 100 000 levels deep", async () => {
      handler = (_req, res) => {
        res.writeHead(400, { "content-type": "application/json" });
        res.end(`${"[".repeat(100_000)}${"]".repeat(100_000)}`);
      };
      const error = await failWith(CustomerApiError, { maxResponseBytes: 1024 * 1024 });
      expect(() => JSON.stringify(error)).not.toThrow();
    });

    it("refuses a status outside 200-599 as an invalid response", async () => {
      handler = (_req, res) => {
        res.writeHead(600, { "content-type": success.contentType });
        res.end(success.body);
      };
      expect(await failWith(InvalidResponseError)).toMatchObject({ code: "invalid_status", status: 600 });
    });

    it("says retryable only where core's rule retries", async () => {
      handler = reply(503, "");
      const error = await failWith(InternalServerError, { maxRetries: 0 });
      expect(error.retryable).toBe(idempotent);
    });

    it("times out a credential that never resolves, sending nothing", async () => {
      const error = expectFailure(
        await fault.call(
          fault.createClientWithCredential({ baseUrl, timeoutMs: 100, maxRetries: 0 }, () => new Promise(() => {})),
        ),
        TimeoutError,
      );
      expect(error.code).toBe("credential_timeout");
      expect(requests).toBe(0);
    });

    it("stops waiting for a credential when the caller aborts", async () => {
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 30);
      const result = await fault.call(
        fault.createClientWithCredential({ baseUrl, timeoutMs: 10_000 }, () => new Promise(() => {})),
        { signal: controller.signal },
      );
      expectFailure(result, AbortedError);
      expect(requests).toBe(0);
    });

    it("names a credential function that throws, and shows nothing of what it threw", async () => {
      const leaked = "thrown-credential-detail-0000";
      const result = await fault.call(
        fault.createClientWithCredential({ baseUrl }, () => {
          throw new Error(`vault said ${leaked}`);
        }),
      );
      expect(expectFailure(result, AuthenticationError).code).toBe("credential_failed");
      expect(requests).toBe(0);
    });

    // Basic auth sends credentials base64-encoded: any value makes a valid header.
    it.skipIf(fault.encodesCredential)(
      "refuses a credential that is not a valid header value without quoting it",
      async () => {
        const bad = "line-one-secret\r\nX-Injected: 1";
        const result = await fault.call(fault.createClientWithCredential({ baseUrl }, bad));
        expect(expectFailure(result, AuthenticationError, [...secrets, bad]).code).toBe("invalid_credential");
        expect(requests).toBe(0);
      },
    );

    const throwingProxy = () =>
      new Proxy(
        {},
        {
          ownKeys() {
            throw new Error("trap");
          },
          getPrototypeOf() {
            throw new Error("trap");
          },
        },
      );
    const selfContaining = () => {
      const loop = { a: 1 };
      loop.self = loop;
      return loop;
    };
    if (!fault.closedInput) {
      it("sends a property named __proto__ as data, setting no prototype", async () => {
        handler = reply(200, success.body);
        expect((await fault.callWithField(client(), "__proto__", { polluted: true })).error).toBeUndefined();
        expect(requests).toBe(1);
        expect(Object.prototype).not.toHaveProperty("polluted");
      });
    }

    it("takes null call options as none", async () => {
      handler = reply(200, success.body);
      expect((await fault.call(client(), null)).error).toBeUndefined();
    });

    it.each([
      [
        "call options with a throwing getter",
        () =>
          fault.call(client(), {
            get timeoutMs() {
              throw new Error("getter");
            },
          }),
      ],
      ["a BigInt", () => fault.callWithField(client(), "note", 10n)],
      ["a value that contains itself", () => fault.callWithField(client(), "note", selfContaining())],
      [
        "a throwing getter",
        () =>
          fault.callWithField(client(), "note", {
            get boom() {
              throw new Error("getter");
            },
          }),
      ],
      ["a Proxy whose traps throw", () => fault.callWithField(client(), "note", throwingProxy())],
      ["NaN", () => fault.callWithField(client(), "note", Number.NaN)],
      ["a Date", () => fault.callWithField(client(), "note", new Date(0))],
      ...(fault.closedInput
        ? [
            ["a property named constructor", () => fault.callWithField(client(), "constructor", "x")],
            ["a property named __proto__", () => fault.callWithField(client(), "__proto__", { polluted: true })],
          ]
        : []),
      ...(fault.callWithId
        ? [".", "..", ""].map((id) => [`the path id ${JSON.stringify(id)}`, () => fault.callWithId(client(), id)])
        : []),
      ...(fault.callWithHeader
        ? [["CR LF in a header", () => fault.callWithHeader(client(), "abc\r\nX-Injected: 1")]]
        : []),
    ])("refuses %s as invalid input and sends nothing", async (_name, run) => {
      const result = await run();
      const error = expectFailure(result, InvalidRequestError);
      expect(error.message).toMatch(/nothing was sent/);
      expect(requests).toBe(0);
      expect(Object.prototype).not.toHaveProperty("polluted");
    });
  });

  const { oauth } = fault;
  if (!oauth) return;
  describe(`${vendor} token exchange against a hostile server`, () => {
    const oauthClient = clientOf(oauth.createClient, 1);
    const allSecrets = [...secrets, ...oauth.secrets];
    const onToken = (answer) => (req, res) =>
      req.url?.startsWith(oauth.tokenPath) ? answer(req, res) : reply(200, success.body)(req, res);

    it.each([302, 307, 308])("does not follow a %i from the token endpoint", async (status) => {
      handler = onToken((_req, res) => {
        res.writeHead(status, { location: `${elsewhereUrl}/token` });
        res.end();
      });
      const error = expectFailure(await fault.call(oauthClient()), InvalidResponseError, allSecrets);
      expect(error.code).toBe("redirect");
      expect(stolen).toEqual([]);
    });

    it("counts a compressed token response's decoded bytes against the limit", async () => {
      handler = onToken((_req, res) => {
        res.writeHead(200, { "content-type": "application/json", "content-encoding": "gzip" });
        res.end(gzipSync(Buffer.from(JSON.stringify({ access_token: "a".repeat(2 * 1024 * 1024), expires_in: 60 }))));
      });
      expect(expectFailure(await fault.call(oauthClient()), InvalidResponseError, allSecrets).code).toBe(
        "response_too_large",
      );
    });

    it("keeps the client secret out of an error that echoes the token request", async () => {
      handler = (req, res) => {
        const echo = `${req.body} ${Object.values(req.headers).join(" ")}`;
        res.writeHead(401, { "content-type": "application/json", "x-request-id": echo.replace(/[^\x20-\x7e]/g, "") });
        res.end(
          JSON.stringify({
            error: "invalid_client",
            error_description: `bad ${echo}`,
            errors: [{ message: `bad ${echo}`, detail: echo }],
          }),
        );
      };
      expectFailure(await fault.call(oauthClient()), AuthenticationError, allSecrets);
    });

    it("stops waiting for a hanging token endpoint when the caller aborts", async () => {
      handler = onToken(() => {});
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 50);
      const started = Date.now();
      expectFailure(
        await fault.call(oauthClient({ timeoutMs: 10_000 }), { signal: controller.signal }),
        AbortedError,
        allSecrets,
      );
      expect(Date.now() - started).toBeLessThan(5_000);
    });

    it("times out a hanging token endpoint", async () => {
      handler = onToken(() => {});
      expectFailure(await fault.call(oauthClient({ timeoutMs: 100, maxRetries: 0 })), TimeoutError, allSecrets);
    });
  });
}
