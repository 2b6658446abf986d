// Generated from specs/capillary/openapi.yaml (x-rate-limits) by scripts/generate-limits.mjs. Do not edit.

/** The vendor's documented rate limits, by operation: concurrency, and request windows all of which apply. */
export const rateLimits = {
  /**
   * 300 to 600 requests a minute depending on the cluster (the lowest is modelled); demo clusters allow 100 a minute per API key. One request may update several customers.
   *
   * Unverified: Which cluster allows how many is not published; accounts with another quota override the limits.
   *
   * Source: https://docs.capillarytech.com
   */
  "updateCustomers": {
    "windows": [
      {
        "limit": 300,
        "intervalMs": 60000
      }
    ],
    "variants": {
      "demo": {
        "windows": [
          {
            "limit": 100,
            "intervalMs": 60000
          }
        ]
      }
    },
    "scope": "api-key"
  },
} as const;
