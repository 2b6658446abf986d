export const REDACTED = "[REDACTED]";
/** What stands in for the part of a value too deep, too large or unreadable to copy. */
export const TRUNCATED = "[TRUNCATED]";

/** Keys whose values are credentials wherever they appear: headers, bodies, form fields. */
const SECRET_KEY =
  /^(authorization|proxy-authorization|password|passwd|secret|client_secret|clientsecret|access_token|accesstoken|refresh_token|id_token|token|api_key|apikey|x-api-key|x-cap-api-oauth-token|cap-api-access-token)$/i;

/** Credentials written inline: after an auth scheme, or as a `key=value` pair in a URL or form. */
const INLINE_SECRETS: ReadonlyArray<[RegExp, string]> = [
  // Only what looks like a credential (a digit or symbol, mixed case, or 20+ characters), so that
  // "Missing Bearer Token" stays readable.
  [
    /\b([Bb]earer|[Bb]asic|BEARER|BASIC)\s+(?=[^\s,;"']*[\d._~+/=:-]|[^\s,;"']*[a-z][A-Z]|[^\s,;"']{20})[^\s,;"']{8,}/g,
    `$1 ${REDACTED}`,
  ],
  [/\b(client_secret|access_token|refresh_token|password|api_key|apikey|token)=[^&\s"']+/gi, `$1=${REDACTED}`],
];

/** Shorter values would blank out ordinary words. */
const MIN_SECRET_LENGTH = 4;

export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key);
}

/**
 * Every credential and token a client has used or been issued, so that no error, hook event or
 * log line can show one. Bounded: the oldest values go first once `limit` is reached, so a
 * credential that rotates on every call cannot grow it without end. A token stays after it is
 * dropped from the cache, so calls still in flight keep it out of their errors.
 */
export class SecretStore {
  readonly #values = new Set<string>();
  #sorted: readonly string[] | undefined = [];

  constructor(readonly limit = 64) {}

  add(...values: readonly (string | undefined)[]): void {
    for (const value of values) {
      if (typeof value !== "string" || value.length < MIN_SECRET_LENGTH) continue;
      this.#values.delete(value);
      this.#values.add(value);
      if (this.#values.size > this.limit) this.#values.delete(this.#values.values().next().value as string);
      this.#sorted = undefined;
    }
  }

  /** Longest first, so that a secret containing another is replaced whole. */
  list(): readonly string[] {
    this.#sorted ??= [...this.#values].sort((a, b) => b.length - a.length);
    return this.#sorted;
  }
}

/** Replaces known credential values, then anything that looks like one. */
export function redactText(text: string, secrets: readonly string[] = []): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length >= MIN_SECRET_LENGTH && out.includes(secret)) out = out.split(secret).join(REDACTED);
  }
  for (const [pattern, replacement] of INLINE_SECRETS) out = out.replace(pattern, replacement);
  return out;
}

export interface CopyLimits {
  /** Levels kept; deeper values become `[TRUNCATED]`. */
  maxDepth: number;
  /** Values copied in all; the rest become `[TRUNCATED]`. */
  maxNodes: number;
}

const BODY_LIMITS: CopyLimits = { maxDepth: 32, maxNodes: 10_000 };

/** One value still to copy, in a copy made without recursion: where it goes, and how deep it sits. */
export interface CopyFrame {
  source: unknown;
  target: Record<string | number, unknown>;
  key: string | number;
  depth: number;
  /** The objects above it, to tell a cycle from a value seen twice. */
  ancestors: Set<object>;
}

/** Sets a property as data, so that a `__proto__` key is a key and never a prototype. */
function put(target: Record<string | number, unknown>, key: string | number, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/**
 * A copy of `value` with secret-named keys and credential values replaced, safe to keep on an
 * error and to serialise: copied without recursion, cut at `maxDepth` levels and `maxNodes`
 * values, cycles and unreadable properties replaced, never a prototype set from a key.
 */
export function redactValue(
  value: unknown,
  secrets: readonly string[] = [],
  limits: CopyLimits = BODY_LIMITS,
): unknown {
  const root: Record<string, unknown> = {};
  const pending: CopyFrame[] = [{ source: value, target: root, key: "value", depth: 0, ancestors: new Set() }];
  let nodes = 0;
  while (pending.length > 0) {
    const { source, target, key, depth, ancestors } = pending.pop()!;
    nodes++;
    if (typeof source === "string") put(target, key, redactText(source, secrets));
    else if (source === null || (typeof source !== "object" && typeof source !== "function"))
      put(target, key, typeof source === "bigint" || typeof source === "symbol" ? String(source) : source);
    else if (
      typeof source === "function" ||
      depth >= limits.maxDepth ||
      nodes > limits.maxNodes ||
      ancestors.has(source)
    )
      put(target, key, TRUNCATED);
    else {
      try {
        const isArray = Array.isArray(source);
        const copy = (isArray ? [] : {}) as Record<string | number, unknown>;
        const lineage = new Set(ancestors).add(source);
        const entries = isArray
          ? (source as unknown[]).map((item, index) => [index, item] as const)
          : Object.keys(source).map((name) => [name, (source as Record<string, unknown>)[name]] as const);
        // Pushed last to first, so that properties keep their order.
        for (const [name, item] of entries.reverse()) {
          const secret = typeof name === "string" && isSecretKey(name) && item != null;
          pending.push({
            source: secret ? REDACTED : item,
            target: copy,
            key: name,
            depth: depth + 1,
            ancestors: lineage,
          });
        }
        put(target, key, copy);
      } catch {
        // A getter or a Proxy trap threw.
        put(target, key, TRUNCATED);
      }
    }
  }
  return root.value;
}

/** A URL safe to log: credentials in the user-info part or the query are replaced. */
export function redactUrl(url: string, secrets: readonly string[] = []): string {
  try {
    const parsed = new URL(url);
    if (parsed.username || parsed.password) {
      parsed.username = REDACTED;
      parsed.password = "";
    }
    for (const key of [...parsed.searchParams.keys()]) {
      if (isSecretKey(key)) parsed.searchParams.set(key, REDACTED);
    }
    return redactText(parsed.toString(), secrets);
  } catch {
    return redactText(url, secrets);
  }
}

/** Causes kept on an error: enough to debug a failure, never more. */
const MAX_CAUSE_DEPTH = 4;

/**
 * A redacted copy of an error's `cause` chain: each link becomes a plain `Error` with the same
 * name, code and redacted message and stack. A runtime's error message may quote a header value
 * (a credential) verbatim, so the original is never kept.
 */
export function redactCause(cause: unknown, secrets: readonly string[], depth = 0): unknown {
  if (cause === undefined || cause === null) return cause;
  try {
    if (typeof cause !== "object" && typeof cause !== "function") return redactValue(cause, secrets);
    const source = cause as { name?: unknown; message?: unknown; code?: unknown; stack?: unknown; cause?: unknown };
    const copy = new Error(redactText(String(source.message ?? ""), secrets)) as Error & { code?: string };
    copy.name = typeof source.name === "string" ? source.name : "Error";
    if (typeof source.code === "string" || typeof source.code === "number")
      copy.code = redactText(String(source.code), secrets);
    copy.stack = typeof source.stack === "string" ? redactText(source.stack, secrets) : `${copy.name}: ${copy.message}`;
    if (source.cause !== undefined && depth + 1 < MAX_CAUSE_DEPTH)
      copy.cause = redactCause(source.cause, secrets, depth + 1);
    return copy;
  } catch {
    return new Error("unreadable cause");
  }
}
