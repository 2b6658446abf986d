// Requests and responses copied from the vendors' own documentation, samples and SDKs, each with
// where it comes from. Every one must be accepted as the vendor documents it; `refused` lists
// near-misses the spec must still refuse, so the check cannot pass by accepting anything.

const XP_CUSTOMERS =
  "https://experience-crm.gitbook.io/experience-crm-api/reservations/pms-api/update-existing-customers";
const XP_BOOKINGS =
  "https://experience-crm.gitbook.io/experience-crm-api/reservations/pms-api/create-and-update-bookings";
const CL_UPDATE = "https://docs.commercelayer.io/core/api-reference/customers/update";
const CL_OBJECT = "https://docs.commercelayer.io/core/api-reference/customers/object";
const CL_SDK =
  "github.com/commercelayer/commercelayer-sdk src/resources/customers.ts (CustomerUpdate, Customer; 7.11.0)";
const CL_ERRORS = "https://docs.commercelayer.io/core/handling-errors";
const CAP_REFERENCE =
  "https://docs.capillarytech.com/reference/update-customer-details_v1api (reference OpenAPI customer-v11.json, update-customer-details_v1api)";
const CAP_V11 =
  "Capillary v1.1 API documentation, Update Customer Details (github.com/sarthtalati/v1.1-API-Documentation source/includes/_customer.md)";
const XT_EDIT = "https://docs.xtrakit.com/overview/customers/edit-customer";
const XT_FETCH = "https://docs.xtrakit.com/overview/customers/fetch-customer";
const PX_UPDATE = "https://developer.pexipengage.com/development/operation/operation-updatecustomerbyid";

const clLinks = (/** @type {string} */ name) => ({
  links: {
    self: `https://yourdomain.commercelayer.io/api/customers/xYZkjABcde/relationships/${name}`,
    related: `https://yourdomain.commercelayer.io/api/customers/xYZkjABcde/${name}`,
  },
});

/** The Edit Customer page's sample request. */
const xtrakitFields = {
  customer_group_id: 1,
  customer_name: "Jane Doe",
  customer_email: "jane.doe@example.com",
  customer_phone: "+233244567890",
  customer_whatsapp: "+233244567890",
  customer_country: "Ghana",
  customer_city: "Accra",
  customer_state: "Greater Accra",
  customer_zip: "00233",
  address1: "123 Main Street",
  address2: "Apt 4B, Downtown Complex",
  customer_profile: "https://example.com/profiles/customer123.jpg",
  created_by: "Edward",
};
const xtrakitCustomer = {
  id: 1,
  ...xtrakitFields,
  created_at: "2024-08-04 08:23:45",
  updated_at: "2024-08-04 02:00:43",
};
const xtrakitGroup = {
  id: 1,
  group_name: "Premium Customers",
  group_description: "Customers who have spent over $1000 and have been with the business for over a year.",
  created_at: "2024-08-04 08:23:45",
  updated_at: "2024-08-04 02:00:43",
};

/** The subscription states both of Capillary's documented samples show: [channel, priority, status]. */
const capillarySubscriptionStates = [
  ["SMS", "BULK", "1"],
  ["SMS", "TRANS", "1"],
  ["EMAIL", "BULK", "0"],
  ["EMAIL", "TRANS", "1"],
];
/** As its responses list them. */
const capillarySubscriptions = {
  subscription: capillarySubscriptionStates.map(([channel, priority, status]) => ({
    channel,
    priority,
    scope: "ALL",
    status,
  })),
};
/** As its update requests send them: in the reverse order, the channel in lower case. */
const capillaryRequestSubscriptions = {
  subscription: capillarySubscriptionStates.toReversed().map(([channel, priority, status]) => ({
    priority,
    scope: "all",
    is_subscribed: status,
    channel: channel.toLowerCase(),
  })),
};

/**
 * Both of Capillary's documented update requests: the same customer but for who it is.
 * @param {{ mobile: string; firstname: string; lastname: string }} who
 */
const capillaryRequestCustomer = (who) => ({
  ...who,
  email: "",
  external_id: "",
  updated_on: "2019-09-11 10:12:00",
  registered_till: "",
  associated_with: "",
  type: "LOYALTY",
  fraud_status: { status: "" },
  subscriptions: capillaryRequestSubscriptions,
  extended_fields: {
    field: [
      { name: "gender", value: "male" },
      { name: "Nationality", value: "Indian" },
    ],
  },
  custom_fields: { field: [{ name: "age", value: "[“46”]" }] },
});

