import {
  ConnectionError,
  DEFAULT_TIMEOUT_MS,
  InvalidResponseError,
  TimeoutError,
  AuthenticationError,
  errorForStatus,
  requireCredential,
  type CredentialSource,
  type FetchLike,
  type IssuedToken,
} from "@customer-clients/core";

export type PexipEnvironment = "production" | "staging" | "development";

/** The scope the customer update needs. */
export const PEXIP_SCOPE = "engage:customers:readWrite";

/**
 * The enterprise's realm token endpoint. Production and development hosts are documented; the
 * staging host follows the same pattern and is unverified.
 */
export function pexipTokenUrl(enterprise: string, environment: PexipEnvironment = "production"): string {
  const host = environment === "production" ? "auth.pexipengage.com" : `auth.${environment}.pexipengage.com`;
  return `https://${host}/realms/${encodeURIComponent(enterprise)}/protocol/openid-connect/token`;
}

export interface ClientCredentials {
  clientId: CredentialSource;
  clientSecret: CredentialSource;
  /** Default `engage:customers:readWrite`. */
  scope?: string;
  /** Overrides the realm's token URL, e.g. for a test server. */
  tokenUrl?: string;
}

interface ExchangeContext {
  tokenUrl: string;
  fetch: FetchLike;
  timeoutMs?: number;
  /** Called with the client secret once it is known, so that errors can redact it. */
  remember: (secret: string) => void;
  /** Vendor, operation and secrets for the errors. */
  errorContext: () => { vendor: string; operation: string; secrets: readonly string[] };
}

/** Keycloak (RFC 6749) lifetimes are optional; without one, renew soon rather than never. */
const FALLBACK_LIFETIME_SECONDS = 60;

/** One client-credentials exchange. Failures are the client's own errors, with a redacted message. */
export async function exchangeClientCredentials(credentials: ClientCredentials, context: ExchangeContext): Promise<IssuedToken> {
  const clientId = await requireCredential(credentials.clientId, "auth.clientId");
  const clientSecret = await requireCredential(credentials.clientSecret, "auth.clientSecret");
  context.remember(clientSecret);
  const request = new Request(context.tokenUrl, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
    body: new URLSearchParams({ grant_type: "client_credentials", client_id: clientId, client_secret: clientSecret, scope: credentials.scope ?? PEXIP_SCOPE }),
  });
  const base = context.errorContext();
  const prefix = `${base.vendor} ${base.operation}: token exchange`;
  const timeoutMs = context.timeoutMs ?? DEFAULT_TIMEOUT_MS;

  let response: Response;
  try {
    response = await context.fetch(request, { signal: AbortSignal.timeout(timeoutMs) });
  } catch (cause) {
    if ((cause as Error | undefined)?.name === "TimeoutError") {
      throw new TimeoutError({ ...base, cause, retryable: true, message: `${prefix}: no response within ${timeoutMs} ms` });
    }
    throw new ConnectionError({ ...base, cause, retryable: true, message: `${prefix}: connection failed (${(cause as Error | undefined)?.message ?? String(cause)})` });
  }

  const raw = await response.text().catch(() => "");
  let body: unknown = raw;
  try {
    body = JSON.parse(raw);
  } catch {
    // Not JSON: keep the text for the error.
  }
  const fields = (body !== null && typeof body === "object" ? body : {}) as Record<string, unknown>;

  if (!response.ok) {
    const code = typeof fields.error === "string" ? fields.error : undefined;
    const reason = [code, typeof fields.error_description === "string" ? `(${fields.error_description})` : undefined].filter(Boolean).join(" ");
    const init = { ...base, status: response.status, code, body, message: `${prefix} failed: HTTP ${response.status}${reason ? ` ${reason}` : ""}` };
    // Refused credentials or scope are authentication failures whatever 4xx the realm chose; 429 and 5xx keep their class.
    if (response.status === 429 || response.status >= 500) throw errorForStatus(init);
    throw new AuthenticationError(init);
  }
  if (typeof fields.access_token !== "string" || fields.access_token === "") {
    throw new InvalidResponseError({ ...base, status: response.status, message: `${prefix}: the response has no access_token` });
  }
  const lifetime = typeof fields.expires_in === "number" && fields.expires_in > 0 ? fields.expires_in : FALLBACK_LIFETIME_SECONDS;
  return { token: fields.access_token, expiresInSeconds: lifetime };
}
