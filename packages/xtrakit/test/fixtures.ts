import { requestSchemas } from "../src/generated/request-schemas.js";
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

/** The fields the spec requires. */
export const REQUIRED = requestSchemas.updateCustomer.body.required;

/** The page's sample with only the required fields. */
export const requiredOnly = Object.fromEntries(REQUIRED.map((field) => [field, jane[field]])) as unknown as CustomerFields;

/** `fields` without `field`, past the types: what a caller who forgot it would send. */
export function without(fields: CustomerFields, field: string): CustomerFields {
  const { [field]: _dropped, ...rest } = fields as Record<string, unknown>;
  return rest as CustomerFields;
}
