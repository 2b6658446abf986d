import { bearerAuth, clientCredentialsAuth, type AuthStrategy, type CredentialSource } from "@customer-clients/core";

export type PexipEnvironment = "production" | "staging" | "development";

/** The scope the customer update needs. */
export const PEXIP_SCOPE = "engage:customers:readWrite";

/**
 * The enterprise's realm token endpoint, for the two environments whose token host the vendor
 * documents. For staging it names none settled: pass `auth.tokenUrl` there.
 */
export function pexipTokenUrl(
  enterprise: string,
  environment: Exclude<PexipEnvironment, "staging"> = "production",
): string {
  const host = environment === "production" ? "auth.pexipengage.com" : "auth.development.pexipengage.com";
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
export function pexipAuth(
  auth: CredentialSource | ClientCredentials,
  defaultTokenUrl: string | undefined,
): AuthStrategy {
  if (typeof auth !== "object" || auth === null) return bearerAuth("auth", auth);
  const tokenUrl = auth.tokenUrl ?? defaultTokenUrl;
  if (tokenUrl === undefined)
    throw new TypeError("createPexipClient: the vendor documents no staging token host; pass auth.tokenUrl");
  return clientCredentialsAuth({
    credentials: { "auth.clientId": auth.clientId, "auth.clientSecret": auth.clientSecret },
    tokenRequest: (values) => ({
      url: tokenUrl,
      form: {
        grant_type: "client_credentials",
        client_id: values["auth.clientId"]!,
        client_secret: values["auth.clientSecret"]!,
        scope: auth.scope ?? PEXIP_SCOPE,
      },
    }),
    readToken(body) {
      const { access_token: token, expires_in: lifetime } = (body ?? {}) as {
        access_token?: unknown;
        expires_in?: unknown;
      };
      if (typeof token !== "string") return undefined;
      return {
        token,
        expiresInSeconds: typeof lifetime === "number" && lifetime > 0 ? lifetime : FALLBACK_LIFETIME_SECONDS,
      };
    },
  });
}
