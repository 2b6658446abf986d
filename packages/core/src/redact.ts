export const REDACTED = "[REDACTED]";

/** Keys whose values are credentials wherever they appear: headers, bodies, form fields. */
const SECRET_KEY = /^(authorization|proxy-authorization|password|passwd|secret|client_secret|clientsecret|access_token|accesstoken|refresh_token|id_token|token|api_key|apikey|x-api-key|x-cap-api-oauth-token|cap-api-access-token)$/i;

/** Credentials written inline: after an auth scheme, or as a `key=value` pair in a URL or form. */
const INLINE_SECRETS: ReadonlyArray<[RegExp, string]> = [
  // Only what looks like a credential (a digit or symbol, mixed case, or 20+ characters), so that
  // "Missing Bearer Token" stays readable.
  [/\b([Bb]earer|[Bb]asic|BEARER|BASIC)\s+(?=[^\s,;"']*[\d._~+/=:-]|[^\s,;"']*[a-z][A-Z]|[^\s,;"']{20})[^\s,;"']{8,}/g, `$1 ${REDACTED}`],
  [/\b(client_secret|access_token|refresh_token|password|api_key|apikey|token)=[^&\s"']+/gi, `$1=${REDACTED}`],
];

export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key);
}

/** Replaces known credential values, then anything that looks like one. */
export function redactText(text: string, secrets: readonly string[] = []): string {
  let out = text;
  for (const secret of secrets) {
    // Very short values would blank out ordinary words.
    if (secret.length >= 4) out = out.split(secret).join(REDACTED);
  }
  for (const [pattern, replacement] of INLINE_SECRETS) out = out.replace(pattern, replacement);
  return out;
}

/** A deep copy of `value` with secret-named keys and credential values replaced. */
export function redactValue(value: unknown, secrets: readonly string[] = []): unknown {
  if (typeof value === "string") return redactText(value, secrets);
  if (Array.isArray(value)) return value.map((item) => redactValue(item, secrets));
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      out[key] = isSecretKey(key) && item != null ? REDACTED : redactValue(item, secrets);
    }
    return out;
  }
  return value;
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
