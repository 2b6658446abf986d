// What `sync` needs to know about each vendor: its credentials, what one row is, and how rows
// are sent (one per call, or several per call where the API takes a list).
import { createCapillaryClient, rateLimits as capillaryLimits, readUpdateResponse, type CapillaryCluster, type CustomerUpdate as CapillaryCustomer } from "@customer-clients/capillary";
import { createCommerceLayerClient, rateLimits as commerceLayerLimits, type CustomerUpdate as CommerceLayerUpdate } from "@customer-clients/commercelayer";
import {
  type ApiError,
  type ApiErrorInit,
  type CommonClientOptions,
  type ItemResult,
  type RateLimits,
  type Result,
} from "@customer-clients/core";
import { createExperienceClient, rateLimits as experienceLimits, type Customer as ExperienceCustomer } from "@customer-clients/experience";
import { createPexipClient, rateLimits as pexipLimits, type CustomerPatch, type PexipEnvironment } from "@customer-clients/pexip";
import { createXtrakitClient, rateLimits as xtrakitLimits, type CustomerFields } from "@customer-clients/xtrakit";
import { UsageError } from "./input.js";

/** Reads one credential or setting by its variable name. */
export type Settings = (name: string) => string | undefined;

/** Sends items in one call (one item, for an API that takes one) and answers one result per item. */
export type Send = (items: Item[], signal?: AbortSignal) => Promise<ItemResult<unknown>[]>;

export type Item = { id: string; fields: Record<string, unknown> } | Record<string, unknown>;

export interface Vendor {
  /** For --help: the variables it reads. */
  settings: string[];
  /** The documented limits of its update operation, from the spec. */
  limits: RateLimits & { variants?: Record<string, RateLimits> };
  /** Whether one call takes several customers. */
  batches: boolean;
  /** The item a row stands for, or why the row cannot be one. */
  item(row: Record<string, unknown>): { item: Item; problem?: undefined } | { problem: string };
  /** A client for `settings`, and how one call goes through it. */
  connect(settings: Settings, common: CommonClientOptions): Send;
  /** Settings that let `connect` build a client without real credentials, for checking rows. */
  placeholder: Record<string, string>;
}

const required = (settings: Settings, name: string) => {
  const value = settings(name);
  if (value === undefined || value === "") throw new UsageError(`${name} is not set: set it in the environment or in the --credentials file`);
  return value;
};

/** A row `{ id, ...fields }` for the APIs that address one customer by id. */
function byId(row: Record<string, unknown>) {
  const { id, ...fields } = row;
  if (typeof id === "number") return { item: { id: String(id), fields } };
  if (typeof id !== "string" || id === "") return { problem: "the row needs an `id` (the customer to update)" };
  return { item: { id, fields } };
}

const asIs = (row: Record<string, unknown>) => ({ item: row });

type ById = { id: string; fields: Record<string, unknown> };

/** One call per item, through `update`. */
const oneByOne =
  (update: (item: ById, signal?: AbortSignal) => Promise<Result<unknown>>): Send =>
  async ([item], signal) => [await update(item as ById, signal)];

