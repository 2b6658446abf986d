import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { AuthenticationError } from "../src/errors.js";
import { REDACTED, SecretStore, TRUNCATED, redactCause, redactText, redactUrl, redactValue } from "../src/redact.js";

describe("redaction", () => {
  it.each([
    ["Authorization: Bearer abc.def.ghi", `Authorization: Bearer ${REDACTED}`],
    ["Basic dXNlcjpwYXNz failed", `Basic ${REDACTED} failed`],
    [
      "grant_type=client_credentials&client_secret=s3cr3t&scope=x",
      `grant_type=client_credentials&client_secret=${REDACTED}&scope=x`,
    ],
    ["https://x.test/cb?access_token=tok123", `https://x.test/cb?access_token=${REDACTED}`],
    ["Bearer partner-1:hotel-2", `Bearer ${REDACTED}`],
    ["Bearer abcdefghijklmnopqrstuvwxyz", `Bearer ${REDACTED}`],
    ["Unauthorized: Missing Bearer Token", "Unauthorized: Missing Bearer Token"],
    ["Basic authentication failed", "Basic authentication failed"],
    ["authorization: bearer eyJhbGciOi.x", `authorization: bearer ${REDACTED}`],
  ])("scrubs %j", (given, want) => {
    expect(redactText(given)).toBe(want);
  });

  it("replaces known credential values wherever they appear", () => {
    expect(redactText("token partner-1:hotel-2 refused", ["partner-1", "hotel-2"])).toBe(
      `token ${REDACTED}:${REDACTED} refused`,
    );
  });

  it("replaces secret-named keys at any depth and leaves the rest", () => {
    const given = {
      data: { attributes: { email: "a@b.c", password: "hunter22" } },
      headers: { Authorization: "Bearer x", "X-Api-Key": "k" },
      list: [{ client_secret: "s" }],
    };
    expect(redactValue(given)).toEqual({
      data: { attributes: { email: "a@b.c", password: REDACTED } },
      headers: { Authorization: REDACTED, "X-Api-Key": REDACTED },
      list: [{ client_secret: REDACTED }],
    });
  });

  it("scrubs user info and secret query parameters from URLs", () => {
    const url = redactUrl("https://user:pa55word@h.test/p?token=abc123&page=2");
    expect(url).not.toMatch(/pa55word|abc123/);
    expect(url).toContain("@h.test/p?token=");
    expect(url).toContain("&page=2");
  });

  it("keeps secrets out of the message, JSON and util.inspect of an error", () => {
    const secret = "very-secret-token";
    const error = new AuthenticationError({
      vendor: "v",
      operation: "op",
      status: 401,
      message: `rejected Bearer ${secret}`,
      body: { detail: `token ${secret} expired`, password: "pw" },
      details: [{ path: "/password", message: `bad ${secret}` }],
      secrets: [secret],
    });
    for (const output of [error.message, JSON.stringify(error), inspect(error, { depth: 10 }), String(error.stack)]) {
      expect(output).not.toContain(secret);
    }
    expect(JSON.stringify(error)).not.toContain('"pw"');
  });
});

describe("redactValue copies safely", () => {
  it("keeps a __proto__ key as a key and sets no prototype", () => {
    const copy = redactValue(JSON.parse('{"__proto__": {"polluted": true}, "a": 1}')) as Record<string, unknown>;
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(Object.keys(copy)).toEqual(["__proto__", "a"]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("cuts deep nesting and cycles without recursion, and keeps key order", () => {
    const deep = JSON.parse(`${"[".repeat(100_000)}${"]".repeat(100_000)}`);
    expect(() => JSON.stringify(redactValue(deep))).not.toThrow();
    const loop: Record<string, unknown> = { b: 1, a: 2 };
    loop.self = loop;
    expect(redactValue(loop)).toEqual({ b: 1, a: 2, self: TRUNCATED });
  });
});

describe("SecretStore", () => {
  it("keeps the newest values up to its limit, longest first", () => {
    const store = new SecretStore(2);
    store.add("first-secret", "second-secret-value", "x");
    store.add("third-secret");
    expect(store.list()).toEqual(["second-secret-value", "third-secret"]);
  });
});

describe("redactCause", () => {
  it("copies the chain with messages and stacks redacted", () => {
    const inner = Object.assign(new TypeError("invalid header value 'tok-123456'"), { code: "ERR_INVALID_CHAR" });
    const outer = new Error("wrapped", { cause: inner });
    const copy = redactCause(outer, ["tok-123456"]) as Error & { cause: Error & { code: string } };
    expect(copy.cause.message).toBe(`invalid header value '${REDACTED}'`);
    expect(copy.cause.code).toBe("ERR_INVALID_CHAR");
    expect(copy.cause.stack).not.toContain("tok-123456");
    expect(copy.cause).not.toBe(inner);
  });
});
