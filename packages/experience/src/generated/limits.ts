// Generated from specs/experience/openapi.yaml (x-rate-limits) by scripts/generate-limits.mjs. Do not edit.

/** The vendor's documented rate limits, by operation: concurrency, and request windows all of which apply. */
export const rateLimits = {
  /**
   * The vendor documents no rate limit.
   *
   * Unverified: No limit is documented; a client still sends a bounded number of requests at a time.
   */
  "updateCustomers": {
    "windows": []
  },
} as const;
