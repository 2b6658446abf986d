// How a client proves who it is. A vendor package declares its credentials with one of these
// strategies; core resolves them on every attempt, racing the caller's signal and the attempt's
// timeout, and remembers every value so that no output can show it.
import { AuthenticationError, type ApiError, type ApiErrorInit, type ErrorClass } from "./errors.js";
import type { SecretStore } from "./redact.js";

/** A credential given as a value, or as a function that returns one (sync or async). */
export type CredentialSource = string | (() => string | Promise<string>);

/** Credentials by the name errors use for them, e.g. `{ "auth.clientId": ..., "auth.clientSecret": ... }`. */
export type NamedCredentials = Readonly<Record<string, CredentialSource | undefined>>;

export interface IssuedToken {
  token: string;
  /** Lifetime in seconds from the moment it was issued. */
  expiresInSeconds: number;
}

/** A token request: where to send it and its body, a form or JSON. */
export interface TokenRequest {
  url: string;
  form?: Record<string, string>;
  json?: unknown;
}

/** One token exchange, as a strategy describes it to core. */
export interface TokenExchange {
  /** The operation name in errors and hook events, e.g. `getAccessToken`. */
  operation: string;
  credentials: NamedCredentials;
  /** The token request built from the resolved credentials. */
  build: (values: Record<string, string>) => TokenRequest;
  /** The token and its lifetime from the endpoint's 2xx body; `undefined` when it has none. */
  readToken: (body: unknown) => IssuedToken | undefined;
}

/** What core hands a strategy for one attempt. */
export interface AuthContext {
  /** Aborts when the caller aborts or the attempt times out. */
  signal: AbortSignal;
  secrets: SecretStore;
  /** Builds an error of this call: vendor, operation, message prefix and redaction filled in. */
  fail(ErrorClass: ErrorClass, message: string, init?: Partial<ApiErrorInit>): ApiError;
  /**
   * Exchanges credentials for a token through core's transport: the credentials are resolved
   * within one attempt's timeout, the request gets the timeout, size limit, hooks, no redirects
   * and retries of an idempotent call. Throws the client's own errors: 429 and 5xx keep their
   * class, any other refusal is an `AuthenticationError`.
   */
  requestToken(exchange: TokenExchange): Promise<IssuedToken>;
}

export interface AuthStrategy {
  /** Sets the credentials on one attempt's headers. Throws the client's own errors. */
  authorize(headers: Headers, context: AuthContext): Promise<void>;
  /**
   * The API refused the credentials sent in `headers`. Drops what is cached and returns true
   * when another attempt would carry different credentials (a new token).
   */
  refused?(headers: Headers): boolean;
}

/** Resolves `produce()` unless `signal` aborts first; then rejects with the signal's reason. */
export function raceSignal<T>(produce: () => T | Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    Promise.resolve()
      .then(produce)
      .then(resolve, reject)
      .finally(() => signal.removeEventListener("abort", onAbort));
  });
}

/**
 * Resolves every credential, remembered as a secret once known. A source that throws or gives
 * no non-empty string is an `AuthenticationError` naming it; an abort or timeout is rethrown
 * as the signal's reason, for the caller to classify.
 */
export async function resolveCredentials(
  credentials: NamedCredentials,
  context: Pick<AuthContext, "signal" | "secrets" | "fail">,
): Promise<Record<string, string>> {
  const values: Record<string, string> = {};
  for (const [name, source] of Object.entries(credentials)) {
    let value: unknown;
    try {
      value = await raceSignal(() => (typeof source === "function" ? source() : source), context.signal);
    } catch (cause) {
      if (context.signal.aborted) throw cause;
      throw context.fail(AuthenticationError, `${name}: the credential function failed, nothing was sent`, {
        code: "credential_failed",
        cause,
      });
    }
    if (typeof value !== "string" || value.trim() === "") {
      throw context.fail(AuthenticationError, `${name} is missing: expected a non-empty string, nothing was sent`, {
        code: "missing_credential",
      });
    }
    context.secrets.add(value);
    values[name] = value;
  }
  return values;
}

/** Characters a header value may hold (RFC 9110 field-value, as fetch accepts it). */
const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;

/**
 * Sets a credential header after remembering its value (and the token after an auth scheme);
 * a value fetch would refuse is an `AuthenticationError` that does not quote it.
 */
function setCredentialHeader(
  headers: Headers,
  name: string,
  value: string,
  sources: string,
  context: Pick<AuthContext, "secrets" | "fail">,
): void {
  context.secrets.add(value, value.slice(value.indexOf(" ") + 1));
  if (!HEADER_VALUE.test(value)) {
    throw context.fail(
      AuthenticationError,
      `${sources}: not a valid HTTP header value (control characters or characters beyond U+00FF), nothing was sent`,
      {
        code: "invalid_credential",
      },
    );
  }
  headers.set(name, value);
}

