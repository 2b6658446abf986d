// What `sync` needs to know about each vendor: its credentials, what one row is, and the
// client's bulk method that sends the rows (one per call, or several where the API takes a list).
import {
  createCapillaryClient,
  rateLimits as capillaryLimits,
  type CapillaryCluster,
} from "@customer-clients/capillary";
import { createCommerceLayerClient, rateLimits as commerceLayerLimits } from "@customer-clients/commercelayer";
import type { BatchOptions, BulkInput, BulkOutcome, CommonClientOptions, RateLimits } from "@customer-clients/core";
import { createExperienceClient, rateLimits as experienceLimits } from "@customer-clients/experience";
import { createPexipClient, rateLimits as pexipLimits, type PexipEnvironment } from "@customer-clients/pexip";
import { createXtrakitClient, rateLimits as xtrakitLimits } from "@customer-clients/xtrakit";
import { UsageError } from "./input.js";

/** Reads one credential or setting by its variable name. */
export type Settings = (name: string) => string | undefined;

/** A row as the vendor's bulk method takes it. */
export type Item = Record<string, unknown>;

/** The client's bulk method: one outcome per item. */
export type Bulk = (
  items: BulkInput<Item>,
  options: BatchOptions,
) => AsyncGenerator<BulkOutcome<Item, unknown>, void, undefined>;

export interface Vendor {
  /** For --help: the variables it reads. */
  settings: string[];
  /** The documented limits of its update operation, from the spec. */
  limits: RateLimits & { variants?: Record<string, RateLimits> };
  /** Whether one call takes several customers. */
  batches: boolean;
  /** The item a row stands for, or why the row cannot be one. */
  item(row: Record<string, unknown>): { item: Item; problem?: undefined } | { problem: string };
  /** A client for `settings`, and its bulk method. */
  connect(settings: Settings, common: CommonClientOptions): Bulk;
  /** Settings that let `connect` build a client without real credentials, for checking rows. */
  placeholder: Record<string, string>;
}

const required = (settings: Settings, name: string) => {
  const value = settings(name);
  if (value === undefined || value === "")
    throw new UsageError(`${name} is not set: set it in the environment or in the --credentials file`);
  return value;
};

/** A row `{ id, ...fields }` for the APIs that address one customer by id, as `{ id, [changes]: fields }`. */
const byId =
  (changes: string) =>
  (row: Record<string, unknown>): ReturnType<Vendor["item"]> => {
    const { id, ...fields } = row;
    if (typeof id === "number") return { item: { id: String(id), [changes]: fields } };
    if (typeof id !== "string" || id === "") return { problem: "the row needs an `id` (the customer to update)" };
    return { item: { id, [changes]: fields } };
  };

/**
 * `<PREFIX>_ACCESS_TOKEN` when it is set, else `<PREFIX>_CLIENT_ID` and `<PREFIX>_CLIENT_SECRET`,
 * the client credentials the client exchanges for a token.
 */
function tokenOrClientCredentials(
  settings: Settings,
  prefix: string,
): { accessToken: string } | { clientId: string; clientSecret: string } {
  const accessToken = settings(`${prefix}_ACCESS_TOKEN`);
  if (accessToken) return { accessToken };
  return {
    clientId: required(settings, `${prefix}_CLIENT_ID`),
    clientSecret: required(settings, `${prefix}_CLIENT_SECRET`),
  };
}

const asIs = (row: Record<string, unknown>) => ({ item: row });

/** The client's bulk method, taking the CLI's rows as its items (checked against the spec before anything is sent). */
const bulkOf = <I>(
  bulk: (items: BulkInput<I>, options: BatchOptions) => AsyncGenerator<BulkOutcome<I, unknown>, void, undefined>,
): Bulk => bulk as unknown as Bulk;

