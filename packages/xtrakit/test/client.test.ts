// Unit tests with an injected fetch: what goes on the wire and how bodies are read.
import { inspect } from "node:util";
import {
  AuthenticationError,
  BadRequestError,
  InternalServerError,
  InvalidRequestError,
  InvalidResponseError,
  NotFoundError,
  UnprocessableEntityError,
} from "@customer-clients/core";
import { fakeFetch } from "@customer-clients/test-utils";
import { describe, expect, it } from "vitest";
import {
  XTRAKIT_APP_BASE_URL,
  XTRAKIT_BASE_URL,
  createXtrakitClient,
  parseErrorBody,
  type UpdateCustomerResponse,
} from "../src/index.js";
import { jane, without } from "./fixtures.js";

const apiKey = "xk_live_5f2c9a7e1b";

const success: UpdateCustomerResponse = {
  status: 200,
  message: "Customer updated successfully",
  data: {
    customer: { id: 7, ...jane, created_at: "2024-08-04 08:23:45", updated_at: "2024-08-04 02:00:43" },
    "customer-group": [{ id: 1, group_name: "Premium Customers" }],
  },
};

function clientAnswering(
  respond: (request: Request) => Response,
  options: { baseUrl?: string; maxRetries?: number; apiKey?: string | (() => string) } = {},
) {
  const fetch = fakeFetch(respond);
  const client = createXtrakitClient({
    apiKey,
    maxRetries: 0,
    retryDelay: { initialDelayMs: 1, maxDelayMs: 1 },
    ...options,
    fetch,
  });
  return { client, requests: fetch.requests };
}

