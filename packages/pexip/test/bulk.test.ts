// The client's bulk method and its rate limiter, with an injected fetch.
import { createRateLimiter, type FetchLike, type RateLimiter } from "@customer-clients/core";
import { describe, expect, it } from "vitest";
import { createPexipClient, rateLimits } from "../src/index.js";

const customer = (id: string) => ({
  id,
  existing: true,
  createdAt: "2022-08-17T19:05:21.362Z",
  updatedAt: "2022-08-17T19:05:21.362Z",
  deletedAt: null,
});

/** A fetch that answers after a turn of the event loop and records how many requests were open at once. */
function server() {
  let open = 0;
  const seen = { most: 0, api: [] as string[], token: 0 };
  const fetch: FetchLike = async (request) => {
    open++;
    seen.most = Math.max(seen.most, open);
    await new Promise((resolve) => setTimeout(resolve, 1));
    open--;
    if (request.url.includes("/protocol/openid-connect/token")) {
      seen.token++;
      return Response.json({ access_token: "jwt", expires_in: 300 });
    }
    const id = new URL(request.url).pathname.split("/").pop()!;
    seen.api.push(id);
    if (id === "missing")
      return Response.json(
        { errors: [{ message: "Customer not found", code: "NOT_FOUND", type: "NotFoundError", statusCode: "404" }] },
        { status: 404 },
      );
    return Response.json({ data: customer(id) });
  };
  return { fetch, seen };
}

describe("updateCustomersBulk", () => {
  it("keeps to the documented 4 requests in flight and yields one outcome per item", async () => {
    expect(rateLimits.updateCustomer.concurrency).toBe(4);
    const { fetch, seen } = server();
    const client = createPexipClient({ enterprise: "acme", auth: "token", fetch });
    const ids = Array.from({ length: 30 }, (_, n) => (n === 7 ? "missing" : `c${n}`));
    const outcomes = [];
    for await (const outcome of client.updateCustomersBulk(
      ids.map((id) => ({ id, patch: { firstName: "Ann" } })),
      { concurrency: 16 },
    )) {
      outcomes.push(outcome);
    }
    expect(seen.most).toBe(4);
    expect(outcomes.map((outcome) => outcome.index).sort((a, b) => a - b)).toEqual(ids.map((_, n) => n));
    const failed = outcomes.filter((outcome) => outcome.error);
    expect(failed.map((outcome) => [outcome.index, outcome.error?.status])).toEqual([[7, 404]]);
    expect(outcomes.find((outcome) => outcome.index === 3)?.data?.id).toBe("c3");
  });

  it("sends its token exchange and its calls through one limiter, the caller's when given", async () => {
    const { fetch, seen } = server();
    const limiter = createRateLimiter();
    let acquired = 0;
    const counting: RateLimiter = {
      acquire: (signal) => (acquired++, limiter.acquire(signal)),
      observe: (answer) => limiter.observe(answer),
    };
    const client = createPexipClient({
      enterprise: "acme",
      auth: { clientId: "id", clientSecret: "secret" },
      fetch,
      rateLimiter: counting,
    });
    const results = [await client.updateCustomer("a", {}), await client.updateCustomer("b", {})];
    expect(results.every((result) => result.data)).toBe(true);
    // Two calls and one token exchange.
    expect(seen.token).toBe(1);
    expect(acquired).toBe(3);
  });

  it("does not deadlock when as many calls as the limiter lets through at once all need the first token", async () => {
    const { fetch, seen } = server();
    const client = createPexipClient({ enterprise: "acme", auth: { clientId: "id", clientSecret: "secret" }, fetch });
    const results = await Promise.all(Array.from({ length: 8 }, (_, n) => client.updateCustomer(`c${n}`, {})));
    expect(results.every((result) => result.data)).toBe(true);
    expect(seen.token).toBe(1);
  }, 3000);
});
