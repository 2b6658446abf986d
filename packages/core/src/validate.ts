import type { ErrorDetail } from "./errors.js";

/**
 * The part of JSON Schema the vendor specs use. Request schemas are generated from the specs
 * (`src/generated/request-schemas.ts` in each vendor package), and the generator refuses a
 * keyword this checker does not implement, so no rule in a spec is silently skipped.
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

const FORMATS: Record<string, { shape: string; test: (value: string) => boolean }> = {
  date: { shape: "YYYY-MM-DD", test: (value) => /^\d{4}-\d{2}-\d{2}$/.test(value) && isRealDate(value) },
  "date-time": {
    shape: "YYYY-MM-DDTHH:MM:SS with Z or an offset",
    test: (value) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i.test(value) && isRealDate(value.slice(0, 10)),
  },
};

function isRealDate(ymd: string): boolean {
  const date = new Date(`${ymd}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(ymd);
}

function typeOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

function describe(value: unknown): string {
  return JSON.stringify(value)?.slice(0, 40) ?? String(value);
}

/** Checks `value` against `schema`; returns one detail per broken rule, empty when valid. */
export function validate(schema: Schema, value: unknown, path = ""): ErrorDetail[] {
  const at = path || "/";
  const fail = (code: string, message: string): ErrorDetail[] => [{ path: at, code, message: `${at}: ${message}` }];

  if (schema.type !== undefined) {
    const allowed = typeof schema.type === "string" ? [schema.type] : schema.type;
    const actual = typeOf(value);
    const ok = allowed.includes(actual) || (actual === "integer" && allowed.includes("number"));
    if (!ok) return fail("type", `must be ${allowed.join(" or ")}, got ${actual}`);
  }
  if (schema.const !== undefined && value !== schema.const) return fail("const", `must be ${describe(schema.const)}`);
  if (schema.enum && !schema.enum.includes(value)) {
    const shown = schema.enum.length > 12 ? `one of the ${schema.enum.length} values the spec allows` : `one of ${schema.enum.map(describe).join(", ")}`;
    return fail("enum", `must be ${shown}, got ${describe(value)}`);
  }

  const problems: ErrorDetail[] = [];
  if (typeof value === "string") {
    const length = [...value].length;
    if (schema.minLength !== undefined && length < schema.minLength) problems.push(...fail("minLength", `must be at least ${schema.minLength} characters`));
    if (schema.maxLength !== undefined && length > schema.maxLength) problems.push(...fail("maxLength", `must be at most ${schema.maxLength} characters`));
    if (schema.pattern !== undefined && !new RegExp(schema.pattern, "u").test(value)) problems.push(...fail("pattern", `must match ${schema.pattern}`));
    const format = schema.format === undefined ? undefined : FORMATS[schema.format];
    if (format && !format.test(value)) problems.push(...fail("format", `must be a valid ${schema.format} (${format.shape})`));
  }
  if (typeof value === "number") {
    if (schema.minimum !== undefined && value < schema.minimum) problems.push(...fail("minimum", `must be >= ${schema.minimum}`));
    if (schema.maximum !== undefined && value > schema.maximum) problems.push(...fail("maximum", `must be <= ${schema.maximum}`));
  }
  if (Array.isArray(value)) {
    if (schema.minItems !== undefined && value.length < schema.minItems) problems.push(...fail("minItems", `must have at least ${schema.minItems} items`));
    if (schema.maxItems !== undefined && value.length > schema.maxItems) problems.push(...fail("maxItems", `must have at most ${schema.maxItems} items`));
    if (schema.items) value.forEach((item, index) => problems.push(...validate(schema.items!, item, `${path}/${index}`)));
  }
  if (typeOf(value) === "object") {
    const object = value as Record<string, unknown>;
    for (const key of schema.required ?? []) {
      if (object[key] === undefined) problems.push({ path: `${path}/${key}`, code: "required", message: `${path}/${key}: is required` });
    }
    if (schema.minProperties !== undefined && Object.keys(object).length < schema.minProperties) problems.push(...fail("minProperties", `must have at least ${schema.minProperties} properties`));
    for (const [key, item] of Object.entries(object)) {
      if (item === undefined) continue;
      const child = schema.properties?.[key] ?? schema.additionalProperties;
      if (child === false) problems.push({ path: `${path}/${key}`, code: "additionalProperties", message: `${path}/${key}: is not an allowed property` });
      else if (child && child !== true) problems.push(...validate(child, item, `${path}/${escapePointer(key)}`));
    }
  }
  for (const part of schema.allOf ?? []) problems.push(...validate(part, value, path));
  if (schema.anyOf && !schema.anyOf.some((option) => validate(option, value, path).length === 0)) {
    problems.push(...explainAlternatives(schema.anyOf, value, path, "anyOf", "must match at least one of"));
  }
  if (schema.oneOf && schema.oneOf.filter((option) => validate(option, value, path).length === 0).length !== 1) {
    problems.push(...explainAlternatives(schema.oneOf, value, path, "oneOf", "must match exactly one of"));
  }
  return problems;
}

function escapePointer(key: string): string {
  return key.replace(/~/g, "~0").replace(/\//g, "~1");
}

function explainAlternatives(options: readonly Schema[], value: unknown, path: string, code: string, lead: string): ErrorDetail[] {
  const reasons = options.map((option) => validate(option, value, path).map((detail) => detail.message).join("; "));
  const at = path || "/";
  return [{ path: at, code, message: `${at}: ${lead} ${options.length} alternatives (${reasons.join(" | ")})` }];
}