export const vendors: Record<string, Vendor> = {
  experience: {
    settings: ["EXPERIENCE_PARTNER_TOKEN", "EXPERIENCE_HOTEL_TOKEN"],
    limits: experienceLimits.updateCustomers,
    batches: true,
    item: asIs,
    placeholder: { EXPERIENCE_PARTNER_TOKEN: "placeholder", EXPERIENCE_HOTEL_TOKEN: "placeholder" },
    connect(settings, common) {
      const client = createExperienceClient({
        ...common,
        partnerToken: required(settings, "EXPERIENCE_PARTNER_TOKEN"),
        hotelToken: required(settings, "EXPERIENCE_HOTEL_TOKEN"),
      });
      return bulkOf(client.updateCustomersBulk);
    },
  },

  capillary: {
    settings: [
      "CAPILLARY_CLUSTER (eu, us, apac2, apac, cn; default eu)",
      "CAPILLARY_USERNAME and CAPILLARY_PASSWORD, or CAPILLARY_OAUTH_KEY and CAPILLARY_OAUTH_SECRET",
    ],
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
      const client = common.baseUrl
        ? createCapillaryClient({ ...common, baseUrl: common.baseUrl, auth })
        : createCapillaryClient({ ...common, baseUrl: undefined, cluster, auth });
      return bulkOf(client.updateCustomersBulk);
    },
  },

  commercelayer: {
    settings: [
      "COMMERCELAYER_ORGANIZATION",
      "COMMERCELAYER_ACCESS_TOKEN, or COMMERCELAYER_CLIENT_ID and COMMERCELAYER_CLIENT_SECRET (COMMERCELAYER_SCOPE optional)",
      "COMMERCELAYER_AUTH_BASE_URL (optional)",
    ],
    limits: commerceLayerLimits.updateCustomer,
    batches: false,
    item: byId("update"),
    placeholder: { COMMERCELAYER_ORGANIZATION: "placeholder", COMMERCELAYER_ACCESS_TOKEN: "placeholder" },
    connect(settings, common) {
      const credentials = tokenOrClientCredentials(settings, "COMMERCELAYER");
      const auth =
        "accessToken" in credentials ? credentials : { ...credentials, scope: settings("COMMERCELAYER_SCOPE") };
      const authBaseUrl = settings("COMMERCELAYER_AUTH_BASE_URL");
      const client = createCommerceLayerClient({
        ...common,
        organization: required(settings, "COMMERCELAYER_ORGANIZATION"),
        auth,
        ...(authBaseUrl ? { authBaseUrl } : {}),
      });
      return bulkOf(client.updateCustomersBulk);
    },
  },

  xtrakit: {
    settings: ["XTRAKIT_API_KEY"],
    limits: xtrakitLimits.updateCustomer,
    batches: false,
    item: byId("fields"),
    placeholder: { XTRAKIT_API_KEY: "placeholder" },
    connect(settings, common) {
      const client = createXtrakitClient({ ...common, apiKey: required(settings, "XTRAKIT_API_KEY") });
      return bulkOf(client.updateCustomersBulk);
    },
  },

  pexip: {
    settings: [
      "PEXIP_ENTERPRISE",
      "PEXIP_ENVIRONMENT (production, staging, development; default production)",
      "PEXIP_ACCESS_TOKEN, or PEXIP_CLIENT_ID and PEXIP_CLIENT_SECRET (PEXIP_TOKEN_URL optional)",
    ],
    limits: pexipLimits.updateCustomer,
    batches: false,
    item: byId("patch"),
    placeholder: { PEXIP_ENTERPRISE: "placeholder", PEXIP_ACCESS_TOKEN: "placeholder" },
    connect(settings, common) {
      const credentials = tokenOrClientCredentials(settings, "PEXIP");
      const tokenUrl = settings("PEXIP_TOKEN_URL");
      const auth =
        "accessToken" in credentials ? credentials.accessToken : { ...credentials, ...(tokenUrl ? { tokenUrl } : {}) };
      const environment = (settings("PEXIP_ENVIRONMENT") || "production") as PexipEnvironment;
      const client = createPexipClient({
        ...common,
        enterprise: required(settings, "PEXIP_ENTERPRISE"),
        environment,
        auth,
      });
      return bulkOf(client.updateCustomersBulk);
    },
  },
};
