/** A credential given as a value, or as a function that returns one (sync or async). */
export type CredentialSource = string | (() => string | Promise<string>);

export async function resolveCredential(source: CredentialSource): Promise<string> {
  return typeof source === "function" ? source() : source;
}

/** Thrown while authorising a request; the client turns it into an `AuthenticationError`. */
export class CredentialError extends Error {
  override name = "CredentialError";
}

/** Resolves a credential and refuses an empty one, naming it, before anything is sent. */
export async function requireCredential(source: CredentialSource | undefined, name: string): Promise<string> {
  const value = source === undefined ? undefined : await resolveCredential(source);
  if (typeof value !== "string" || value.trim() === "") {
    throw new CredentialError(`${name} is missing: expected a non-empty string, nothing was sent`);
  }
  return value;
}

export interface IssuedToken {
  token: string;
  /** Lifetime in seconds from the moment it was issued. */
  expiresInSeconds: number;
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
  /** The cached token, for redaction. */
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
