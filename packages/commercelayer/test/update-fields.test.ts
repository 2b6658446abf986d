// The update arguments of the vendor's current "Update a customer" page and SDK that the first
// contract lacked: how the flattened input maps onto the JSON:API document, and what the
// updated customer exposes.
import { InvalidRequestError } from "@customer-clients/core";
import { describe, expect, it } from "vitest";
import { operations } from "../src/generated/examples.js";
import { createCommerceLayerClient, type CustomerUpdate } from "../src/index.js";

const JSON_API = "application/vnd.api+json";
const id = "xYZkjABcde";

/** The spec's updated customer, which predates the identifier and anonymization attributes, with `attributes` added. */
function resource(attributes: Record<string, unknown> = {}) {
  const { data } = operations.updateCustomer.responses["200"].examples.updated;
  return { ...data, attributes: { ...data.attributes, ...attributes } };
}

/** A client whose every request is recorded and answered with `answer`. */
function recordingClient(answer = resource()) {
  const bodies: unknown[] = [];
  const client = createCommerceLayerClient({
    baseUrl: "https://acme.commercelayer.io",
    auth: { accessToken: "update-fields-token" },
    maxRetries: 0,
    fetch: async (input, init) => {
      const request = new Request(input, init);
      bodies.push(JSON.parse(await request.text()));
      return new Response(JSON.stringify({ data: answer }), { status: 200, headers: { "Content-Type": JSON_API } });
    },
  });
  return { client, bodies };
}

describe("commercelayer update fields", () => {
  it("sends the identifiers, tag triggers and anonymization triggers under their API names", async () => {
    const { client, bodies } = recordingClient();
    const update: CustomerUpdate = {
      shopperReference: "shopper-0001",
      profileId: "crm-42",
      taxExemptionCode: "EXEMPT-7",
      addTags: ["vip", "newsletter"],
      removeTags: ["prospect"],
      requestAnonymization: true,
    };
    const { error } = await client.updateCustomer(id, update);
    expect(error).toBeUndefined();
    expect(bodies).toEqual([
      {
        data: {
          type: "customers",
          id,
          attributes: {
            shopper_reference: "shopper-0001",
            profile_id: "crm-42",
            tax_exemption_code: "EXEMPT-7",
            _add_tags: "vip,newsletter",
            _remove_tags: "prospect",
            _request_anonymization: true,
          },
        },
      },
    ]);
  });

  it("replaces the tags through the tags relationship, beside the customer group", async () => {
    const { client, bodies } = recordingClient();
    const { error } = await client.updateCustomer(id, {
      cancelAnonymization: true,
      customerGroupId: "ABCRtyUpBa",
      tagIds: ["aBmNkPQrSt", "cDeFgHiJkL"],
    });
    expect(error).toBeUndefined();
    expect(bodies[0]).toEqual({
      data: {
        type: "customers",
        id,
        attributes: { _cancel_anonymization: true },
        relationships: {
          customer_group: { data: { type: "customer_groups", id: "ABCRtyUpBa" } },
          tags: {
            data: [
              { type: "tags", id: "aBmNkPQrSt" },
              { type: "tags", id: "cDeFgHiJkL" },
            ],
          },
        },
      },
    });
  });

  it("sends an empty tags relationship to remove every tag, and null to clear an identifier", async () => {
    const { client, bodies } = recordingClient();
    const { error } = await client.updateCustomer(id, { tagIds: [], profileId: null, reference: null });
    expect(error).toBeUndefined();
    expect(bodies[0]).toEqual({
      data: {
        type: "customers",
        id,
        attributes: { profile_id: null, reference: null },
        relationships: { tags: { data: [] } },
      },
    });
  });

  it("refuses, before sending, a shopper reference outside the documented 3 to 128 characters", async () => {
    const { client, bodies } = recordingClient();
    const short = await client.updateCustomer(id, { shopperReference: "ab" });
    expect(short.error).toBeInstanceOf(InvalidRequestError);
    const long = await client.updateCustomer(id, { shopperReference: "x".repeat(129) });
    expect(long.error).toBeInstanceOf(InvalidRequestError);
    expect(bodies).toEqual([]);
  });

  it("refuses a trigger of the wrong type before sending", async () => {
    const { client, bodies } = recordingClient();
    const { error } = await client.updateCustomer(id, { requestAnonymization: "yes" } as unknown as CustomerUpdate);
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect(bodies).toEqual([]);
  });

  it("flattens the identifiers and the anonymization status of the updated customer", async () => {
    const { client } = recordingClient(
      resource({
        shopper_reference: "shopper-0001",
        profile_id: "crm-42",
        tax_exemption_code: null,
        anonymization_status: "requested",
        anonymization_info: { status: "requested", requested_at: "2025-03-15 11:39:21 UTC" },
      }),
    );
    const { data } = await client.updateCustomer(id, { requestAnonymization: true });
    expect(data).toMatchObject({
      shopperReference: "shopper-0001",
      profileId: "crm-42",
      taxExemptionCode: null,
      anonymizationStatus: "requested",
      mode: "test",
    });
    expect(data?.resource.attributes.anonymization_info).toEqual({
      status: "requested",
      requested_at: "2025-03-15 11:39:21 UTC",
    });
  });

  it("reports null for identifiers an older response leaves out", async () => {
    const { client } = recordingClient(resource());
    const { data } = await client.updateCustomer(id, { email: "john@example.com" });
    expect(data).toMatchObject({
      shopperReference: null,
      profileId: null,
      taxExemptionCode: null,
      anonymizationStatus: null,
    });
  });
});
