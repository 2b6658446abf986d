// Generated from specs/pexip/openapi.yaml (x-rate-limits) by scripts/generate-limits.mjs. Do not edit.

/** The vendor's documented rate limits, by operation: concurrency, and request windows all of which apply. */
export const rateLimits = {
  /**
   * Per IP address, across every endpoint. Over the limit the API answers 429 and advises exponential backoff; no Retry-After is promised, and the vendor says the figures may change.
   *
   * Source: https://developer.pexipengage.com/topic/topic-rate-limiting
   */
  "updateCustomer": {
    "concurrency": 4,
    "windows": [
      {
        "limit": 3000,
        "intervalMs": 60000
      }
    ],
    "scope": "ip"
  },
} as const;
