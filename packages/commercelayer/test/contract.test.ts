// The real client against a Prism mock of specs/commercelayer/openapi.yaml.
import {
  AuthenticationError,
  BadRequestError,
  NotFoundError,
  RateLimitError,
  UnprocessableEntityError,
  unwrap,
} from "@customer-clients/core";
import { forwardingFetch } from "@customer-clients/test-utils";
import { describe, expect, inject, it } from "vitest";
import { operations } from "../src/generated/examples.js";
import { createCommerceLayerClient, type CommerceLayerClientOptions, type CustomerUpdate } from "../src/index.js";

const baseUrl = inject("prismUrl");
const accessToken = "contract-access-token-0123";
// Prism answers with the spec's example, whose id is the vendor's "xYZkjABcde".
const id = "xYZkjABcde";
const update: CustomerUpdate = {
  email: "john@example.com",
  reference: "ANY-EXTERNAL-REFEFERNCE",
  metadata: { foo: "bar" },
  customerGroupId: "BdfRqoVWpm",
};

/** A client whose requests get `change` after the client built and validated them; `seen` holds the answers. */
function clientRewriting(
  change: Parameters<typeof forwardingFetch>[0],
  options: Partial<CommerceLayerClientOptions> = {},
) {
  const fetch = forwardingFetch(change);
  const client = createCommerceLayerClient({
    baseUrl,
    auth: { accessToken },
    maxRetries: 0,
    fetch,
    ...options,
  } as CommerceLayerClientOptions);
  return { client, seen: fetch.responses };
}

describe("commercelayer contract (Prism)", () => {
  it("updates a customer with a ready token and flattens the resource", async () => {
    const client = createCommerceLayerClient({ baseUrl, auth: { accessToken } });
    const { data, error } = await client.updateCustomer(id, update);
    expect(error).toBeUndefined();
    expect(data).toMatchObject({
      id,
      email: "john@example.com",
      status: "prospect",
      hasPassword: false,
      reference: "ANY-EXTERNAL-REFEFERNCE",
      referenceOrigin: "ANY-EXTERNAL-REFEFERNCE-ORIGIN",
      metadata: { foo: "bar" },
      mode: "test",
      url: `https://yourdomain.commercelayer.io/api/customers/${id}`,
    });
    expect(Object.keys(data?.relationships ?? {})).toEqual(
      Object.keys(operations.updateCustomer.responses["200"].examples.updated.data.relationships),
    );
    await expect(unwrap(client.updateCustomer(id, { password: "secret" }))).resolves.toMatchObject({ id });
  });

  it("exchanges client credentials at the mocked token endpoint first", async () => {
    const { client, seen } = clientRewriting(
      {},
      { auth: { clientId: "your-client-id", clientSecret: "your-client-secret" }, authBaseUrl: baseUrl },
    );
    const { data, error } = await client.updateCustomer(id, update);
    expect(error).toBeUndefined();
    expect(data?.id).toBe(id);
    expect(seen.map((response) => new URL(response.url).pathname)).toEqual(["/oauth/token", `/api/customers/${id}`]);
  });

  it("is refused with 422 when the document names another resource type", async () => {
    // Past the client's types and validation, which always send `customers`.
    const { client, seen } = clientRewriting({
      body: { data: { type: "users", id, attributes: { email: "john@example.com" } } },
    });
    const { error } = await client.updateCustomer(id, update);
    expect(error).toBeInstanceOf(UnprocessableEntityError);
    expect(error).toMatchObject({
      vendor: "commercelayer",
      operation: "updateCustomer",
      status: 422,
      code: "VALIDATION_ERROR",
      retryable: false,
    });
    expect(error?.details.length).toBeGreaterThan(1);
    expect(error?.details[0]).toEqual({
      path: "/data/attributes/email",
      code: "VALIDATION_ERROR",
      message: "email - has already been taken",
    });
    // Prism's own reason: the resource type.
    expect(seen[0]?.headers.get("sl-violations")).toContain("data.type");
  });

  it("is refused with 401 when the request carries no token", async () => {
    const { client } = clientRewriting({ headers: { authorization: null } });
    const { error } = await client.updateCustomer(id, update);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({
      status: 401,
      code: "INVALID_TOKEN",
      details: [{ code: "INVALID_TOKEN", message: "The access token you provided is invalid." }],
    });
    const shown = JSON.stringify(error) + String(error?.stack);
    expect(shown).not.toContain(accessToken);
  });

  it("is refused with 415 when the body is not sent as application/vnd.api+json", async () => {
    // Prism accepts any JSON media type for a `+json` one, so a non-JSON type stands in for the wrong one.
    const { client } = clientRewriting({ headers: { "content-type": "text/plain" } });
    const { error } = await client.updateCustomer(id, update);
    expect(error).toBeInstanceOf(BadRequestError);
    expect(error).toMatchObject({ status: 415, code: "UNSUPPORTED_MEDIA_TYPE" });
  });

  it("is refused with 406 when the client does not accept application/vnd.api+json", async () => {
    const { client } = clientRewriting({ headers: { accept: "application/xml" } });
    const { error } = await client.updateCustomer(id, update);
    expect(error).toBeInstanceOf(BadRequestError);
    expect(error?.status).toBe(406);
    expect(error?.message).toContain("application/xml");
  });

  it.each([
    ["404", NotFoundError, "RECORD_NOT_FOUND"],
    ["429", RateLimitError, "TOO_MANY_REQUESTS"],
  ])("reads the documented %s error document", async (code, cls, vendorCode) => {
    const { client } = clientRewriting({ headers: { prefer: `code=${code}` } });
    const { error } = await client.updateCustomer(id, update);
    expect(error).toBeInstanceOf(cls);
    expect(error?.code).toBe(vendorCode);
  });
});
