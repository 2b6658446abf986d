// Unit tests with an injected fetch: what goes on the wire and how bodies are read.
import {
  AuthenticationError,
  InternalServerError,
  InvalidRequestError,
  InvalidResponseError,
} from "@customer-clients/core";
import { fakeFetch } from "@customer-clients/test-utils";
import { describe, expect, it } from "vitest";
import { createExperienceClient, EXPERIENCE_BASE_URL, type Customer } from "../src/index.js";

const tokens = { partnerToken: "partner-tok-1", hotelToken: "hotel-tok-2" };
const john: Customer = { reference: "123456", country: "FR" };

function clientAnswering(response: () => Response) {
  const fetch = fakeFetch(response);
  return { client: createExperienceClient({ ...tokens, maxRetries: 0, fetch }), requests: fetch.requests };
}

describe("createExperienceClient", () => {
  it("posts the customers to the production host with the two-part bearer token", async () => {
    const { client, requests } = clientAnswering(
      () => new Response("1 customers updated", { headers: { "content-type": "text/plain" } }),
    );
    await client.updateCustomers([john]);
    const [request] = requests;
    expect(request?.method).toBe("POST");
    expect(request?.url).toBe(`${EXPERIENCE_BASE_URL}/api/xp-store-bookings/customers`);
    expect(request?.headers.get("authorization")).toBe("Bearer partner-tok-1:hotel-tok-2");
    expect(await request?.json()).toEqual({ customers: [john] });
  });

  it.each([
    ["1 customers updated", 1],
    ["12 customers updated\n", 12],
    ["1 customer updated", 1],
  ])("reads the count from %j", async (text, count) => {
    const { client } = clientAnswering(() => new Response(text));
    expect((await client.updateCustomers([john])).data?.updatedCount).toBe(count);
  });

  it("treats an unexpected success body as an invalid response", async () => {
    const { client } = clientAnswering(() => new Response("<html>maintenance</html>"));
    const { error } = await client.updateCustomers([john]);
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect(error?.status).toBe(200);
  });

  it.each([
    [
      "a JSON message",
      () => Response.json({ message: "Invalid hotel token" }, { status: 401 }),
      AuthenticationError,
      "experience updateCustomers: Invalid hotel token",
    ],
    [
      "a plain-text line",
      () => new Response("Token hotel-tok-2 unknown", { status: 401 }),
      AuthenticationError,
      "experience updateCustomers: Token [REDACTED] unknown",
    ],
    [
      "an HTML page",
      () => new Response("<html><body>502</body></html>", { status: 502, statusText: "Bad Gateway" }),
      InternalServerError,
      "experience updateCustomers: HTTP 502 Bad Gateway",
    ],
  ])("normalises an error with %s", async (_name, response, cls, message) => {
    const { client } = clientAnswering(response);
    const { error } = await client.updateCustomers([john]);
    expect(error).toBeInstanceOf(cls);
    expect(error?.message).toBe(message);
  });

  it("validates every customer against the spec before sending", async () => {
    const { client, requests } = clientAnswering(() => new Response("1 customers updated"));
    const { error } = await client.updateCustomers([
      { reference: "1" },
      { reference: "2", nationality: "fr" as "FR", birthdate: "1982-13-01" },
    ]);
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect(error?.details.map((d) => [d.path, d.code])).toEqual([
      ["/customers/1/nationality", "enum"],
      ["/customers/1/birthdate", "format"],
    ]);
    expect((await client.updateCustomers([])).error?.details[0]?.code).toBe("minItems");
    expect(requests).toHaveLength(0);
  });
});