/** Experience's documented customer update. */
const experienceCustomer = {
  reference: "123456",
  title: "Mr",
  firstname: "John",
  lastname: "Doe",
  email: "testemail@test.com",
  phone: "+336464848",
  birthdate: "1982-04-23",
  country: "FR",
  language: "EN",
  address_street_number_and_name: "122 Grand Street",
  address_postal_code: "75001",
  address_state: "Ile de France",
  address_city: "Paris",
  nationality: "FR",
  identity_document_number: "1234567890",
  extra_attributes: { vip: "1" },
};

/** Pexip's documented customer, as the update request sends it and the response returns it. */
const pexipFields = {
  externalId: "ABCD1234",
  customerNumber: "123456",
  email: "john.doe@pexip.com",
  firstName: "John",
  lastName: "Doe",
  company: "Acme Corp",
  language: "da",
  notes: "Lorem ipsum",
  phoneNumber: "+32412345678",
  existing: true,
  timeZone: "Europe/Brussels",
};
const pexipLocation = {
  postalCode: "9000",
  countryCode: "BE",
  geolocation: { latitude: 51.0479466, longitude: 3.6912248 },
  translations: {
    city: [{ language: "en", value: "Lorem ipsum" }],
    state: [{ language: "en", value: "Lorem ipsum" }],
    street1: [{ language: "en", value: "Lorem ipsum" }],
    street2: [{ language: "en", value: "Lorem ipsum" }],
  },
};

/** What both of Capillary's documented update responses end their customer with. */
const capillaryUpdatedTail = {
  lifetime_purchases: 0,
  registered_on: "2012-09-11 11:11:15",
  updated_on: "2019-12-09 14:59:49",
  type: "LOYALTY",
  source: "instore",
  fraud_status: "NONE",
  custom_fields: { field: [] },
  extended_fields: {
    field: [
      { name: "gender", value: "Male" },
      { name: "city", value: "Bangalore" },
      { name: "dob", value: "1998-09-01" },
    ],
  },
  subscriptions: capillarySubscriptions,
  side_effects: { effect: [] },
  item_status: {
    success: "true",
    code: "1000",
    message: "Customer successfully updated",
    warnings: { warning: ["91017", "1017"] },
  },
};

/**
 * A documented update response for one customer: the status block, then the customer with its points summaries.
 * @param {Record<string, unknown>} customer
 * @param {Record<string, string>[]} pointsSummaries
 */
const capillaryUpdated = (customer, pointsSummaries) => ({
  response: {
    status: { success: "true", code: 200, message: "Success", total: "1", success_count: "1" },
    customers: {
      customer: [{ ...customer, points_summaries: { points_summary: pointsSummaries }, ...capillaryUpdatedTail }],
    },
  },
});

