import type { CustomerFields } from "../src/index.js";

/** The page's sample request. */
export const jane: CustomerFields = {
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

/** The fields the Edit Customer page marks "Required", in its order. */
export const REQUIRED_ON_THE_PAGE = [
  "customer_name",
  "customer_phone",
  "customer_country",
  "customer_city",
  "customer_state",
  "address1",
  "created_by",
] as const;

/** The page's sample with only the required fields. */
export const requiredOnly: CustomerFields = {
  customer_name: jane.customer_name,
  customer_phone: jane.customer_phone,
  customer_country: jane.customer_country,
  customer_city: jane.customer_city,
  customer_state: jane.customer_state,
  address1: jane.address1,
  created_by: jane.created_by,
};

/** `fields` without `field`, past the types: what a caller who forgot it would send. */
export function without(fields: CustomerFields, field: string): CustomerFields {
  const { [field]: _dropped, ...rest } = fields as Record<string, unknown>;
  return rest as CustomerFields;
}
