import type { ParsedErrorBody } from "@customer-clients/core";

/** Experience documents no error body: a JSON `message` or `error`, and a `code`, are read if the server sends them. */
export function parseErrorBody(body: unknown): ParsedErrorBody {
  if (!body || typeof body !== "object") return {};
  const { message, error, code } = body as Record<string, unknown>;
  const text = typeof message === "string" ? message : typeof error === "string" ? error : undefined;
  return { message: text, code: typeof code === "string" || typeof code === "number" ? String(code) : undefined };
}
