import { isObject, type ErrorDetail, type ParsedErrorBody } from "@customer-clients/core";

/** The business codes the vendor documents for a 422 on customer update. */
export const PEXIP_BUSINESS_CODES = [
  "CUSTOMER_NOT_IDENTIFIABLE",
  "LOCATION_GEOCODING_FAILED",
  "LOCATION_TIME_ZONE_RESOLUTION_FAILED",
] as const;
export type PexipBusinessCode = (typeof PEXIP_BUSINESS_CODES)[number];

const text = (value: unknown) => (typeof value === "string" && value.trim() !== "" ? value : undefined);

/**
 * Reads Pexip's error body, `{"errors":[{"message","code","type","statusCode","arguments"}]}`:
 * the first entry's code is the error's code, every entry becomes a detail. The vendor names no
 * field in an entry, so details carry no path; `arguments` stay in `error.body`.
 */
export function parseErrorBody(body: unknown): ParsedErrorBody {
  const errors = (body as { errors?: unknown } | null | undefined)?.errors;
  if (!Array.isArray(errors)) return {};
  const entries = errors.filter(isObject);
  const details: ErrorDetail[] = entries.map((entry) => {
    const code = text(entry.code);
    return { ...(code === undefined ? {} : { code }), message: text(entry.message) ?? code ?? "error" };
  });
  const messages = entries.map((entry) => text(entry.message)).filter((message) => message !== undefined);
  return {
    code: details[0]?.code,
    message: messages.length > 0 ? messages.join("; ") : undefined,
    details,
  };
}