/**
 * Credentials sent in one header, e.g. `Authorization: Bearer <partner>:<hotel>`. `format` builds
 * the header value from the resolved credentials; `remember` takes any value derived from them.
 */
export function headerAuth(
  header: string,
  credentials: NamedCredentials,
  format: (values: Record<string, string>, remember: (secret: string) => void) => string,
): AuthStrategy {
  return {
    async authorize(headers, context) {
      const values = await resolveCredentials(credentials, context);
      const value = format(values, (secret) => context.secrets.add(secret));
      setCredentialHeader(headers, header, value, Object.keys(credentials).join(", "), context);
    },
  };
}

/** `Authorization: Bearer <credential>`. */
export function bearerAuth(name: string, source: CredentialSource | undefined): AuthStrategy {
  return headerAuth("Authorization", { [name]: source }, (values) => `Bearer ${values[name]}`);
}

/** The value of a Basic `Authorization` header: `Basic base64(utf8(username:password))`. */
export function basicAuthValue(username: string, password: string): string {
  const bytes = new TextEncoder().encode(`${username}:${password}`);
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return `Basic ${btoa(binary)}`;
}

export interface TokenProviderOptions {
  /** Exchanges the client's credentials for a token. Its errors reach the caller unchanged. */
  exchange: () => Promise<IssuedToken>;
  /** Renew this many seconds before expiry, so a token never expires in flight. */
  renewBeforeSeconds?: number;
  now?: () => number;
}

export interface TokenProvider {
  /** A valid token: the cached one, or a fresh one from a single exchange shared by concurrent callers. */
  get(): Promise<string>;
  /** Forget the cached token, e.g. after the server rejected it. */
  invalidate(): void;
  /** The cached token. */
  current(): string | undefined;
}

export function createTokenProvider(options: TokenProviderOptions): TokenProvider {
  const now = options.now ?? Date.now;
  const renewBeforeMs = (options.renewBeforeSeconds ?? 60) * 1000;
  let cached: { token: string; renewAt: number } | undefined;
  let pending: Promise<string> | undefined;

  const exchange = () => {
    pending ??= options
      .exchange()
      .then(({ token, expiresInSeconds }) => {
        // A lifetime shorter than the margin would renew on every call; renew at half-life instead.
        const lifetimeMs = expiresInSeconds * 1000;
        const margin = Math.min(renewBeforeMs, lifetimeMs / 2);
        cached = { token, renewAt: now() + lifetimeMs - margin };
        return token;
      })
      .finally(() => {
        pending = undefined;
      });
    return pending;
  };

  return {
    async get() {
      if (cached && now() < cached.renewAt) return cached.token;
      return exchange();
    },
    invalidate() {
      cached = undefined;
    },
    current: () => cached?.token,
  };
}

export interface ClientCredentialsOptions {
  /** The client's credentials, by the names errors use, e.g. `auth.clientId`. */
  credentials: NamedCredentials;
  /** The token request built from the resolved credentials. */
  tokenRequest: (values: Record<string, string>) => TokenRequest;
  /** The token and its lifetime from the endpoint's 2xx body; `undefined` when it has none. */
  readToken: (body: unknown) => IssuedToken | undefined;
  /** Header that carries the token. Default `Authorization`. */
  header?: string;
  /** The header value for a token. Default `Bearer <token>`. */
  format?: (token: string) => string;
  /** Renew this long before expiry. Default 60 s (at half-life for shorter tokens). */
  renewBeforeSeconds?: number;
  /** The operation name of the exchange in errors and hook events. Default `getAccessToken`. */
  operation?: string;
}

/**
 * OAuth2 client credentials (or any exchange of credentials for an expiring token): one exchange
 * shared by concurrent calls, sent through core's transport, cached and renewed before expiry.
 * Each call waits for the token no longer than its own signal and attempt timeout allow. When the
 * API answers 401, the token is dropped and core sends the call once more with a new one.
 */
export function clientCredentialsAuth(options: ClientCredentialsOptions): AuthStrategy {
  const header = options.header ?? "Authorization";
  const format = options.format ?? ((token: string) => `Bearer ${token}`);
  const exchange: TokenExchange = {
    operation: options.operation ?? "getAccessToken",
    credentials: options.credentials,
    build: options.tokenRequest,
    readToken: options.readToken,
  };
  // The first call's context: its `requestToken` belongs to the client, not to that call.
  let requestToken: AuthContext["requestToken"] | undefined;
  const provider = createTokenProvider({
    renewBeforeSeconds: options.renewBeforeSeconds,
    exchange: () => requestToken!(exchange),
  });

  return {
    async authorize(headers, context) {
      requestToken ??= context.requestToken;
      const token = await raceSignal(() => provider.get(), context.signal);
      setCredentialHeader(headers, header, format(token), "access token", context);
    },
    refused(headers) {
      const current = provider.current();
      if (current !== undefined && headers.get(header) === format(current)) provider.invalidate();
      return true;
    },
  };
}
