import { md5 } from "@noble/hashes/legacy.js";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils.js";
import {
  AuthenticationError,
  BadRequestError,
  ConflictError,
  InternalServerError,
  InvalidResponseError,
  NotFoundError,
  PermissionDeniedError,
  UnprocessableEntityError,
  createTokenProvider,
  createVendorClient,
  requireCredential,
  type ApiError,
  type ApiErrorInit,
  type CallOptions,
  type CommonClientOptions,
  type CredentialSource,
  type Result,
  type TokenProvider,
} from "@customer-clients/core";
import type { components, paths } from "./generated/openapi.js";
import { requestSchemas } from "./generated/request-schemas.js";
import { detailsOf, integer, parseErrorBody, readUpdateResponse, type UpdateCustomersResult } from "./response.js";

export type { components, paths } from "./generated/openapi.js";
export { parseErrorBody, readUpdateResponse } from "./response.js";
export type { CapillaryWarning, CustomerOutcome, CustomerResult, UpdateCustomersResult } from "./response.js";

type Schemas = components["schemas"];
/** The documented fields of a customer update, all optional. */
export type CustomerUpdateFields = Schemas["CustomerUpdateFields"];
/** A customer to update: at least one identifier, then the fields to change. */
export type CustomerUpdate = CustomerUpdateFields &
  (Required<Pick<CustomerUpdateFields, "mobile">> | Required<Pick<CustomerUpdateFields, "email">> | Required<Pick<CustomerUpdateFields, "external_id">> | Required<Pick<CustomerUpdateFields, "id">>);
export type UpdateCustomersResponse = Schemas["UpdateCustomersResponse"];

/** The vendor's clusters. An organisation lives on one; its credentials work only there. */
export const CAPILLARY_CLUSTERS = {
  eu: "https://eu.api.capillarytech.com",
  us: "https://us.api.capillarytech.com",
  apac2: "https://apac2.api.capillarytech.com",
  /** India. */
  apac: "https://apac.api.capillary.co.in",
  cn: "https://api.capillarytech.cn.com",
} as const;
export type CapillaryCluster = keyof typeof CAPILLARY_CLUSTERS;
/** The spec's default server: the EU cluster. */
export const CAPILLARY_BASE_URL = CAPILLARY_CLUSTERS.eu;

export type OAuthTokenHeader = "X-CAP-API-OAUTH-TOKEN" | "CAP-API-ACCESS-TOKEN";

/**
 * Till credentials (sent as Basic auth with the password MD5-hashed on this side) or an OAuth
 * key and secret (exchanged for a short-lived token, cached and renewed before it expires).
 * Each value is a string or a function returning one.
 */
export type CapillaryAuth =
  | { username: CredentialSource; password: CredentialSource; oauth?: never }
  | {
      oauth: {
        key: CredentialSource;
        secret: CredentialSource;
        /** Header that carries the token. Default `X-CAP-API-OAUTH-TOKEN`; newer vendor pages name `CAP-API-ACCESS-TOKEN`. */
        tokenHeader?: OAuthTokenHeader;
      };
      username?: never;
      password?: never;
    };

/** User context recorded in the customer's audit trail (`X-CAP-API-ATTRIBUTION-ENTITY-*`). */
export interface Attribution {
  /** E.g. `TILL`. */
  entityType?: string;
  /** E.g. a till code. */
  entityCode?: string;
}

interface BaseOptions extends Omit<CommonClientOptions, "baseUrl"> {
  auth: CapillaryAuth;
  /** Default attribution for every call; a call's own `attribution` wins. */
  attribution?: Attribution;
}

/** Pick the organisation's `cluster` (default `eu`), or give a `baseUrl` (a proxy or a mock). */
export type CapillaryClientOptions = BaseOptions & ({ cluster?: CapillaryCluster; baseUrl?: never } | { baseUrl?: string; cluster?: never });

export interface UpdateCallOptions extends CallOptions {
  attribution?: Attribution;
}

