import {
  bearerAuth,
  bulkUpdates,
  clientCredentialsAuth,
  createVendorClient,
  InvalidResponseError,
} from "@customer-clients/core";
import type { AuthStrategy, CallOptions, CommonClientOptions, CredentialSource, Result } from "@customer-clients/core";
import { parseErrorBody } from "./errors.js";
import { rateLimits, type components } from "./generated/index.js";
import { updateCustomer } from "./generated/operations.js";

type Schemas = components["schemas"];
export type CustomerUpdateDocument = Schemas["CustomerUpdateDocument"];
export type CustomerResource = Schemas["Customer"];
export type CustomerAttributes = Schemas["CustomerAttributes"];
export type RelationshipLinks = Schemas["RelationshipLinks"];
export type ErrorDocument = Schemas["ErrorDocument"];

/** The core API's host; `{organization}` is the organization's slug. */
export const COMMERCELAYER_BASE_URL = "https://{organization}.commercelayer.io";
/** JSON:API's media type: Commerce Layer answers 406/415 to anything else. */
export const JSON_API_MEDIA_TYPE = "application/vnd.api+json";

const ORGANIZATION_SLUG = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/i;

/** The core API's base URL for one organization. */
export function commerceLayerBaseUrl(organization: string): string {
  if (!ORGANIZATION_SLUG.test(organization)) {
    throw new TypeError(
      `commercelayer: organization must be the organization's slug (letters, digits, hyphens), got ${JSON.stringify(organization)}`,
    );
  }
  return COMMERCELAYER_BASE_URL.replace("{organization}", organization.toLowerCase());
}

/** Commerce Layer's authentication server, shared by all organizations. */
export const COMMERCELAYER_AUTH_URL = "https://auth.commercelayer.io";

/** The client credentials of an integration application. */
export interface ClientCredentials {
  clientId: CredentialSource;
  clientSecret: CredentialSource;
  /** Limits the token, e.g. `market:id:xYZkjABcde`; several are separated by spaces. */
  scope?: string;
}

type TokenRequest = Schemas["TokenRequest"];
type TokenResponse = Schemas["TokenResponse"];

/** A ready access token (a string or a function returning one), or client credentials to exchange for one. */
export type CommerceLayerAuth = { accessToken: CredentialSource } | ClientCredentials;

interface BaseOptions extends CommonClientOptions {
  auth: CommerceLayerAuth;
  /** Overrides the token endpoint's host (default `https://auth.commercelayer.io`), e.g. for a mock. */
  authBaseUrl?: string;
}

/** `organization` picks the host; `baseUrl` overrides it (a mock server, a proxy). */
export type CommerceLayerClientOptions = BaseOptions &
  ({ organization: string; baseUrl?: string } | { organization?: string; baseUrl: string });

/** What to change. Attributes left out stay as they are; `null` clears a nullable one. */
export interface CustomerUpdate {
  email?: string;
  password?: string;
  reference?: string | null;
  referenceOrigin?: string | null;
  metadata?: Record<string, unknown>;
  /** Identifies the shopper during payment sessions; 3 to 128 characters. */
  shopperReference?: string | null;
  /** Identifies the customer on connected external services. */
  profileId?: string | null;
  taxExemptionCode?: string | null;
  /** Tag names to add (sent comma-separated as `_add_tags`); unknown names are discarded. */
  addTags?: readonly string[];
  /** Tag names to remove (sent comma-separated as `_remove_tags`). */
  removeTags?: readonly string[];
  /** `true` asks for the customer's data to be anonymized (needs an integration token). */
  requestAnonymization?: boolean;
  /** `true` cancels a pending anonymization request. */
  cancelAnonymization?: boolean;
  /** Moves the customer into this customer group. */
  customerGroupId?: string;
  /** Replaces the customer's tags with the tags of these IDs. */
  tagIds?: readonly string[];
}

/** One update of a bulk run: the customer and what to change. */
export interface CustomerUpdateItem {
  id: string;
  update: CustomerUpdate;
}

/** The updated customer, flattened from the JSON:API resource. */
export interface Customer {
  id: string;
  email: string;
  status: CustomerAttributes["status"];
  hasPassword: boolean;
  totalOrdersCount: number | undefined;
  reference: string | null;
  referenceOrigin: string | null;
  metadata: Record<string, unknown>;
  shopperReference: string | null;
  profileId: string | null;
  taxExemptionCode: string | null;
  /** Status of the current anonymization request, e.g. `requested`; `null` when there is none. */
  anonymizationStatus: string | null;
  createdAt: string;
  updatedAt: string;
  /** Whether the token works on test or live data (`meta.mode`). */
  mode: "test" | "live" | undefined;
  /** The resource's URL (`links.self`). */
  url: string | undefined;
  /** Each relationship's links, by name (`customer_group`, `orders`, ...). */
  relationships: Record<string, RelationshipLinks>;
  /** The resource as the API returned it. */
  resource: CustomerResource;
}

