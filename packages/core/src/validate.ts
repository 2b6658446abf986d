import type { ErrorDetail } from "./errors.js";

/**
 * The part of JSON Schema the vendor specs use. Request schemas are generated from the specs
 * (`src/generated/request-schemas.ts` in each vendor package), and the generator refuses a
 * keyword outside `CHECKED_KEYWORDS`, so no rule in a spec is silently skipped.
 */
export interface Schema {
  type?: string | readonly string[];
  enum?: readonly unknown[];
  const?: unknown;
  required?: readonly string[];
  properties?: Readonly<Record<string, Schema>>;
  additionalProperties?: boolean | Schema;
  items?: Schema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  format?: string;
  anyOf?: readonly Schema[];
  oneOf?: readonly Schema[];
  allOf?: readonly Schema[];
  minProperties?: number;
}

/**
 * The keywords `validate` checks, and the formats. scripts/generate-request-schemas.mjs reads
 * these lists and refuses a spec rule outside them, so that nothing is silently skipped.
 */
export const CHECKED_KEYWORDS = [
  "type",
  "enum",
  "const",
  "required",
  "properties",
  "additionalProperties",
  "items",
  "minItems",
  "maxItems",
  "minLength",
  "maxLength",
  "pattern",
  "minimum",
  "maximum",
  "format",
  "anyOf",
  "oneOf",
  "allOf",
  "minProperties",
] as const satisfies readonly (keyof Schema)[];

const FORMATS: Record<string, [shape: string, test: (value: string) => boolean]> = {
  date: ["YYYY-MM-DD", (value) => /^\d{4}-\d{2}-\d{2}$/.test(value) && isRealDate(value)],
  "date-time": [
    "YYYY-MM-DDTHH:MM:SS with Z or an offset",
    (value) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i.test(value) && isRealDate(value),
  ],
};

export const CHECKED_FORMATS = Object.keys(FORMATS);

/** Whether the `YYYY-MM-DD` the value starts with is a real day: no 30 February. */
function isRealDate(value: string): boolean {
  const ymd = value.slice(0, 10);
  const date = new Date(`${ymd}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(ymd);
}

/** Enums as sets, built on first use: the ISO code lists are looked up, not scanned, on every call. */
const enumSets = new WeakMap<readonly unknown[], Set<unknown>>();
function inEnum(values: readonly unknown[], value: unknown): boolean {
  let set = enumSets.get(values);
  if (!set) {
    set = new Set(values);
    enumSets.set(values, set);
  }
  return set.has(value);
}

/** Patterns compiled once each: a schema is checked on every call. */
const patterns = new Map<string, RegExp>();

function typeOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

function describe(value: unknown): string {
  return JSON.stringify(value)?.slice(0, 40) ?? String(value);
}

type Bound = "minLength" | "maxLength" | "minimum" | "maximum" | "minItems" | "maxItems" | "minProperties";

/** Checks `value` against `schema`; returns one detail per broken rule, empty when valid. */
export function validate(schema: Schema, value: unknown, path = ""): ErrorDetail[] {
  const at = path || "/";
  const problems: ErrorDetail[] = [];
  const fail = (code: string, message: string, where = at) => {
    problems.push({ path: where, code, message: `${where}: ${message}` });
    return problems;
  };
  /** A `min*` or `max*` keyword; `#` in the message stands for its limit. */
  const bound = (keyword: Bound, size: number, message: string) => {
    const limit = schema[keyword];
    if (limit !== undefined && (keyword.startsWith("min") ? size < limit : size > limit))
      fail(keyword, message.replace("#", String(limit)));
  };
  const actual = typeOf(value);

  if (schema.type !== undefined) {
    const allowed = typeof schema.type === "string" ? [schema.type] : schema.type;
    if (!allowed.includes(actual) && !(actual === "integer" && allowed.includes("number")))
      return fail("type", `must be ${allowed.join(" or ")}, got ${actual}`);
  }
  if (schema.const !== undefined && value !== schema.const) return fail("const", `must be ${describe(schema.const)}`);
  if (schema.enum && !inEnum(schema.enum, value)) {
    const shown =
      schema.enum.length > 12
        ? `one of the ${schema.enum.length} values the spec allows`
        : `one of ${schema.enum.map(describe).join(", ")}`;
    return fail("enum", `must be ${shown}, got ${describe(value)}`);
  }

  if (typeof value === "string") {
    // Characters, not UTF-16 units; counted only when a length is limited.
    if (schema.minLength !== undefined || schema.maxLength !== undefined) {
      const length = [...value].length;
      bound("minLength", length, "must be at least # characters");
      bound("maxLength", length, "must be at most # characters");
    }
    if (schema.pattern !== undefined) {
      let pattern = patterns.get(schema.pattern);
      if (!pattern) {
        pattern = new RegExp(schema.pattern, "u");
        patterns.set(schema.pattern, pattern);
      }
      if (!pattern.test(value)) fail("pattern", `must match ${schema.pattern}`);
    }
    const format = schema.format === undefined ? undefined : FORMATS[schema.format];
    if (format && !format[1](value)) fail("format", `must be a valid ${schema.format} (${format[0]})`);
  }
  if (typeof value === "number") {
    bound("minimum", value, "must be >= #");
    bound("maximum", value, "must be <= #");
  }
  if (Array.isArray(value)) {
    bound("minItems", value.length, "must have at least # items");
    bound("maxItems", value.length, "must have at most # items");
    if (schema.items) {
      for (const [index, item] of value.entries()) problems.push(...validate(schema.items, item, `${path}/${index}`));
    }
  }
  if (actual === "object") {
    const object = value as Record<string, unknown>;
    // Own properties only: `constructor` or `toString` is never found on a prototype.
    for (const key of schema.required ?? []) {
      if (!Object.hasOwn(object, key) || object[key] === undefined)
        fail("required", "is required", `${path}/${escapePointer(key)}`);
    }
    bound("minProperties", Object.keys(object).length, "must have at least # properties");
    for (const key of Object.keys(object)) {
      const item = object[key];
      if (item === undefined) continue;
      const child =
        (schema.properties && Object.hasOwn(schema.properties, key) ? schema.properties[key] : undefined) ??
        schema.additionalProperties;
      if (child === false) fail("additionalProperties", "is not an allowed property", `${path}/${key}`);
      else if (child && child !== true) problems.push(...validate(child, item, `${path}/${escapePointer(key)}`));
    }
  }
  for (const part of schema.allOf ?? []) problems.push(...validate(part, value, path));
  if (schema.anyOf && !schema.anyOf.some((option) => validate(option, value, path).length === 0)) {
    explainAlternatives(schema.anyOf, value, path, fail, "anyOf", "must match at least one of");
  }
  if (schema.oneOf && schema.oneOf.filter((option) => validate(option, value, path).length === 0).length !== 1) {
    explainAlternatives(schema.oneOf, value, path, fail, "oneOf", "must match exactly one of");
  }
  return problems;
}

function escapePointer(key: string): string {
  return /[~/]/.test(key) ? key.replace(/~/g, "~0").replace(/\//g, "~1") : key;
}

function explainAlternatives(
  options: readonly Schema[],
  value: unknown,
  path: string,
  fail: (code: string, message: string) => unknown,
  code: string,
  lead: string,
): void {
  const reasons = options.map((option) =>
    validate(option, value, path)
      .map((detail) => detail.message)
      .join("; "),
  );
  fail(code, `${lead} ${options.length} alternatives (${reasons.join(" | ")})`);
}
