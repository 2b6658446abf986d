import { md5 } from "@noble/hashes/legacy.js";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils.js";
import {
  AuthenticationError,
  BadRequestError,
  basicAuthValue,
  batchBulkUpdates,
  clientCredentialsAuth,
  ConflictError,
  createVendorClient,
  headerAuth,
  InternalServerError,
  InvalidResponseError,
  NotFoundError,
  PermissionDeniedError,
  UnprocessableEntityError,
} from "@customer-clients/core";
import type {
  ApiError,
  ErrorClass,
  AuthStrategy,
  BatchOptions,
  CallOptions,
  CommonClientOptions,
  CredentialSource,
  ItemResult,
  ReadContext,
  Result,
} from "@customer-clients/core";
import { rateLimits, type components } from "./generated/index.js";
import { updateCustomers } from "./generated/operations.js";
import { parseErrorBody } from "./errors.js";
import {
  detailsOf,
  integer,
  readUpdateResponse,
  type CustomerOutcome,
  type UpdateCustomersResult,
} from "./response.js";

export { readUpdateResponse } from "./response.js";
export type { CapillaryWarning, CustomerOutcome, CustomerResult, UpdateCustomersResult } from "./response.js";

type Schemas = components["schemas"];
/** The documented fields of a customer update, all optional. */
export type CustomerUpdateFields = Schemas["CustomerUpdateFields"];
/** A customer to update: at least one identifier, then the fields to change. */
export type CustomerUpdate = CustomerUpdateFields &
  (
    | Required<Pick<CustomerUpdateFields, "mobile">>
    | Required<Pick<CustomerUpdateFields, "email">>
    | Required<Pick<CustomerUpdateFields, "external_id">>
    | Required<Pick<CustomerUpdateFields, "id">>
  );
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
export type CapillaryClientOptions = BaseOptions &
  ({ cluster?: CapillaryCluster; baseUrl?: never } | { baseUrl?: string; cluster?: never });

export interface UpdateCallOptions extends CallOptions {
  attribution?: Attribution;
}

/** Renew the token this long before it expires (the vendor issues 300-second tokens). */
const RENEW_BEFORE_SECONDS = 60;

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
function failureOf(result: UpdateCustomersResult, fail: ReadContext["fail"]): ApiError {
  const failed = result.customers.filter((customer) => !customer.success);
  const itemClasses = new Set<ErrorClass>(
    failed.map((customer) => ITEM_ERROR_CLASSES[customer.code ?? 0] ?? UnprocessableEntityError),
  );
  const ErrorClass =
    failed.length === 0
      ? (REQUEST_ERROR_CLASSES[result.code ?? 0] ?? BadRequestError)
      : itemClasses.size === 1
        ? [...itemClasses][0]!
        : UnprocessableEntityError;
  const shown = failed
    .slice(0, 3)
    .map((customer) => `${customer.path}: ${customer.code ?? "?"} ${customer.message}`.trim());
  if (failed.length > shown.length) shown.push(`and ${failed.length - shown.length} more`);
  const summary = `${result.message || "failed"} (code ${result.code ?? "missing"})${shown.length ? `: ${shown.join("; ")}` : ""}`;
  return fail(ErrorClass, summary, {
    code: result.code === undefined ? undefined : String(result.code),
    details: detailsOf(result),
  });
}

/** Till credentials as Basic auth with the password MD5-hashed, or an OAuth key and secret exchanged for a token. */
function capillaryAuth(auth: CapillaryAuth, baseUrl: string): AuthStrategy {
  const { oauth } = auth;
  if (oauth) {
    return clientCredentialsAuth({
      credentials: { "auth.oauth.key": oauth.key, "auth.oauth.secret": oauth.secret },
      tokenRequest: (values) => ({
        url: `${baseUrl.replace(/\/+$/, "")}/v3/oauth/token/generate`,
        json: { key: values["auth.oauth.key"], secret: values["auth.oauth.secret"] },
      }),
      readToken(body) {
        const { data: issued, errors } = (body ?? {}) as Schemas["TokenResponse"];
        const token = issued?.accessToken;
        const ttl = integer(issued?.ttlSeconds);
        return typeof token === "string" && ttl !== undefined && ttl > 0 && !errors?.length
          ? { token, expiresInSeconds: ttl }
          : undefined;
      },
      header: oauth.tokenHeader ?? "X-CAP-API-OAUTH-TOKEN",
      format: (token) => token,
      renewBeforeSeconds: RENEW_BEFORE_SECONDS,
      operation: "generateToken",
    });
  }
  // MD5 is computed once per password value, not on every request.
  let hashed: { password: string; digest: string } | undefined;
  return headerAuth(
    "Authorization",
    { "auth.username": auth.username, "auth.password": auth.password },
    (values, remember) => {
      const password = values["auth.password"]!;
      if (hashed?.password !== password) hashed = { password, digest: bytesToHex(md5(utf8ToBytes(password))) };
      remember(hashed.digest);
      return basicAuthValue(values["auth.username"]!, hashed.digest);
    },
  );
}