/** The client credentials grant at `<authBaseUrl>/oauth/token`, or a ready token. */
function commerceLayerAuth(auth: CommerceLayerAuth, authBaseUrl: string): AuthStrategy {
  if ("accessToken" in auth) return bearerAuth("auth.accessToken", auth.accessToken);
  return clientCredentialsAuth({
    credentials: { "auth.clientId": auth.clientId, "auth.clientSecret": auth.clientSecret },
    tokenRequest(values) {
      const json: TokenRequest = {
        grant_type: "client_credentials",
        client_id: values["auth.clientId"]!,
        client_secret: values["auth.clientSecret"]!,
      };
      if (auth.scope !== undefined) json.scope = auth.scope;
      return { url: `${authBaseUrl.replace(/\/+$/, "")}/oauth/token`, json };
    },
    readToken(body) {
      const { access_token: token, expires_in: expiresInSeconds } = (body ?? {}) as Partial<TokenResponse>;
      return typeof token === "string" && typeof expiresInSeconds === "number"
        ? { token, expiresInSeconds }
        : undefined;
    },
  });
}

export function createCommerceLayerClient(options: CommerceLayerClientOptions) {
  const baseUrl = options.baseUrl ?? commerceLayerBaseUrl(options.organization as string);
  // Token exchanges count against the write budget too; the token endpoint's own 30 a minute is far above what a cached token needs.
  const client = createVendorClient(
    {
      vendor: "commercelayer",
      baseUrl,
      auth: commerceLayerAuth(options.auth, options.authBaseUrl ?? COMMERCELAYER_AUTH_URL),
      parseErrorBody,
      rateLimits: rateLimits.updateCustomer,
    },
    { ...options, baseUrl },
  );

  const single = {
    /**
     * Updates the customer `id`: builds the JSON:API document (`type` and `id` in the body match
     * the URL) and returns the updated customer. Marked idempotent: it sets absolute values, so
     * sending it twice leaves the customer as sending it once, and core retries timeouts, 5xx and
     * 429 (with backoff, as Commerce Layer promises no `Retry-After`).
     */
    updateCustomer(id: string, update: CustomerUpdate = {}, callOptions?: CallOptions): Promise<Result<Customer>> {
      return client.call(updateCustomer, {
        options: callOptions,
        // The body carries the same id as the path, so its schema checks both.
        input: () => ({ path: { id }, body: toDocument(id, update) }),
        read(data, { fail }) {
          const resource = (data as { data?: unknown } | undefined)?.data;
          if (!isCustomerResource(resource))
            return fail(InvalidResponseError, "expected a JSON:API document with a customers resource");
          return flatten(resource);
        },
      });
    },
  };

  return {
    ...single,
    ...bulkUpdates<CustomerUpdateItem, Customer>(({ id, update }, signal) =>
      single.updateCustomer(id, update, { signal }),
    ),
  };
}

export type CommerceLayerClient = ReturnType<typeof createCommerceLayerClient>;

/** The API's name for each camelCase attribute of `CustomerUpdate` whose name differs. */
const ATTRIBUTE_NAMES: Record<string, string> = {
  referenceOrigin: "reference_origin",
  shopperReference: "shopper_reference",
  profileId: "profile_id",
  taxExemptionCode: "tax_exemption_code",
  requestAnonymization: "_request_anonymization",
  cancelAnonymization: "_cancel_anonymization",
};

function toDocument(id: string, update: CustomerUpdate): CustomerUpdateDocument {
  // Unknown keys go into `attributes` as given, where the spec's schema refuses them.
  const { customerGroupId, tagIds, addTags, removeTags, ...rest } = update;
  const attributes = Object.fromEntries(
    Object.entries({ ...rest, _add_tags: addTags?.join(","), _remove_tags: removeTags?.join(",") })
      .filter(([, value]) => value !== undefined)
      .map(([name, value]) => [ATTRIBUTE_NAMES[name] ?? name, value]),
  ) as NonNullable<CustomerUpdateDocument["data"]["attributes"]>;
  const data: CustomerUpdateDocument["data"] = { type: "customers", id };
  if (Object.keys(attributes).length > 0) data.attributes = attributes;
  const relationships: NonNullable<CustomerUpdateDocument["data"]["relationships"]> = {};
  if (customerGroupId !== undefined)
    relationships.customer_group = { data: { type: "customer_groups", id: customerGroupId } };
  if (tagIds !== undefined)
    relationships.tags = { data: tagIds.map((tagId) => ({ type: "tags" as const, id: tagId })) };
  if (Object.keys(relationships).length > 0) data.relationships = relationships;
  return { data };
}

function isCustomerResource(value: unknown): value is CustomerResource {
  const resource = value as Partial<CustomerResource> | undefined;
  return (
    resource?.type === "customers" &&
    typeof resource.id === "string" &&
    typeof resource.attributes === "object" &&
    resource.attributes !== null
  );
}

function flatten(resource: CustomerResource): Customer {
  const attributes = resource.attributes;
  return {
    id: resource.id,
    email: attributes.email,
    status: attributes.status,
    hasPassword: attributes.has_password,
    totalOrdersCount: attributes.total_orders_count,
    reference: attributes.reference ?? null,
    referenceOrigin: attributes.reference_origin ?? null,
    metadata: attributes.metadata ?? {},
    shopperReference: attributes.shopper_reference ?? null,
    profileId: attributes.profile_id ?? null,
    taxExemptionCode: attributes.tax_exemption_code ?? null,
    anonymizationStatus: attributes.anonymization_status ?? null,
    createdAt: attributes.created_at,
    updatedAt: attributes.updated_at,
    mode: resource.meta?.mode,
    url: resource.links?.self,
    relationships: Object.fromEntries(
      Object.entries(resource.relationships ?? {}).map(([name, relationship]) => [name, relationship?.links ?? {}]),
    ),
    resource,
  };
}
