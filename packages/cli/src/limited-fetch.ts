// Puts a rate limiter in front of a fetch function: every request the client sends (its calls,
// their retries and its token exchanges) waits for the limiter, and every response teaches it.
import type { FetchLike, RateLimiter } from "@customer-clients/core";

export function limitedFetch(fetch: FetchLike, limiter: RateLimiter): FetchLike {
  return async (input, init) => {
    const release = await limiter.acquire(init?.signal ?? input.signal);
    try {
      const response = await fetch(input, init);
      limiter.observe?.({ status: response.status, headers: response.headers });
      return response;
    } finally {
      // Ends the request's turn once its headers have arrived; bodies here are small.
      release();
    }
  };
}