/** Customers per call in a bulk run, unless `batchSize` says otherwise. */
const DEFAULT_BATCH_SIZE = 10;

/**
 * Each customer's own outcome from one call's result: a customer the vendor failed gets an error
 * of its own (class and code from its `item_status`), the others succeed. When the body does not
 * say which customer is which, every customer gets the call's outcome.
 */
function perCustomer(
  count: number,
  result: Result<UpdateCustomersResult>,
): ItemResult<CustomerOutcome | UpdateCustomersResult>[] {
  const { error } = result;
  const report = error ? readUpdateResponse(error.body) : result.data;
  if (!report || report.customers.length !== count)
    return Array.from({ length: count }, () => (error ? { error } : { data: result.data! }));
  return report.customers.map((customer) => {
    if (customer.success || !error) return { data: customer };
    const ErrorClass = ITEM_ERROR_CLASSES[customer.code ?? 0] ?? UnprocessableEntityError;
    return {
      error: new ErrorClass({
        vendor: error.vendor,
        operation: error.operation,
        status: error.status,
        code: customer.code === undefined ? error.code : String(customer.code),
        message:
          `${error.vendor} ${error.operation}: ${customer.path}: ${customer.code ?? "?"} ${customer.message}`.trim(),
        requestId: error.requestId,
      }),
    };
  });
}

export function createCapillaryClient(options: CapillaryClientOptions) {
  const baseUrl = options.baseUrl ?? CAPILLARY_CLUSTERS[options.cluster ?? "eu"];
  const client = createVendorClient(
    {
      vendor: "capillary",
      baseUrl,
      auth: capillaryAuth(options.auth ?? {}, baseUrl),
      parseErrorBody,
      requestIdHeaders: ["x-cap-requestid"],
      rateLimits: rateLimits.updateCustomers,
    },
    { ...options, baseUrl },
  );

  const single = {
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
    updateCustomers(
      customers: CustomerUpdate | readonly CustomerUpdate[],
      callOptions?: UpdateCallOptions,
    ): Promise<Result<UpdateCustomersResult>> {
      return client.call(updateCustomers, {
        options: callOptions,
        input: () => {
          const { entityType, entityCode } = { ...options.attribution, ...callOptions?.attribution };
          const header = {
            ...(entityType === undefined ? {} : { "X-CAP-API-ATTRIBUTION-ENTITY-TYPE": entityType }),
            ...(entityCode === undefined ? {} : { "X-CAP-API-ATTRIBUTION-ENTITY-CODE": entityCode }),
          };
          return {
            query: { format: "json" as const },
            header,
            body: { root: { customer: Array.isArray(customers) ? [...customers] : [customers as CustomerUpdate] } },
          };
        },
        read(data, { fail }) {
          const parsed = readUpdateResponse(data);
          if (!parsed) return fail(InvalidResponseError, "the body has no response.status block");
          return parsed.success ? parsed : failureOf(parsed, fail);
        },
      });
    },
  };

  return {
    ...single,
    // `batchSize` customers go in each call (default 10); each gets its own outcome from the
    // call's `item_status`, its data the customer's `CustomerOutcome`.
    ...batchBulkUpdates<
      CustomerUpdate,
      CustomerOutcome | UpdateCustomersResult,
      BatchOptions & Pick<UpdateCallOptions, "attribution">
    >(
      async (batch, signal, { attribution }) =>
        perCustomer(batch.length, await single.updateCustomers(batch, { attribution, signal })),
      DEFAULT_BATCH_SIZE,
    ),
  };
}

export type CapillaryClient = ReturnType<typeof createCapillaryClient>;