/** @type {import("./samples.js").Sample[]} */
export const samples = [
  // Experience
  {
    kind: "request",
    vendor: "experience",
    operationId: "updateCustomers",
    source: XP_CUSTOMERS,
    body: { customers: [experienceCustomer] },
  },
  {
    kind: "request",
    vendor: "experience",
    operationId: "updateCustomers",
    source: `${XP_BOOKINGS} (the booking's customer object, sent as a customer update)`,
    body: {
      customers: [
        { ...experienceCustomer, reference: "12456789", birthdate: "1972-08-27", country: "AU", language: "en" },
      ],
    },
  },
  {
    kind: "response",
    vendor: "experience",
    operationId: "updateCustomers",
    source: XP_CUSTOMERS,
    status: "200",
    mediaType: "text/plain",
    body: "1 customers updated",
  },

  // Commerce Layer
  {
    kind: "request",
    vendor: "commercelayer",
    operationId: "updateCustomer",
    source: CL_UPDATE,
    body: {
      data: {
        type: "customers",
        id: "xYZkjABcde",
        attributes: { password: "secret" },
        relationships: { customer_group: { data: { type: "customer_groups", id: "ABCRtyUpBa" } } },
      },
    },
  },
  {
    kind: "request",
    vendor: "commercelayer",
    operationId: "updateCustomer",
    source: `${CL_UPDATE} (every argument the page lists, with the SDK's example values)`,
    body: {
      data: {
        type: "customers",
        id: "xYZkjABcde",
        attributes: {
          email: "john@example.com",
          password: "secret",
          shopper_reference: "xxx-yyy-zzz",
          profile_id: "xxx-yyy-zzz",
          tax_exemption_code: "xxx-yyy-zzz",
          _add_tags: "tag1,tag2",
          _remove_tags: "tag3",
          reference: "xxx-yyy-zzz",
          reference_origin: "xxx-yyy-zzz",
          metadata: { foo: "bar" },
          _request_anonymization: true,
          _cancel_anonymization: true,
        },
        relationships: {
          customer_group: { data: { type: "customer_groups", id: "ABCRtyUpBa" } },
          tags: { data: [{ type: "tags", id: "AbcRtyUpBa" }] },
        },
      },
    },
  },
  {
    kind: "request",
    vendor: "commercelayer",
    operationId: "updateCustomer",
    source: `${CL_SDK} (nullable attributes sent as null to clear them)`,
    body: {
      data: {
        type: "customers",
        id: "xYZkjABcde",
        attributes: {
          shopper_reference: null,
          profile_id: null,
          tax_exemption_code: null,
          reference: null,
          reference_origin: null,
        },
      },
    },
  },
  {
    kind: "response",
    vendor: "commercelayer",
    operationId: "updateCustomer",
    source: `${CL_OBJECT} and ${CL_SDK}`,
    status: "200",
    mediaType: "application/vnd.api+json",
    body: {
      data: {
        id: "xYZkjABcde",
        type: "customers",
        links: { self: "https://yourdomain.commercelayer.io/api/customers/xYZkjABcde" },
        attributes: {
          email: "john@example.com",
          status: "prospect",
          has_password: false,
          total_orders_count: 6,
          shopper_reference: "xxx-yyy-zzz",
          profile_id: "xxx-yyy-zzz",
          tax_exemption_code: "xxx-yyy-zzz",
          created_at: "2018-01-01T12:00:00.000Z",
          updated_at: "2018-01-01T12:00:00.000Z",
          reference: "xxx-yyy-zzz",
          reference_origin: "xxx-yyy-zzz",
          metadata: { foo: "bar" },
          jwt_custom_claim: {},
          anonymization_info: {
            status: "requested",
            requested_at: "2025-03-15 11:39:21 UTC",
            requester: { id: "fdgt56hh", first_name: "Travis", last_name: "Muller", email: "test@labadie.test" },
          },
          anonymization_status: "requested",
        },
        relationships: Object.fromEntries(
          [
            "customer_group",
            "customer_addresses",
            "customer_payment_sources",
            "customer_subscriptions",
            "orders",
            "order_subscriptions",
            "returns",
            "sku_lists",
            "attachments",
            "events",
            "tags",
            "jwt_customer",
            "jwt_markets",
            "jwt_stock_locations",
            "event_stores",
          ].map((name) => [name, clLinks(name)]),
        ),
        meta: { mode: "test", organization_id: "xxxxxx", trace_id: "xxxxxxxx" },
      },
    },
  },
  {
    kind: "response",
    vendor: "commercelayer",
    operationId: "updateCustomer",
    source: CL_ERRORS,
    status: "404",
    mediaType: "application/vnd.api+json",
    body: {
      errors: [
        {
          title: "Record not found",
          detail: "The requested resource was not found. Please double-check the resource id.",
          code: "RECORD_NOT_FOUND",
          status: "404",
        },
      ],
    },
  },
  {
    kind: "response",
    vendor: "commercelayer",
    operationId: "updateCustomer",
    source: CL_ERRORS,
    status: "422",
    mediaType: "application/vnd.api+json",
    body: {
      errors: [
        {
          title: "has already been taken",
          detail: "email - has already been taken",
          code: "VALIDATION_ERROR",
          source: { pointer: "/data/attributes/email" },
          status: "422",
          meta: { error: "taken" },
        },
      ],
    },
  },

  // Capillary
  {
    kind: "request",
    vendor: "capillary",
    operationId: "updateCustomers",
    source: `${CAP_REFERENCE} (curl sample: no format query parameter)`,
    body: {
      root: {
        customer: [capillaryRequestCustomer({ mobile: "44700900015", firstname: "Ritta", lastname: "Jame" })],
      },
    },
  },
  {
    kind: "request",
    vendor: "capillary",
    operationId: "updateCustomers",
    source: CAP_V11,
    query: { format: "json" },
    body: {
      root: {
        customer: [capillaryRequestCustomer({ mobile: "44700900011", firstname: "Rita", lastname: "James" })],
      },
    },
  },
  {
    kind: "response",
    vendor: "capillary",
    operationId: "updateCustomers",
    source: CAP_REFERENCE,
    status: "200",
    mediaType: "application/json",
    body: capillaryUpdated(
      {
        user_id: 173035394,
        firstname: "Ritta",
        lastname: "James",
        mobile: "44700900015",
        email: "test5@test.com",
        external_id: "6420102700000035",
        lifetime_points: 550,
        loyalty_points: 500,
        current_slab: "Member Tier ",
        tier_expiry_date: "2121-11-16 23:59:59",
      },
      [
        {
          programId: "469",
          redeemed: "0",
          expired: "50",
          returned: "0",
          adjusted: "0",
          lifetimePoints: "550",
          loyaltyPoints: "500",
          cumulativePurchases: "0",
          currentSlab: "Member Tier ",
          nextSlab: "Silver Tier",
          nextSlabSerialNumber: "2",
          nextSlabDescription: "Tier 2",
          slabSNo: "1",
          slabExpiryDate: "2121-11-16 23:59:59",
          totalPoints: "",
        },
        {
          programId: "772",
          redeemed: "0",
          expired: "0",
          returned: "0",
          adjusted: "0",
          lifetimePoints: "0",
          loyaltyPoints: "0",
          cumulativePurchases: "0",
          currentSlab: "Member",
          nextSlab: "Silver ",
          nextSlabSerialNumber: "2",
          nextSlabDescription: "silver tier",
          slabSNo: "1",
          slabExpiryDate: "2123-09-12 23:59:59",
          totalPoints: "",
        },
      ],
    ),
  },
  {
    kind: "response",
    vendor: "capillary",
    operationId: "updateCustomers",
    source: CAP_V11,
    status: "200",
    mediaType: "application/json",
    body: capillaryUpdated(
      {
        user_id: 343445382,
        firstname: "Rita",
        lastname: "James",
        mobile: "917713643123",
        email: "rita.john@example.com",
        external_id: "XYPZ006",
        lifetime_points: 0,
        loyalty_points: 0,
        current_slab: "bronze",
        tier_expiry_date: "2112-09-11 23:59:59",
      },
      [
        {
          programId: "1016",
          redeemed: "100",
          expired: "20",
          returned: "0",
          adjusted: "0",
          lifetimePoints: "2400",
          loyaltyPoints: "2280",
          cumulativePurchases: "23400",
          currentSlab: "bronze",
          nextSlab: "silver",
          nextSlabSerialNumber: "2",
          nextSlabDescription: "silver",
          slabSNo: "1",
          slabExpiryDate: "2119-09-11 23:59:59",
          totalPoints: "",
        },
      ],
    ),
  },
  {
    kind: "response",
    vendor: "capillary",
    operationId: "updateCustomers",
    source: `${CAP_REFERENCE} (400 example)`,
    status: "400",
    mediaType: "application/json",
    body: {},
  },

  // Xtrakit
  {
    kind: "request",
    vendor: "xtrakit",
    operationId: "updateCustomer",
    source: XT_EDIT,
    body: xtrakitFields,
  },
  {
    kind: "response",
    vendor: "xtrakit",
    operationId: "updateCustomer",
    source: `${XT_EDIT} (the sample without its literal "..." and trailing commas)`,
    status: "200",
    mediaType: "application/json",
    body: {
      status: 200,
      message: "Customer updated successfully",
      data: { customer: xtrakitCustomer, "customer-group": [xtrakitGroup] },
    },
  },
  {
    kind: "response",
    vendor: "xtrakit",
    operationId: "updateCustomer",
    source: `${XT_FETCH} (the same stored customer, with user_id and business_code)`,
    status: "200",
    mediaType: "application/json",
    body: {
      status: 200,
      message: "Customer found",
      data: {
        customer: { ...xtrakitCustomer, user_id: "f93c5a51-ffa4-4aef-a45b-4cdec1c8cc10", business_code: "15848484" },
        "customer-group": [
          { ...xtrakitGroup, user_id: "f93c5a51-ffa4-4aef-a45b-4cdec1c8cc10", business_code: "15848484" },
        ],
      },
    },
  },
  // The page's two 401 answers.
  ...["Missing Bearer Token", "Invalid API Key"].map((reason) => ({
    kind: /** @type {const} */ ("response"),
    vendor: "xtrakit",
    operationId: "updateCustomer",
    source: XT_EDIT,
    status: "401",
    mediaType: "application/json",
    body: { status: 401, error: `Unauthorized: ${reason}` },
  })),

  // Pexip
  {
    kind: "request",
    vendor: "pexip",
    operationId: "updateCustomer",
    source: PX_UPDATE,
    body: { ...pexipFields, location: pexipLocation },
  },
  {
    kind: "response",
    vendor: "pexip",
    operationId: "updateCustomer",
    source: PX_UPDATE,
    status: "200",
    mediaType: "application/json",
    body: {
      data: {
        id: "123",
        ...pexipFields,
        createdAt: "2022-08-17T19:05:21.362Z",
        updatedAt: "2022-08-17T19:05:21.362Z",
        deletedAt: "2022-08-17T19:05:21.362Z",
        location: {
          city: { language: "en", value: "Lorem ipsum" },
          state: { language: "en", value: "Lorem ipsum" },
          street1: { language: "en", value: "Lorem ipsum" },
          street2: { language: "en", value: "Lorem ipsum" },
          ...pexipLocation,
          formattedAddress: "string",
        },
      },
    },
  },
  {
    kind: "response",
    vendor: "pexip",
    operationId: "updateCustomer",
    source: PX_UPDATE,
    status: "404",
    mediaType: "application/json",
    body: { errors: [{ message: "string", code: "string", type: "string", statusCode: "string" }] },
  },
  {
    kind: "response",
    vendor: "pexip",
    operationId: "updateCustomer",
    source: PX_UPDATE,
    status: "422",
    mediaType: "application/json",
    body: { errors: [{ message: "string", code: "string", type: "string", statusCode: "string", arguments: {} }] },
  },
];

