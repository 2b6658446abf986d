// Generated from specs/commercelayer/openapi.yaml (x-rate-limits) by scripts/generate-limits.mjs. Do not edit.

/** The vendor's documented rate limits, by operation: concurrency, and request windows all of which apply. */
export const rateLimits = {
  /**
   * Sliding windows per IP address. The 60-second window is the average over every write endpoint, the 10-second window the burst on one endpoint; test mode allows half. Responses carry X-Ratelimit-Limit, X-Ratelimit-Interval and X-Ratelimit-Remaining; Retry-After is not promised.
   *
   * Unverified: The page confirms sliding windows per IP and 30 token requests a minute; the write figures are taken from notes on its write table and may have changed.
   *
   * Source: https://docs.commercelayer.io/core/rate-limits
   */
  "updateCustomer": {
    "windows": [
      {
        "limit": 200,
        "intervalMs": 60000
      },
      {
        "limit": 50,
        "intervalMs": 10000
      }
    ],
    "variants": {
      "test": {
        "windows": [
          {
            "limit": 100,
            "intervalMs": 60000
          },
          {
            "limit": 25,
            "intervalMs": 10000
          }
        ]
      }
    },
    "scope": "ip"
  },
  /**
   * Live and test alike; token requests are never cached.
   *
   * Source: https://docs.commercelayer.io/core/rate-limits
   */
  "getAccessToken": {
    "windows": [
      {
        "limit": 30,
        "intervalMs": 60000
      }
    ],
    "scope": "ip"
  },
} as const;
