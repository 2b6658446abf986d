// The transport against a node:http server on loopback: what goes on the wire, what comes back,
// and failures reported the way fetch reports them.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { freePort } from "@customer-clients/test-utils";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUndiciFetch } from "../src/index.js";

let handler: (req: IncomingMessage, res: ServerResponse, body: string) => void = () => {};
const server = createServer((req, res) => {
  let body = "";
  req.on("data", (chunk) => (body += chunk));
  req.on("end", () => handler(req, res, body));
});
const fetch = createUndiciFetch();
let baseUrl = "";

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await fetch.close();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe("createUndiciFetch", () => {
  it("sends the method, headers and body, and returns status, headers and body", async () => {
    let seen: { method?: string; auth?: string; type?: string; body?: string } = {};
    handler = (req, res, body) => {
      seen = { method: req.method, auth: req.headers.authorization, type: req.headers["content-type"], body };
      res.writeHead(201, { "content-type": "application/json", "x-request-id": "req-1" }).end('{"ok":true}');
    };
    const request = new Request(`${baseUrl}/things?x=1`, {
      method: "PUT",
      headers: { Authorization: "Bearer t", "Content-Type": "application/json" },
      body: '{"a":1}',
    });
    const response = await fetch(request);
    expect(seen).toEqual({ method: "PUT", auth: "Bearer t", type: "application/json", body: '{"a":1}' });
    expect(response.status).toBe(201);
    expect(response.statusText).toBe("Created");
    expect(response.headers.get("x-request-id")).toBe("req-1");
    expect(await response.json()).toEqual({ ok: true });
  });

  it("prefers a body given in init, as fetch does", async () => {
    handler = (_req, res, body) => res.end(body);
    const response = await fetch(new Request(baseUrl, { method: "POST", body: "from the request" }), {
      body: "from init",
    });
    expect(await response.text()).toBe("from init");
  });

  it("returns no body for a 204", async () => {
    handler = (_req, res) => res.writeHead(204).end();
    const response = await fetch(new Request(baseUrl));
    expect(response.status).toBe(204);
    expect(response.body).toBeNull();
  });

  it("rejects a refused connection with a TypeError carrying the socket error", async () => {
    const closed = await freePort();
    const error = await fetch(new Request(`http://127.0.0.1:${closed}/`)).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(TypeError);
    expect((error as { cause?: { code?: string } }).cause?.code).toBe("ECONNREFUSED");
  });

  it("rejects with the signal's reason when it fires before the response", async () => {
    handler = () => {};
    const controller = new AbortController();
    setTimeout(() => controller.abort(new DOMException("too slow", "TimeoutError")), 50);
    const error = await fetch(new Request(baseUrl), { signal: controller.signal }).catch((thrown: unknown) => thrown);
    expect(error).toMatchObject({ name: "TimeoutError", message: "too slow" });
  });

  it("fails the body with a TypeError when the connection drops mid-body", async () => {
    handler = (_req, res) => {
      res.writeHead(200, { "content-length": "100" });
      res.write("partial");
      setTimeout(() => res.socket?.destroy(), 20);
    };
    const response = await fetch(new Request(baseUrl));
    await expect(response.text()).rejects.toBeInstanceOf(TypeError);
  });
});
