// Writes, for each vendor, what its spec says about each operation:
// - packages/<vendor>/src/generated/request-schemas.ts: the request schemas (bodies and
//   parameters, $refs resolved, docs stripped), for the client's pre-send validation;
// - packages/<vendor>/src/generated/operations.ts: one descriptor per operation (method, path,
//   media types, idempotency, schemas) and the TypeScript type of its request parts, which core's
//   `call` sends, so that a vendor's own code is only how callers' input is shaped and bodies read;
// - packages/<vendor>/src/generated/index.ts: what every vendor package exports from its spec:
//   the spec's types and its rate limits.
// Reads the bundles that `redocly bundle` wrote to packages/specs/dist.
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { apis } from "./workspace.mjs";

// The keywords and formats core's validator checks, from the validator itself (Node runs its TypeScript).
const { CHECKED_KEYWORDS, CHECKED_FORMATS: FORMATS } = await import("../packages/core/src/validate.ts");
const VALIDATED = new Set(CHECKED_KEYWORDS);
const CHECKED_FORMATS = new Set(FORMATS);
const ANNOTATIONS = new Set([
  "description",
  "title",
  "examples",
  "example",
  "default",
  "deprecated",
  "readOnly",
  "writeOnly",
  "externalDocs",
  "$comment",
  "summary",
]);
// Formats that only annotate a type the validator already checks.
const ANNOTATION_FORMATS = new Set(["int32", "int64", "float", "double", "password"]);
const HTTP_METHODS = ["get", "put", "post", "patch", "delete"];
// Idempotent by HTTP's definition unless the operation says otherwise with `x-idempotent`.
const IDEMPOTENT_METHODS = new Set(["get", "put", "delete"]);
const JSON_MEDIA_TYPE = "application/json";

// Long code lists (the ISO lists: hundreds of two-letter codes) dominate a browser bundle when
// written out. Each distinct list is emitted once, as a shared constant; a list of same-length
// codes is written as groups ("ADEF" = AD AE AF) that a two-line decoder expands at load, in the
// spec's order. The decoded list is checked against the spec's here, so the output stays exact.
const COMPACT_MIN_VALUES = 16;

/** Codes that all share one length and use no space: "groups" of a prefix and last characters. */
function groupCodes(list) {
  const groups = [];
  for (const code of list) {
    const prefix = code.slice(0, -1);
    const last = groups.at(-1);
    if (last?.startsWith(prefix)) groups[groups.length - 1] += code.slice(-1);
    else groups.push(code);
  }
  return groups.join(" ");
}

const decodeGroups = (groups, length) =>
  groups.split(" ").flatMap((group) => [...group.slice(length - 1)].map((last) => group.slice(0, length - 1) + last));
const withUpperCase = (list) => [...list, ...list.map((code) => code.toUpperCase())];

/** The TypeScript expression for a list of enum values: a JSON array, or a compact call. */
function enumExpression(list) {
  const compactable =
    list.length >= COMPACT_MIN_VALUES &&
    list.every(
      (value) => typeof value === "string" && value.length === list[0].length && value.length > 1 && !/\s/.test(value),
    );
  if (!compactable) return { expression: JSON.stringify(list), helpers: [] };
  const half = list.slice(0, list.length / 2);
  const doubled =
    list.length % 2 === 0 &&
    JSON.stringify(withUpperCase(half)) === JSON.stringify(list) &&
    half.some((code) => code !== code.toUpperCase());
  const base = doubled ? half : list;
  const groups = groupCodes(base);
  const decoded = doubled ? withUpperCase(decodeGroups(groups, base[0].length)) : decodeGroups(groups, base[0].length);
  if (JSON.stringify(decoded) !== JSON.stringify(list))
    throw new Error(`compact enum does not decode to the spec's list: ${list.slice(0, 5).join(",")}…`);
  const call = `/* @__PURE__ */ codes(${JSON.stringify(groups)}, ${base[0].length})`;
  return doubled
    ? { expression: `/* @__PURE__ */ withUpperCase(${call})`, helpers: ["codes", "withUpperCase"] }
    : { expression: call, helpers: ["codes"] };
}