describe("createXtrakitClient", () => {
  it("puts the whole customer to the page's host with the API key as a bearer token", async () => {
    const { client, requests } = clientAnswering(() => Response.json(success));
    await client.updateCustomer("7", jane);
    const [request] = requests;
    expect(request?.method).toBe("PUT");
    expect(request?.url).toBe(`${XTRAKIT_BASE_URL}/api/v1/customers/7`);
    expect(request?.headers.get("authorization")).toBe(`Bearer ${apiKey}`);
    expect(request?.headers.get("content-type")).toBe("application/json");
    expect(await request?.json()).toEqual(jane);
  });

  it("uses another host when asked, and encodes the id as one path segment", async () => {
    const { client, requests } = clientAnswering(() => Response.json(success), { baseUrl: XTRAKIT_APP_BASE_URL });
    await client.updateCustomer("a/b c", jane);
    expect(requests[0]?.url).toBe("https://app.xtrakit.com/api/v1/customers/a%2Fb%20c");
  });

  it("reads the key from a function on every call", async () => {
    let issued = 0;
    const { client, requests } = clientAnswering(() => Response.json(success), { apiKey: () => `key-${++issued}` });
    await client.updateCustomer("7", jane);
    await client.updateCustomer("7", jane);
    expect(requests.map((request) => request.headers.get("authorization"))).toEqual(["Bearer key-1", "Bearer key-2"]);
  });

  it("returns the stored customer, the groups and the message", async () => {
    const { client } = clientAnswering(() => Response.json(success));
    const { data } = await client.updateCustomer("7", jane);
    expect(data).toEqual({
      customer: success.data.customer,
      customerGroups: success.data["customer-group"],
      message: "Customer updated successfully",
    });
  });

  it("returns an empty group list when the server leaves it out", async () => {
    const { client } = clientAnswering(() =>
      Response.json({ status: 200, message: "ok", data: { customer: success.data.customer } }),
    );
    expect((await client.updateCustomer("7", jane)).data?.customerGroups).toEqual([]);
  });

  it.each([
    ["no data.customer", () => Response.json({ status: 200, message: "ok", data: {} })],
    ["an HTML page", () => new Response("<html>maintenance</html>", { headers: { "content-type": "text/html" } })],
  ])("treats a success with %s as an invalid response", async (_name, respond) => {
    const { client } = clientAnswering(respond);
    const { error } = await client.updateCustomer("7", jane);
    expect(error).toBeInstanceOf(InvalidResponseError);
  });

  it("treats a 200 whose body says 401 as an authentication error", async () => {
    const { client } = clientAnswering(() => Response.json({ status: 401, error: "Unauthorized: Invalid API Key" }));
    const { error } = await client.updateCustomer("7", jane);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({ status: 401, code: "invalid_api_key" });
    expect(error?.message).toBe("xtrakit updateCustomer: Unauthorized: Invalid API Key");
  });

  it("validates the body against the spec before sending", async () => {
    const { client, requests } = clientAnswering(() => Response.json(success));
    const broken = {
      ...without(jane, "customer_phone"),
      customer_group_id: 1.5,
      customer_zip: 233,
    } as unknown as typeof jane;
    const { error } = await client.updateCustomer("7", broken);
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect(error?.details.map((detail) => [detail.path, detail.code])).toEqual([
      ["/customer_phone", "required"],
      ["/customer_group_id", "type"],
      ["/customer_zip", "type"],
    ]);
    expect(error?.message).toMatch(/^xtrakit updateCustomer: invalid request, nothing was sent: /);
    expect(requests).toHaveLength(0);
  });

  it.each(["", ".", ".."])("refuses the id %j, reporting body problems too, without sending", async (id) => {
    const { client, requests } = clientAnswering(() => Response.json(success));
    const { error } = await client.updateCustomer(id, without(jane, "created_by"));
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect(error?.details.map((detail) => detail.path)).toEqual(["/path/id", "/created_by"]);
    expect(requests).toHaveLength(0);
  });

  it("retries a 503, since a replacing PUT is idempotent", async () => {
    let calls = 0;
    const { client, requests } = clientAnswering(
      () => (++calls === 1 ? Response.json({ status: 503, error: "busy" }, { status: 503 }) : Response.json(success)),
      { maxRetries: 2 },
    );
    const { data, error } = await client.updateCustomer("7", jane);
    expect(error).toBeUndefined();
    expect(data?.customer.id).toBe(7);
    expect(requests).toHaveLength(2);
  });

  it.each([
    [
      "the documented missing-key body",
      () => Response.json({ status: 401, error: "Unauthorized: Missing Bearer Token" }, { status: 401 }),
      AuthenticationError,
      "missing_bearer_token",
      "xtrakit updateCustomer: Unauthorized: Missing Bearer Token",
    ],
    [
      "the documented invalid-key body",
      () => Response.json({ status: 401, error: "Unauthorized: Invalid API Key" }, { status: 401 }),
      AuthenticationError,
      "invalid_api_key",
      "xtrakit updateCustomer: Unauthorized: Invalid API Key",
    ],
    [
      "a plain-text 404",
      () => new Response("Customer not found", { status: 404 }),
      NotFoundError,
      undefined,
      "xtrakit updateCustomer: Customer not found",
    ],
    [
      "a 400 with a code",
      () => Response.json({ status: 400, error: "Bad input", code: "E_INPUT" }, { status: 400 }),
      BadRequestError,
      "E_INPUT",
      "xtrakit updateCustomer: Bad input",
    ],
    [
      "an HTML 502",
      () => new Response("<html><body>502</body></html>", { status: 502, statusText: "Bad Gateway" }),
      InternalServerError,
      undefined,
      "xtrakit updateCustomer: HTTP 502 Bad Gateway",
    ],
  ])("normalises %s", async (_name, respond, cls, code, message) => {
    const { client } = clientAnswering(respond);
    const { error } = await client.updateCustomer("7", jane);
    expect(error).toBeInstanceOf(cls);
    expect(error?.code).toBe(code);
    expect(error?.message).toBe(message);
  });

  it("keeps per-field details and the request id of a validation error", async () => {
    const { client } = clientAnswering(() =>
      Response.json(
        {
          message: "The customer name field is required.",
          errors: { customer_name: ["The customer name field is required."], customer_email: "Invalid email." },
        },
        { status: 422, headers: { "x-request-id": "req-123" } },
      ),
    );
    const { error } = await client.updateCustomer("7", jane);
    expect(error).toBeInstanceOf(UnprocessableEntityError);
    expect(error).toMatchObject({ status: 422, requestId: "req-123", retryable: false });
    expect(error?.details).toEqual([
      { path: "/customer_name", message: "The customer name field is required." },
      { path: "/customer_email", message: "Invalid email." },
    ]);
  });

  it("never shows the API key in an error, even when the server echoes it", async () => {
    const { client } = clientAnswering(() =>
      Response.json(
        { status: 401, error: `Unauthorized: Invalid API Key ${apiKey}`, errors: { key: [apiKey] } },
        { status: 401 },
      ),
    );
    const { error } = await client.updateCustomer("7", jane);
    expect(error).toBeInstanceOf(AuthenticationError);
    for (const shown of [JSON.stringify(error), error?.message, inspect(error, { depth: 10 })]) {
      expect(shown).not.toContain(apiKey);
    }
    expect(error?.message).toBe("xtrakit updateCustomer: Unauthorized: Invalid API Key [REDACTED]");
  });
});

describe("parseErrorBody", () => {
  it.each([
    [
      { status: 401, error: "Unauthorized: Invalid API Key" },
      { message: "Unauthorized: Invalid API Key", code: "invalid_api_key" },
    ],
    [
      { status: 500, error: "Something broke" },
      { message: "Something broke", code: undefined },
    ],
    [
      { message: "Nope", errors: { "a/b": ["bad"] } },
      { message: "Nope", details: [{ path: "/a~1b", message: "bad" }] },
    ],
    ["  Too many requests \n", {}],
    ["<!doctype html><p>down</p>", {}],
    [null, {}],
    [["not", "an", "object"], {}],
  ])("reads %j", (body, parsed) => {
    expect(parseErrorBody(body)).toEqual(parsed);
  });
});