/**
 * Near-misses of documented samples that the specs must refuse.
 * @type {import("./samples.js").Sample[]}
 */
export const refused = [
  {
    kind: "request",
    vendor: "commercelayer",
    operationId: "updateCustomer",
    source: "an attribute no page documents",
    body: { data: { type: "customers", id: "xYZkjABcde", attributes: { nickname: "Johnny" } } },
  },
  {
    kind: "request",
    vendor: "commercelayer",
    operationId: "updateCustomer",
    source: "a shopper_reference shorter than the documented 3 characters",
    body: { data: { type: "customers", id: "xYZkjABcde", attributes: { shopper_reference: "ab" } } },
  },
  {
    kind: "request",
    vendor: "commercelayer",
    operationId: "updateCustomer",
    source: "a tags relationship that names another resource type",
    body: {
      data: {
        type: "customers",
        id: "xYZkjABcde",
        relationships: { tags: { data: [{ type: "markets", id: "AbcRtyUpBa" }] } },
      },
    },
  },
  {
    kind: "request",
    vendor: "capillary",
    operationId: "updateCustomers",
    source: "a customer with no identifier",
    body: { root: { customer: [{ firstname: "Ritta" }] } },
  },
  {
    kind: "request",
    vendor: "capillary",
    operationId: "updateCustomers",
    source: "a fraud status the page does not list",
    body: { root: { customer: [{ mobile: "44700900015", fraud_status: { status: "MAYBE" } }] } },
  },
  {
    kind: "response",
    vendor: "xtrakit",
    operationId: "updateCustomer",
    source: "a timestamp in another shape than YYYY-MM-DD HH:MM:SS",
    status: "200",
    mediaType: "application/json",
    body: {
      status: 200,
      message: "Customer updated successfully",
      data: { customer: { ...xtrakitCustomer, created_at: "2024-08-04T08:23:45Z" }, "customer-group": [] },
    },
  },
  {
    kind: "request",
    vendor: "pexip",
    operationId: "updateCustomer",
    source: "a member the page's closed location object does not allow",
    body: {
      location: {
        countryCode: "BE",
        translations: {
          city: [{ language: "en", value: "Gent" }],
          street1: [{ language: "en", value: "Veldstraat 1" }],
        },
        province: "Oost-Vlaanderen",
      },
    },
  },
];

/**
 * The body of the first documented request sample of a vendor's operation.
 * @param {string} vendor
 * @param {string} operationId
 */
export function documentedRequest(vendor, operationId) {
  const sample = samples.find(
    (candidate) => candidate.kind === "request" && candidate.vendor === vendor && candidate.operationId === operationId,
  );
  if (!sample) throw new Error(`no documented request for ${vendor} ${operationId}`);
  return structuredClone(sample.body);
}
