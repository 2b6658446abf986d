import { bearerAuth, clientCredentialsAuth, type AuthStrategy, type CredentialSource } from "@customer-clients/core";

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

/** Keycloak (RFC 6749) lifetimes are optional; without one, renew soon rather than never. */
const FALLBACK_LIFETIME_SECONDS = 60;

/** A bearer token as it is, or the client credentials grant at the enterprise's realm. */
export function pexipAuth(auth: CredentialSource | ClientCredentials, defaultTokenUrl: string): AuthStrategy {
  if (typeof auth !== "object" || auth === null) return bearerAuth("auth", auth);
  return clientCredentialsAuth({
    credentials: { "auth.clientId": auth.clientId, "auth.clientSecret": auth.clientSecret },
    tokenRequest: (values) => ({
      url: auth.tokenUrl ?? defaultTokenUrl,
      form: { grant_type: "client_credentials", client_id: values["auth.clientId"]!, client_secret: values["auth.clientSecret"]!, scope: auth.scope ?? PEXIP_SCOPE },
    }),
    readToken(body) {
      const { access_token: token, expires_in: lifetime } = (body ?? {}) as { access_token?: unknown; expires_in?: unknown };
      if (typeof token !== "string") return undefined;
      return { token, expiresInSeconds: typeof lifetime === "number" && lifetime > 0 ? lifetime : FALLBACK_LIFETIME_SECONDS };
    },
  });
}
