import {
  InvalidResponseError,
  createVendorClient,
  headerAuth,
  type CallOptions,
  type CommonClientOptions,
  type CredentialSource,
  type ParsedErrorBody,
  type Result,
} from "@customer-clients/core";
import type { components, paths } from "./generated/openapi.js";
import { requestSchemas } from "./generated/request-schemas.js";

export * from "@customer-clients/core";
export type { components, paths } from "./generated/openapi.js";
export type Customer = components["schemas"]["Customer"];

export const EXPERIENCE_BASE_URL = "https://interface.experience-hotel.com";

export interface ExperienceClientOptions extends CommonClientOptions {
  /** The partner token, shared by all of a partner's hotels. A string or a function returning one. */
  partnerToken: CredentialSource;
  /** The token of one hotel. */
  hotelToken: CredentialSource;
}

export interface UpdateCustomersResult {
  /** How many customers the server says it updated. */
  updatedCount: number;
  /** The server's text, e.g. `1 customers updated`. */
  message: string;
}

const SUCCESS_TEXT = /^\s*(\d+) customers? updated\s*$/;

/** Experience documents no error body; take a JSON `message`/`error` or a short plain-text line. */
function parseErrorBody(body: unknown): ParsedErrorBody {
  if (body && typeof body === "object") {
    const { message, error, code } = body as Record<string, unknown>;
    const text = typeof message === "string" ? message : typeof error === "string" ? error : undefined;
    return { message: text, code: typeof code === "string" || typeof code === "number" ? String(code) : undefined };
  }
  if (typeof body === "string" && body.trim() && !body.trimStart().startsWith("<")) {
    return { message: body.trim().slice(0, 200) };
  }
  return {};
}

export function createExperienceClient(options: ExperienceClientOptions) {
  const client = createVendorClient<paths>(
    {
      vendor: "experience",
      baseUrl: EXPERIENCE_BASE_URL,
      auth: headerAuth("Authorization", { partnerToken: options.partnerToken, hotelToken: options.hotelToken }, (values) => `Bearer ${values.partnerToken}:${values.hotelToken}`),
      parseErrorBody,
    },
    options,
  );

  return {
    /**
     * Updates existing customers, each identified by `reference`. Not retried after it may
     * have reached the server (it is a POST) unless `retryNonIdempotent` is set.
     */
    updateCustomers(customers: Customer[], callOptions?: CallOptions): Promise<Result<UpdateCustomersResult>> {
      return client.call({
        operation: "updateCustomers",
        idempotent: false,
        options: callOptions,
        input: () => ({ body: { customers } }),
        schemas: requestSchemas.updateCustomers,
        responseType: "text",
        send: (api, { body }) => api.POST("/api/xp-store-bookings/customers", { body, parseAs: "text" }),
        read(data, { fail }) {
          const match = typeof data === "string" ? SUCCESS_TEXT.exec(data) : null;
          if (!match) return fail(InvalidResponseError, `expected "<count> customers updated", got ${JSON.stringify(String(data).slice(0, 80))}`);
          return { updatedCount: Number(match[1]), message: data as string };
        },
      });
    },
  };
}

export type ExperienceClient = ReturnType<typeof createExperienceClient>;