const HELPERS = {
  codes: `/** Expands "ADEF BA" (groups of a shared prefix and last characters) to AD, AE, AF, BA. */
const codes = (groups: string, length: number): string[] =>
  groups.split(" ").flatMap((group) => [...group.slice(length - 1)].map((last) => group.slice(0, length - 1) + last));`,
  withUpperCase: `/** The codes, then the same codes in upper case. */
const withUpperCase = (list: string[]): string[] => [...list, ...list.map((code) => code.toUpperCase())];`,
};

/** The schemas as TypeScript: JSON, with long enum lists hoisted into shared constants. */
function schemasSource(operations) {
  const lists = new Map();
  const json = JSON.stringify(
    operations,
    (key, value) => {
      if (key !== "enum" || !Array.isArray(value) || value.length < COMPACT_MIN_VALUES) return value;
      const id = JSON.stringify(value);
      if (!lists.has(id)) lists.set(id, { name: `list${lists.size}`, ...enumExpression(value) });
      return `\u0000${lists.get(id).name}\u0000`;
    },
    2,
  ).replace(/"\\u0000(list\d+)\\u0000"/g, "$1");
  const helpers = [...new Set([...lists.values()].flatMap((list) => list.helpers))].map((name) => HELPERS[name]);
  const constants = [...lists.values()].map((list) => `const ${list.name} = ${list.expression};`);
  return { json, preamble: [...helpers, ...constants].join("\n") };
}

for (const [name, api] of Object.entries(apis())) {
  const bundlePath = join("packages/specs/dist", `${name}.json`);
  const raw = readFileSync(bundlePath, "utf8");
  const spec = JSON.parse(raw);
  const resolve = (ref) =>
    ref
      .slice(2)
      .split("/")
      .reduce((node, key) => node[key.replace(/~1/g, "/").replace(/~0/g, "~")], spec);

  const simplify = (schema, where, seen = new Set()) => {
    if (schema.$ref) {
      if (seen.has(schema.$ref)) throw new Error(`${where}: recursive $ref ${schema.$ref} is not supported`);
      return simplify(resolve(schema.$ref), where, new Set([...seen, schema.$ref]));
    }
    const out = {};
    for (const [key, value] of Object.entries(schema)) {
      if (ANNOTATIONS.has(key) || key.startsWith("x-")) continue;
      if (!VALIDATED.has(key)) throw new Error(`${where}: keyword "${key}" is not checked by core's validator`);
      if (key === "format" && !CHECKED_FORMATS.has(value)) {
        if (ANNOTATION_FORMATS.has(value)) continue;
        throw new Error(`${where}: format "${value}" is not checked by core's validator`);
      }
      if (key === "properties")
        out.properties = Object.fromEntries(
          Object.entries(value).map(([prop, sub]) => [prop, simplify(sub, `${where}/${prop}`, seen)]),
        );
      else if (key === "items" || (key === "additionalProperties" && typeof value === "object"))
        out[key] = simplify(value, `${where}/${key}`, seen);
      else if (key === "anyOf" || key === "oneOf" || key === "allOf")
        out[key] = value.map((sub, i) => simplify(sub, `${where}/${key}/${i}`, seen));
      else out[key] = value;
    }
    return out;
  };

  const operations = {};
  const descriptors = [];
  for (const [path, item] of Object.entries(spec.paths ?? {})) {
    for (const method of HTTP_METHODS) {
      const op = item[method];
      if (!op) continue;
      const where = `${name} ${method.toUpperCase()} ${path}`;
      const entry = {};
      const content = op.requestBody?.content ?? {};
      const mediaType = Object.keys(content).find((type) => /json/.test(type));
      if (mediaType && content[mediaType].schema) entry.body = simplify(content[mediaType].schema, `${where} body`);
      const params = [...(item.parameters ?? []), ...(op.parameters ?? [])].map((p) => (p.$ref ? resolve(p.$ref) : p));
      for (const location of ["path", "query", "header"]) {
        const own = params.filter((p) => p.in === location && p.schema);
        if (own.length === 0) continue;
        entry[location] = {
          type: "object",
          required: own.filter((p) => p.required).map((p) => p.name),
          properties: Object.fromEntries(
            own.map((p) => [p.name, simplify(p.schema, `${where} ${location} ${p.name}`)]),
          ),
        };
      }
      operations[op.operationId] = entry;
      descriptors.push(describe(op, method, path, params, mediaType, Object.keys(entry), where));
    }
  }

  const hash = createHash("sha256").update(raw).digest("hex");
  const output = join(dirname(api["x-openapi-ts"].output), "request-schemas.ts");
  const { json, preamble } = schemasSource(operations);
  const source = `/**
 * This file was generated by scripts/generate-request-schemas.mjs from ${api.root}.
 * Do not make direct changes to the file.
 * Bundled spec sha256: ${hash}
 */
import type { Schema } from "@customer-clients/core";
${preamble ? `\n${preamble}\n` : ""}
export const requestSchemas = ${json} as const satisfies Record<string, { body?: Schema; path?: Schema; query?: Schema; header?: Schema }>;
`;
  writeFileSync(output, source);
  const operationsOutput = join(dirname(api["x-openapi-ts"].output), "operations.ts");
  writeFileSync(operationsOutput, operationsSource(descriptors, api.root, hash));
  const exportsOutput = join(dirname(api["x-openapi-ts"].output), "index.ts");
  writeFileSync(
    exportsOutput,
    `/**
 * This file was generated by scripts/generate-request-schemas.mjs from ${api.root}.
 * Do not make direct changes to the file.
 */
export { rateLimits } from "./limits.js";
export type { components, paths } from "./openapi.js";
`,
  );
  console.log(`${name} → ${output}, ${operationsOutput}, ${exportsOutput}`);
}

