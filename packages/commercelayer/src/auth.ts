import {
  AuthenticationError,
  ConnectionError,
  InvalidRequestError,
  InvalidResponseError,
  TimeoutError,
  createTokenProvider,
  errorForStatus,
  parseRetryAfter,
  requireCredential,
  validate,
  type CredentialSource,
  type FetchLike,
  type TokenProvider,
} from "@customer-clients/core";
import { parseErrorBody } from "./errors.js";
import type { components } from "./generated/openapi.js";
import { requestSchemas } from "./generated/request-schemas.js";

/** Commerce Layer's authentication server, shared by all organizations. */
export const COMMERCELAYER_AUTH_URL = "https://auth.commercelayer.io";

/** The client credentials of an integration application. */
export interface ClientCredentials {
  clientId: CredentialSource;
  clientSecret: CredentialSource;
  /** Limits the token, e.g. `market:id:xYZkjABcde`; several are separated by spaces. */
  scope?: string;
}

export interface TokenExchangeOptions {
  credentials: ClientCredentials;
  /** Host of the token endpoint; `/oauth/token` is appended. */
  authBaseUrl: string;
  fetch: FetchLike;
  timeoutMs: number;
  /** Records a credential value so that no error can show it. */
  remember: (secret: string) => void;
  secrets: () => readonly string[];
}

type TokenRequest = components["schemas"]["TokenRequest"];
type TokenResponse = components["schemas"]["TokenResponse"];

const VENDOR = "commercelayer";
const OPERATION = "getAccessToken";

/**
 * A token provider for the client credentials grant. Core's provider caches the token, shares
 * one exchange among concurrent calls and renews before expiry; this module only performs the
 * exchange. Every failure is thrown as the client's own error, which the call returns unchanged.
 */
export function createClientCredentialsProvider(options: TokenExchangeOptions): TokenProvider {
  const tokenUrl = `${options.authBaseUrl.replace(/\/+$/, "")}/oauth/token`;
  const context = () => ({ vendor: VENDOR, operation: OPERATION, secrets: options.secrets() });

  return createTokenProvider({
    async exchange() {
      const clientId = await requireCredential(options.credentials.clientId, "auth.clientId");
      const clientSecret = await requireCredential(options.credentials.clientSecret, "auth.clientSecret");
      options.remember(clientSecret);
      const body: TokenRequest = { grant_type: "client_credentials", client_id: clientId, client_secret: clientSecret };
      if (options.credentials.scope !== undefined) body.scope = options.credentials.scope;
      const problems = validate(requestSchemas.getAccessToken.body, body);
      if (problems.length > 0) {
        const summary = problems.map((problem) => problem.message).join("; ");
        throw new InvalidRequestError({ ...context(), code: "invalid_request", message: `${VENDOR} ${OPERATION}: invalid request, nothing was sent: ${summary}`, details: problems });
      }

      const signal = AbortSignal.timeout(options.timeoutMs);
      let response: Response;
      let raw: string;
      try {
        response = await options.fetch(
          new Request(tokenUrl, { method: "POST", headers: { Accept: "application/json", "Content-Type": "application/json" }, body: JSON.stringify(body) }),
          { signal },
        );
        raw = await response.text();
      } catch (cause) {
        if (signal.aborted) throw new TimeoutError({ ...context(), cause, retryable: true, message: `${VENDOR} ${OPERATION}: the token endpoint did not answer within ${options.timeoutMs} ms` });
        throw new ConnectionError({ ...context(), cause, retryable: true, message: `${VENDOR} ${OPERATION}: could not reach the token endpoint (${(cause as Error).message})` });
      }
      const json = parseJson(raw);
      const requestId = response.headers.get("x-request-id") ?? undefined;

      if (!response.ok) {
        const parsed = parseErrorBody(json ?? raw);
        const init = {
          ...context(),
          status: response.status,
          code: parsed.code,
          message: `${VENDOR} ${OPERATION}: token exchange failed: ${parsed.message ?? `HTTP ${response.status}`}`,
          details: parsed.details,
          requestId,
          body: json ?? undefined,
          retryAfterSeconds: parseRetryAfter(response.headers.get("retry-after")),
        };
        // Rate limits and outages keep their own classes; any other refusal means the credentials are wrong.
        if (response.status === 429 || response.status >= 500) throw errorForStatus(init);
        throw new AuthenticationError(init);
      }

      const token = json as Partial<TokenResponse> | undefined;
      if (typeof token?.access_token !== "string" || token.access_token === "" || typeof token.expires_in !== "number") {
        throw new InvalidResponseError({ ...context(), status: response.status, requestId, body: json, message: `${VENDOR} ${OPERATION}: the token response has no access_token or expires_in` });
      }
      options.remember(token.access_token);
      return { token: token.access_token, expiresInSeconds: token.expires_in };
    },
  });
}

function parseJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}
