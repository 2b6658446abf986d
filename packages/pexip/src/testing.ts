// MSW handlers for every operation of Pexip Engage's spec, answering its documented examples,
// and for the realm's token endpoint. Import from "@customer-clients/pexip/testing"; needs msw 2
// (a peer dependency).
import { createMocks, type Mocks, type MockOptions } from "@customer-clients/mock-kit";
import { operations as documented } from "./generated/examples.js";

export type { DocumentedStatus, HandlerOptions, MockOptions, RecordedRequest } from "@customer-clients/mock-kit";

/**
 * The realm's client-credentials endpoint (Keycloak) is not part of the API's spec; these
 * answers follow RFC 6749 (sections 5.1 and 5.2), as the client reads them.
 */
const tokenEndpoint = {
  exchangeToken: {
    method: "post",
    path: "/realms/{enterprise}/protocol/openid-connect/token",
    server: "https://auth.pexipengage.com",
    responses: {
      "200": {
        contentType: "application/json",
        headers: {},
        examples: {
          issued: {
            access_token: "mock-access-token",
            token_type: "Bearer",
            expires_in: 300,
            scope: "engage:customers:readWrite",
          },
        },
      },
      "401": {
        contentType: "application/json",
        headers: {},
        examples: {
          invalidClient: { error: "invalid_client", error_description: "Invalid client or Invalid client credentials" },
        },
      },
    },
  },
} as const;

const operations = { ...documented, ...tokenEndpoint };

export type PexipMocks = Mocks<typeof operations>;

/** Handlers for Pexip Engage's API and its token endpoint, and helpers to make one answer differently. */
export function createPexipMocks(options?: MockOptions): PexipMocks {
  return createMocks<typeof operations>(operations, options);
}