/** What core needs to send an operation, and the TypeScript type of its request parts. */
function describe(op, method, path, params, mediaType, validatedParts, where) {
  const idempotent = op["x-idempotent"] ?? IDEMPOTENT_METHODS.has(method);
  if (typeof idempotent !== "boolean") throw new Error(`${where}: x-idempotent must be true or false`);
  const success = Object.entries(op.responses ?? {}).find(([status]) => /^2\d\d$/.test(status))?.[1];
  const responseMediaType = Object.keys(success?.content ?? {})[0];
  const responseType = responseMediaType === undefined || /json/.test(responseMediaType) ? "json" : "text";
  const operationType = `operations[${JSON.stringify(op.operationId)}]`;
  const partTypes = [];
  for (const location of ["path", "query", "header"]) {
    const own = params.filter((p) => p.in === location);
    if (own.length === 0) continue;
    const optional = own.every((p) => !p.required);
    partTypes.push(
      `${location}${optional ? "?" : ""}: NonNullable<${operationType}["parameters"][${JSON.stringify(location)}]>`,
    );
  }
  if (mediaType) {
    const optional = op.requestBody.required !== true;
    partTypes.push(
      `body${optional ? "?" : ""}: NonNullable<${operationType}["requestBody"]>["content"][${JSON.stringify(mediaType)}]`,
    );
  }
  const descriptor = {
    name: op.operationId,
    method: method.toUpperCase(),
    path,
    idempotent,
    responseType,
    // A media type other than plain JSON is sent as Content-Type and asked for in Accept.
    ...(mediaType && mediaType !== JSON_MEDIA_TYPE ? { mediaType } : {}),
  };
  return { name: op.operationId, descriptor, partTypes, validatedParts };
}

function operationsSource(descriptors, root, hash) {
  const blocks = descriptors.map(({ name, descriptor, partTypes, validatedParts }) => {
    const typeName = `${name[0].toUpperCase()}${name.slice(1)}Parts`;
    const fields = Object.entries(descriptor).map(([key, value]) => `  ${key}: ${JSON.stringify(value)},`);
    if (validatedParts.length > 0) fields.push(`  schemas: requestSchemas.${name},`);
    return `/** The request parts of \`${name}\`, as core's \`call\` takes them. */
export interface ${typeName} {
${partTypes.map((part) => `  ${part};`).join("\n")}
}

export const ${name}: OperationSpec<${typeName}> = {
${fields.join("\n")}
};`;
  });
  return `/**
 * This file was generated by scripts/generate-request-schemas.mjs from ${root}.
 * Do not make direct changes to the file.
 * Bundled spec sha256: ${hash}
 */
import type { OperationSpec } from "@customer-clients/core";
import type { operations } from "./openapi.js";
import { requestSchemas } from "./request-schemas.js";

${blocks.join("\n\n")}
`;
}
