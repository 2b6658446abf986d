import { isObject, type ErrorDetail, type ParsedErrorBody } from "@customer-clients/core";

/** Codes for the two documented 401 texts, so callers can tell them apart without parsing the message. */
const DOCUMENTED_ERRORS: Readonly<Record<string, string>> = {
  "unauthorized: missing bearer token": "missing_bearer_token",
  "unauthorized: invalid api key": "invalid_api_key",
};

/**
 * Reads an Xtrakit error body. The documented one is `{status, error}`; its `error` becomes the
 * message, and the two documented texts get a code (`missing_bearer_token`, `invalid_api_key`).
 * Other error bodies are undocumented: a `message` is read as well, and a map of
 * field -> message(s) under `errors` (the usual validation body of PHP frameworks) becomes
 * per-field details, so they are not lost if the server sends them.
 */
export function parseErrorBody(body: unknown): ParsedErrorBody {
  if (!isObject(body)) return {};
  const { error, message, errors, code } = body;
  const parsed: ParsedErrorBody = {};
  if (typeof error === "string") parsed.message = error;
  else if (typeof message === "string") parsed.message = message;
  if (typeof code === "string" || typeof code === "number") parsed.code = String(code);
  else if (typeof error === "string") parsed.code = DOCUMENTED_ERRORS[error.trim().toLowerCase()];
  if (isObject(errors)) {
    const details: ErrorDetail[] = Object.entries(errors).flatMap(([field, value]) =>
      (Array.isArray(value) ? value : [value])
        .filter((text): text is string => typeof text === "string")
        .map((text) => ({ path: `/${field.replace(/~/g, "~0").replace(/\//g, "~1")}`, message: text })),
    );
    if (details.length > 0) parsed.details = details;
  }
  return parsed;
}
