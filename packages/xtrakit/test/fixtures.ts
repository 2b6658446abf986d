import { documentedRequest } from "@customer-clients/test-utils/samples";
import { requestSchemas } from "../src/generated/request-schemas.js";
import type { CustomerFields } from "../src/index.js";

/** The page's sample request. */
export const jane = documentedRequest("xtrakit", "updateCustomer") as CustomerFields;

/** The fields the spec requires. */
export const REQUIRED = requestSchemas.updateCustomer.body.required;

/** The page's sample with only the required fields. */
export const requiredOnly = Object.fromEntries(
  REQUIRED.map((field) => [field, jane[field]]),
) as unknown as CustomerFields;

/** `fields` without `field`, past the types: what a caller who forgot it would send. */
export function without(fields: CustomerFields, field: string): CustomerFields {
  const { [field]: _dropped, ...rest } = fields as Record<string, unknown>;
  return rest as CustomerFields;
}
