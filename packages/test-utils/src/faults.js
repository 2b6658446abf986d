// Fault injection against a real HTTP server on loopback: every vendor client must turn each
// failure into the right error class, with nothing unhandled and no secret in any output.
import { createServer } from "node:http";
import { inspect } from "node:util";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ConnectionError, InternalServerError, InvalidResponseError, RateLimitError, TimeoutError } from "@customer-clients/core";
import { freePort } from "./index.js";

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
    req.resume();
    req.on("end", () => handler(req, res));
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  let baseUrl = "";

  beforeAll(async () => {
    await new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(undefined)));
    baseUrl = `http://127.0.0.1:${/** @type {import("node:net").AddressInfo} */ (server.address()).port}`;
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => server.close(() => resolve(undefined)));
  });
  beforeEach(() => {
    requests = 0;
    events = [];
  });

  const client = (overrides = {}) =>
    fault.createClient({
      baseUrl,
      timeoutMs: 2_000,
      maxRetries: 2,
      retryDelay: { initialDelayMs: 1, maxDelayMs: 5 },
      maxResponseBytes: 64 * 1024,
      hooks: { onAttempt: (event) => events.push(event) },
      ...overrides,
    });

  /** Runs one call and checks what every failure must satisfy. */
  async function failWith(errorClass, overrides) {
    const result = await fault.call(client(overrides));
    expect(result.data).toBeUndefined();
    expect(result.error).toBeInstanceOf(errorClass);
    expect(result.error).toMatchObject({ vendor });
    const outputs = [result.error.message, JSON.stringify(result.error), inspect(result.error, { depth: 10 }), String(result.error.stack), JSON.stringify(events)];
    for (const output of outputs) for (const secret of secrets) expect(output).not.toContain(secret);
    return result.error;
  }

  const reply = (status, body, headers = {}) => (_req, res) => {
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
        res.writeHead(200, { "content-type": success.contentType, "content-length": String(success.body.length + 100) });
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

    it("waits for Retry-After on 429 and then succeeds", async () => {
      handler = (req, res) => (requests === 1 ? reply(429, "", { "retry-after": "1" }) : reply(200, success.body))(req, res);
      const started = Date.now();
      const result = await fault.call(client());
      expect(result.error).toBeUndefined();
      expect(requests).toBe(2);
      expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    });

    it("retries 429 without Retry-After with backoff, then returns RateLimitError", async () => {
      handler = reply(429, "");
      const error = await failWith(RateLimitError);
      expect(error.status).toBe(429);
      expect(requests).toBe(3);
    });

    it.each([500, 502, 503, 504])(`maps %i to InternalServerError, retried only if the operation is idempotent (${idempotent})`, async (status) => {
      handler = reply(status, "");
      const error = await failWith(InternalServerError);
      expect(error.status).toBe(status);
      expect(requests).toBe(idempotent ? 3 : 1);
    });

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
        res.writeHead(200, { "content-type": success.contentType, ...(declared ? { "content-length": String(chunk.length * 64) } : {}) });
        for (let i = 0; i < 64; i++) res.write(chunk);
        res.end();
      };
      await failWith(InvalidResponseError, { maxRetries: 0 });
    });
  });
}
