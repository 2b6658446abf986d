import type { ParsedErrorBody } from "@customer-clients/core";
import { detailsOf, list, readUpdateResponse, record, text, type Loose } from "./response.js";

/**
 * The vendor's error body parser: Capillary's `status` block (with its failed customers), the
 * token endpoint's `errors` list, or a message from any other JSON body.
 */
export function parseErrorBody(body: unknown): ParsedErrorBody {
  const result = readUpdateResponse(body);
  if (result) {
    const details = detailsOf(result);
    return {
      code: result.code === undefined ? undefined : String(result.code),
      message: result.message || undefined,
      details,
    };
  }
  const object = record(body);
  const errors = list(object?.errors)
    .map(record)
    .filter((entry): entry is Loose => entry !== undefined);
  if (errors.length > 0) {
    return {
      code: text(errors[0]?.code),
      message:
        errors
          .map((entry) => text(entry.message))
          .filter(Boolean)
          .join("; ") || undefined,
      details: errors.map((entry) => ({
        ...(text(entry.code) === undefined ? {} : { code: text(entry.code) }),
        message: text(entry.message) ?? "error",
      })),
    };
  }
  const message = text(object?.message) ?? text(object?.detail) ?? text(object?.title);
  return message ? { message } : {};
}