/** Renew the token this long before it expires (the vendor issues 300-second tokens). */
const RENEW_BEFORE_SECONDS = 60;

const base64Utf8 = (value: string) => btoa(Array.from(new TextEncoder().encode(value), (byte) => String.fromCharCode(byte)).join(""));

type ErrorClass = new (init: ApiErrorInit) => ApiError;

/** Item codes that say which kind of failure a customer met; the rest are unprocessable input. */
const ITEM_ERROR_CLASSES: Record<number, ErrorClass> = {
  618: PermissionDeniedError,
  816: NotFoundError,
  1011: NotFoundError,
  1012: NotFoundError,
  1032: ConflictError,
  1033: ConflictError,
};

/** Request-level codes that fail the whole request, with no per-customer status. */
const REQUEST_ERROR_CLASSES: Record<number, ErrorClass> = {
  400: BadRequestError,
  401: AuthenticationError,
  402: BadRequestError,
  404: NotFoundError,
  405: BadRequestError,
  406: BadRequestError,
  407: InternalServerError,
  /** MAC (signature) mismatch: a credential problem, not a timeout. */
  408: AuthenticationError,
  500: InternalServerError,
};

/** The error for a 200 whose status block or item statuses say the update failed. */
function failureOf(result: UpdateCustomersResult, init: Omit<ApiErrorInit, "message" | "code" | "details">): ApiError {
  const failed = result.customers.filter((customer) => !customer.success);
  const itemClasses = new Set<ErrorClass>(failed.map((customer) => ITEM_ERROR_CLASSES[customer.code ?? 0] ?? UnprocessableEntityError));
  const ErrorClass =
    failed.length === 0 ? (REQUEST_ERROR_CLASSES[result.code ?? 0] ?? BadRequestError) : itemClasses.size === 1 ? [...itemClasses][0]! : UnprocessableEntityError;
  const shown = failed.slice(0, 3).map((customer) => `${customer.path}: ${customer.code ?? "?"} ${customer.message}`.trim());
  if (failed.length > shown.length) shown.push(`and ${failed.length - shown.length} more`);
  const summary = `${result.message || "failed"} (code ${result.code ?? "missing"})${shown.length ? `: ${shown.join("; ")}` : ""}`;
  return new ErrorClass({ ...init, code: result.code === undefined ? undefined : String(result.code), message: `${init.vendor} ${init.operation}: ${summary}`, details: detailsOf(result) });
}