export const vendors: Record<string, Vendor> = {
  experience: {
    settings: ["EXPERIENCE_PARTNER_TOKEN", "EXPERIENCE_HOTEL_TOKEN"],
    limits: experienceLimits.updateCustomers,
    batches: true,
    item: asIs,
    placeholder: { EXPERIENCE_PARTNER_TOKEN: "placeholder", EXPERIENCE_HOTEL_TOKEN: "placeholder" },
    connect(settings, common) {
      const client = createExperienceClient({ ...common, partnerToken: required(settings, "EXPERIENCE_PARTNER_TOKEN"), hotelToken: required(settings, "EXPERIENCE_HOTEL_TOKEN") });
      // The API answers a count for the whole call, so every customer of a call shares its outcome.
      return async (customers, signal) => {
        const result = await client.updateCustomers(customers as ExperienceCustomer[], { signal });
        return customers.map(() => (result.error ? { error: result.error } : { data: result.data }));
      };
    },
  },

  capillary: {
    settings: ["CAPILLARY_CLUSTER (eu, us, apac2, apac, cn; default eu)", "CAPILLARY_USERNAME and CAPILLARY_PASSWORD, or CAPILLARY_OAUTH_KEY and CAPILLARY_OAUTH_SECRET"],
    limits: capillaryLimits.updateCustomers,
    batches: true,
    item: asIs,
    placeholder: { CAPILLARY_USERNAME: "placeholder", CAPILLARY_PASSWORD: "placeholder" },
    connect(settings, common) {
      const key = settings("CAPILLARY_OAUTH_KEY");
      const auth = key
        ? { oauth: { key, secret: required(settings, "CAPILLARY_OAUTH_SECRET") } }
        : { username: required(settings, "CAPILLARY_USERNAME"), password: required(settings, "CAPILLARY_PASSWORD") };
      const cluster = (settings("CAPILLARY_CLUSTER") || "eu") as CapillaryCluster;
      const client = common.baseUrl ? createCapillaryClient({ ...common, baseUrl: common.baseUrl, auth }) : createCapillaryClient({ ...common, baseUrl: undefined, cluster, auth });
      return async (customers, signal) => perCustomer(customers.length, await client.updateCustomers(customers as CapillaryCustomer[], { signal }));
    },
  },

  commercelayer: {
    settings: ["COMMERCELAYER_ORGANIZATION", "COMMERCELAYER_ACCESS_TOKEN, or COMMERCELAYER_CLIENT_ID and COMMERCELAYER_CLIENT_SECRET (COMMERCELAYER_SCOPE optional)", "COMMERCELAYER_AUTH_BASE_URL (optional)"],
    limits: commerceLayerLimits.updateCustomer,
    batches: false,
    item: byId,
    placeholder: { COMMERCELAYER_ORGANIZATION: "placeholder", COMMERCELAYER_ACCESS_TOKEN: "placeholder" },
    connect(settings, common) {
      const token = settings("COMMERCELAYER_ACCESS_TOKEN");
      const auth = token
        ? { accessToken: token }
        : { clientId: required(settings, "COMMERCELAYER_CLIENT_ID"), clientSecret: required(settings, "COMMERCELAYER_CLIENT_SECRET"), scope: settings("COMMERCELAYER_SCOPE") };
      const authBaseUrl = settings("COMMERCELAYER_AUTH_BASE_URL");
      const client = createCommerceLayerClient({ ...common, organization: required(settings, "COMMERCELAYER_ORGANIZATION"), auth, ...(authBaseUrl ? { authBaseUrl } : {}) });
      return oneByOne((item, signal) => client.updateCustomer(item.id, item.fields as CommerceLayerUpdate, { signal }));
    },
  },

  xtrakit: {
    settings: ["XTRAKIT_API_KEY"],
    limits: xtrakitLimits.updateCustomer,
    batches: false,
    item: byId,
    placeholder: { XTRAKIT_API_KEY: "placeholder" },
    connect(settings, common) {
      const client = createXtrakitClient({ ...common, apiKey: required(settings, "XTRAKIT_API_KEY") });
      return oneByOne((item, signal) => client.updateCustomer(item.id, item.fields as CustomerFields, { signal }));
    },
  },

  pexip: {
    settings: ["PEXIP_ENTERPRISE", "PEXIP_ENVIRONMENT (production, staging, development; default production)", "PEXIP_ACCESS_TOKEN, or PEXIP_CLIENT_ID and PEXIP_CLIENT_SECRET (PEXIP_TOKEN_URL optional)"],
    limits: pexipLimits.updateCustomer,
    batches: false,
    item: byId,
    placeholder: { PEXIP_ENTERPRISE: "placeholder", PEXIP_ACCESS_TOKEN: "placeholder" },
    connect(settings, common) {
      const token = settings("PEXIP_ACCESS_TOKEN");
      const tokenUrl = settings("PEXIP_TOKEN_URL");
      const auth = token ? token : { clientId: required(settings, "PEXIP_CLIENT_ID"), clientSecret: required(settings, "PEXIP_CLIENT_SECRET"), ...(tokenUrl ? { tokenUrl } : {}) };
      const environment = (settings("PEXIP_ENVIRONMENT") || "production") as PexipEnvironment;
      const client = createPexipClient({ ...common, enterprise: required(settings, "PEXIP_ENTERPRISE"), environment, auth });
      return oneByOne((item, signal) => client.updateCustomer(item.id, item.fields as CustomerPatch, { signal }));
    },
  },
};

/**
 * Capillary reports each customer's outcome: a customer that failed gets its own error (of the
 * call's error class, with its item code and message); the others succeed. When the body does
 * not say which customer is which, every customer gets the call's outcome.
 */
function perCustomer(count: number, result: Result<unknown>): ItemResult<unknown>[] {
  const report = result.error ? readUpdateResponse(result.error.body) : (result.data as ReturnType<typeof readUpdateResponse>);
  if (!report || report.customers.length !== count) return Array.from({ length: count }, () => (result.error ? { error: result.error } : { data: result.data }));
  return report.customers.map((customer) => {
    if (customer.success) return { data: customer };
    const error = result.error!;
    const ErrorClass = error.constructor as new (init: ApiErrorInit) => ApiError;
    const message = `${error.vendor} ${error.operation}: ${customer.code ?? "?"} ${customer.message}`.trim();
    return { error: new ErrorClass({ vendor: error.vendor, operation: error.operation, status: error.status, code: customer.code === undefined ? error.code : String(customer.code), message, requestId: error.requestId }) };
  });
}
