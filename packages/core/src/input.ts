// What a caller hands a client, made safe to check and to send: copied once as plain JSON data
// (so a getter cannot answer differently to the check and to the send), with every value that
// cannot travel as JSON, every path segment that would move the request and every header value
// fetch would refuse reported as an error that names it.
import type { ErrorDetail } from "./errors.js";
import type { CallOptions } from "./client.js";
import type { CopyFrame } from "./redact.js";

/** The parts of a request, as a vendor package builds them from the caller's input. */
export interface RequestParts {
  path?: Record<string, unknown>;
  query?: Record<string, unknown>;
  header?: Record<string, unknown>;
  body?: unknown;
}

const MAX_DEPTH = 64;
const MAX_PROBLEMS = 20;
/** Characters a header value may hold (RFC 9110 field-value, as fetch accepts it). */
const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;
/** Path segments that would make the server see another path than the operation's. */
const MOVING_SEGMENTS = new Set(["", ".", ".."]);

type Problems = { problems: ErrorDetail[] };

/** Whether a parsed JSON value is an object (not null, not an array): what reading a body checks first. */
export const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

function escapePointer(key: string | number): string {
  return String(key).replace(/~/g, "~0").replace(/\//g, "~1");
}

function typeName(value: unknown): string {
  if (typeof value !== "object" || value === null) return typeof value;
  try {
    return (Object.getPrototypeOf(value) as { constructor?: { name?: string } } | null)?.constructor?.name ?? "object";
  } catch {
    return "object";
  }
}

/**
 * A copy of `value` as JSON data, without recursion: plain objects, arrays, strings, finite
 * numbers, booleans and null. Properties set to `undefined` are left out, as JSON does.
 */
export function toJsonData(value: unknown, at: string): { value: unknown } | Problems {
  const problems: ErrorDetail[] = [];
  const problem = (where: string, code: string, message: string) => {
    if (problems.length < MAX_PROBLEMS)
      problems.push({ path: where || "/", code, message: `${where || "/"}: ${message}` });
  };
  const root: Record<string, unknown> = {};
  const pending: Array<CopyFrame & { where: string }> = [
    { source: value, target: root, key: "value", where: at, depth: 0, ancestors: new Set() },
  ];
  while (pending.length > 0 && problems.length < MAX_PROBLEMS) {
    const { source, target, key, where, depth, ancestors } = pending.pop()!;
    let copy: unknown = source;
    if (typeof source === "number" && !Number.isFinite(source))
      problem(where, "type", `must be a finite number, got ${source}`);
    else if (typeof source === "bigint" || typeof source === "symbol" || typeof source === "function")
      problem(where, "type", `must be JSON data, got a ${typeof source}`);
    else if (source !== null && typeof source === "object") {
      if (ancestors.has(source)) {
        problem(where, "type", "must be JSON data, got a value that contains itself");
        continue;
      }
      if (depth >= MAX_DEPTH) {
        problem(where, "type", `must be nested at most ${MAX_DEPTH} levels deep`);
        continue;
      }
      try {
        const isArray = Array.isArray(source);
        const prototype = isArray ? Array.prototype : Object.getPrototypeOf(source);
        if (prototype !== Object.prototype && prototype !== null && !isArray) {
          problem(where, "type", `must be a plain object, array or JSON value, got ${typeName(source)}`);
          continue;
        }
        const container = (isArray ? [] : {}) as Record<string | number, unknown>;
        const lineage = new Set(ancestors).add(source);
        const keys = isArray
          ? Array.from({ length: (source as unknown[]).length }, (_, index) => index)
          : Object.keys(source);
        // Pushed last to first, so that properties are copied, and serialised, in their order.
        for (const name of keys.reverse()) {
          const item = (source as Record<string | number, unknown>)[name];
          if (item === undefined && !isArray) continue;
          if (item === undefined) problem(`${where}/${name}`, "type", "must be JSON data, got undefined");
          else
            pending.push({
              source: item,
              target: container,
              key: name,
              where: `${where}/${escapePointer(name)}`,
              depth: depth + 1,
              ancestors: lineage,
            });
        }
        copy = container;
      } catch (thrown) {
        problem(where, "unreadable", `could not be read (${thrown instanceof Error ? thrown.name : typeof thrown})`);
        continue;
      }
    }
    // Defined as data, so that a `__proto__` key is a key and never a prototype.
    Object.defineProperty(target, key, { value: copy, enumerable: true, writable: true, configurable: true });
  }
  return problems.length > 0 ? { problems } : { value: root.value };
}

/**
 * Copies every part as JSON data (what cannot be copied is the only `problems` it returns alone),
 * then checks what the schemas cannot: path values that are whole segments, header values fetch
 * accepts. Also finds the request id the caller sent in a header.
 */
export function snapshotParts(
  parts: unknown,
  requestIdHeaders: readonly string[],
): { parts: RequestParts; requestId: string | undefined; problems: ErrorDetail[] } | Problems {
  const copied = toJsonData(parts, "");
  if ("problems" in copied) return copied;
  const snapshot = (copied.value ?? {}) as RequestParts;
  if (!isObject(snapshot))
    return { problems: [{ path: "/", code: "type", message: "/: the request parts must be an object" }] };
  // Body pointers start at the body; the other parts' at their name.
  const problems: ErrorDetail[] = [];
  for (const [name, value] of Object.entries(snapshot.path ?? {})) {
    const shown = `/path/${escapePointer(name)}`;
    if (typeof value === "string" ? MOVING_SEGMENTS.has(value) : typeof value !== "number") {
      problems.push({
        path: shown,
        code: "path_segment",
        message: `${shown}: must be a non-empty path segment other than "." and "..", got ${JSON.stringify(value)}`,
      });
    }
  }
  let requestId: string | undefined;
  const idHeaders = new Set(requestIdHeaders.map((header) => header.toLowerCase()));
  for (const [name, value] of Object.entries(snapshot.header ?? {})) {
    const shown = `/header/${escapePointer(name)}`;
    if (typeof value === "string" && !HEADER_VALUE.test(value)) {
      problems.push({
        path: shown,
        code: "header_value",
        message: `${shown}: must not contain control characters (CR, LF, NUL) or characters beyond U+00FF`,
      });
    }
    if (typeof value === "string" && idHeaders.has(name.toLowerCase())) requestId = value;
  }
  return { parts: snapshot, requestId, problems };
}

/** The caller's per-call options, read once and checked; `null` and `undefined` mean none. */
export function readCallOptions(raw: unknown): { value: CallOptions } | Problems {
  if (raw === undefined || raw === null) return { value: {} };
  const problems: ErrorDetail[] = [];
  const problem = (name: string, message: string) =>
    problems.push({ path: `/options/${name}`, code: "invalid_option", message: `options.${name}: ${message}` });
  if (typeof raw !== "object")
    return {
      problems: [
        { path: "/options", code: "invalid_option", message: `options: must be an object, got ${typeof raw}` },
      ],
    };
  const value: CallOptions = {};
  try {
    const { signal, timeoutMs, maxRetries, retryNonIdempotent } = raw as Record<string, unknown>;
    if (signal !== undefined) {
      const candidate = signal as Partial<AbortSignal> | null;
      if (typeof candidate?.aborted === "boolean" && typeof candidate.addEventListener === "function")
        value.signal = signal as AbortSignal;
      else problem("signal", "must be an AbortSignal");
    }
    if (timeoutMs !== undefined) {
      if (typeof timeoutMs === "number" && Number.isFinite(timeoutMs) && timeoutMs > 0) value.timeoutMs = timeoutMs;
      else problem("timeoutMs", "must be a positive number of milliseconds");
    }
    if (maxRetries !== undefined) {
      if (Number.isInteger(maxRetries) && (maxRetries as number) >= 0) value.maxRetries = maxRetries as number;
      else problem("maxRetries", "must be an integer >= 0");
    }
    if (retryNonIdempotent !== undefined) {
      if (typeof retryNonIdempotent === "boolean") value.retryNonIdempotent = retryNonIdempotent;
      else problem("retryNonIdempotent", "must be a boolean");
    }
  } catch (thrown) {
    problems.push({
      path: "/options",
      code: "unreadable",
      message: `options: could not be read (${thrown instanceof Error ? thrown.name : typeof thrown})`,
    });
  }
  return problems.length > 0 ? { problems } : { value };
}