export function createCapillaryClient(options: CapillaryClientOptions) {
  const { auth } = options;
  const baseUrl = options.baseUrl ?? CAPILLARY_CLUSTERS[options.cluster ?? "eu"];
  const inUse = new Set<string>();
  const secrets = (): string[] => {
    const token = tokens?.current();
    return token ? [...inUse, token] : [...inUse];
  };
  const definition = { vendor: "capillary", baseUrl, secrets, parseErrorBody, requestIdHeaders: ["x-cap-requestid"] };

  // The token endpoint is called without credentials, through its own client so that the
  // exchange gets the same validation, timeouts, retries and error mapping as any call.
  const oauth = auth?.oauth;
  const tokenClient = oauth ? createVendorClient<paths>({ ...definition, authorize: () => undefined }, { ...options, baseUrl }) : undefined;
  const tokens: TokenProvider | undefined =
    oauth && tokenClient
      ? createTokenProvider({
          renewBeforeSeconds: RENEW_BEFORE_SECONDS,
          async exchange() {
            const key = await requireCredential(oauth.key, "auth.oauth.key");
            const secret = await requireCredential(oauth.secret, "auth.oauth.secret");
            inUse.add(key).add(secret);
            const body = { key, secret };
            const { data, error } = await tokenClient.call({
              operation: "generateToken",
              // A second token request does no harm.
              idempotent: true,
              input: { schema: requestSchemas.generateToken.body, value: body },
              send: ({ fetch }) => tokenClient.api.POST("/v3/oauth/token/generate", { body, fetch }),
              read(payload, response) {
                const { data: issued, errors } = (payload ?? {}) as Schemas["TokenResponse"];
                const token = issued?.accessToken;
                const ttl = integer(issued?.ttlSeconds);
                if (typeof token === "string" && token !== "" && ttl !== undefined && ttl > 0 && !errors?.length) return { token, expiresInSeconds: ttl };
                const parsed = parseErrorBody(payload, response);
                return new AuthenticationError({
                  ...tokenClient.errorContext("generateToken"),
                  status: response.status,
                  code: parsed.code,
                  details: parsed.details,
                  requestId: parsed.requestId,
                  body: payload,
                  message: `capillary generateToken: ${parsed.message ?? "no access token in the response"}`,
                });
              },
            });
            if (error) throw error;
            return data;
          },
        })
      : undefined;

  // MD5 is computed once per password value, not on every request.
  let hashed: { password: string; digest: string } | undefined;
  const md5Hex = (password: string) => {
    if (hashed?.password !== password) hashed = { password, digest: bytesToHex(md5(utf8ToBytes(password))) };
    return hashed.digest;
  };

  const client = createVendorClient<paths>(
    {
      ...definition,
      async authorize(headers) {
        if (tokens) {
          headers.set(oauth?.tokenHeader ?? "X-CAP-API-OAUTH-TOKEN", await tokens.get());
          return;
        }
        const username = await requireCredential(auth?.username, "auth.username");
        const password = await requireCredential(auth?.password, "auth.password");
        const digest = md5Hex(password);
        const encoded = base64Utf8(`${username}:${digest}`);
        inUse.add(password).add(digest).add(encoded);
        headers.set("Authorization", `Basic ${encoded}`);
      },
    },
    { ...options, baseUrl },
  );

  return {
    /**
     * Updates one customer or several, each found by `mobile`, `email`, `external_id` or `id`.
     *
     * Succeeds only when the request and every customer succeeded; a 200 whose status block
     * or any `item_status` reports a failure comes back as an error whose `details` name each
     * failed customer (`/root/customer/<index>`) and every warning. `readUpdateResponse(error.body)`
     * shows, per customer, what a partly failed request did.
     *
     * Not idempotent: an update may award points (side effects), and a secondary identifier is
     * written only while empty, so a repeated request can fail or act twice. Only failures that
     * prove nothing was processed are retried, unless `retryNonIdempotent` is set.
     */
    async updateCustomers(customers: CustomerUpdate | readonly CustomerUpdate[], callOptions: UpdateCallOptions = {}): Promise<Result<UpdateCustomersResult>> {
      const body = { root: { customer: Array.isArray(customers) ? [...customers] : [customers as CustomerUpdate] } };
      const { entityType, entityCode } = { ...options.attribution, ...callOptions.attribution };
      const header = {
        ...(entityType === undefined ? {} : { "X-CAP-API-ATTRIBUTION-ENTITY-TYPE": entityType }),
        ...(entityCode === undefined ? {} : { "X-CAP-API-ATTRIBUTION-ENTITY-CODE": entityCode }),
      };
      const result = await client.call({
        operation: "updateCustomers",
        idempotent: false,
        input: [
          { schema: requestSchemas.updateCustomers.header, value: header },
          { schema: requestSchemas.updateCustomers.body, value: body },
        ],
        options: callOptions,
        send: ({ fetch }) => client.api.PUT("/v1.1/customer/update", { params: { query: { format: "json" }, header }, body, fetch }),
        read(data, response) {
          const context = { ...client.errorContext("updateCustomers"), status: response.status, requestId: response.headers.get("x-cap-requestid") ?? undefined, body: data };
          const parsed = readUpdateResponse(data);
          if (!parsed) return new InvalidResponseError({ ...context, message: "capillary updateCustomers: the body has no response.status block" });
          return parsed.success ? parsed : failureOf(parsed, context);
        },
      });
      // A refused token is dropped so that the next call fetches a new one.
      if (result.error?.kind === "authentication") tokens?.invalidate();
      return result;
    },
  };
}

export type CapillaryClient = ReturnType<typeof createCapillaryClient>;
