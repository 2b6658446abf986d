import { isObject, type ErrorDetail, type ParsedErrorBody } from "@customer-clients/core";

const text = (value: unknown): string | undefined =>
  typeof value === "string" && value.trim() !== "" ? value : undefined;

/**
 * Reads Commerce Layer's JSON:API error document (`{"errors": [{title, detail, code, source,
 * status, meta}]}`): every entry becomes one detail, so a 422 with three invalid attributes keeps
 * all three. Bodies that are not JSON:API (the token endpoint's OAuth errors, a proxy's
 * `problem+json`) still give a code and message.
 */
export function parseErrorBody(body: unknown): ParsedErrorBody {
  if (!isObject(body)) return {};
  const entries = Array.isArray(body.errors) ? body.errors.filter(isObject) : [];
  if (entries.length === 0) {
    return {
      code: text(body.error) ?? text(body.code),
      message: text(body.error_description) ?? text(body.detail) ?? text(body.title) ?? text(body.message),
    };
  }
  const details = entries.map((entry): ErrorDetail => {
    const source = isObject(entry.source) ? entry.source : {};
    const detail: ErrorDetail = {
      message: text(entry.detail) ?? text(entry.title) ?? text(entry.code) ?? "unspecified error",
    };
    const path = text(source.pointer) ?? text(source.parameter);
    if (path !== undefined) detail.path = path;
    const code = text(entry.code);
    if (code !== undefined) detail.code = code;
    return detail;
  });
  return { code: details[0]?.code, message: details.map((detail) => detail.message).join("; "), details };
}
