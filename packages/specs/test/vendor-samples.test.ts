// The vendors' documented requests and responses (@customer-clients/test-utils/samples) against the bundled
// specs: each request must pass both the spec's JSON Schema and the generated request schemas
// the clients check before sending; each response must pass the spec's schema for its status.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { validate, type Schema } from "@customer-clients/core";
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { describe, expect, it } from "vitest";
import { refused, samples, type Sample } from "@customer-clients/test-utils/samples";

const require = createRequire(import.meta.url);
const METHODS = ["get", "put", "post", "patch", "delete"];

type Json = Record<string, unknown>;
const specs = new Map<string, Json>();
const ajv = new Ajv2020({ strict: false, allErrors: true, logger: false, validateSchema: false });
addFormats.default(ajv);

function spec(vendor: string): Json {
  if (!specs.has(vendor)) {
    const document = JSON.parse(
      readFileSync(require.resolve(`@customer-clients/specs/${vendor}.json`), "utf8"),
    ) as Json;
    ajv.addSchema(document, vendor);
    specs.set(vendor, document);
  }
  return specs.get(vendor) as Json;
}

const escapePointer = (key: string) => key.replace(/~/g, "~0").replace(/\//g, "~1");

/** JSON pointer (inside the vendor's document) of the operation with this id. */
function operationPointer(vendor: string, operationId: string): string {
  const paths = spec(vendor).paths as Record<string, Record<string, Json>>;
  for (const [path, item] of Object.entries(paths)) {
    for (const method of METHODS)
      if (item[method]?.operationId === operationId) return `/paths/${escapePointer(path)}/${method}`;
  }
  throw new Error(`${vendor}: no operation ${operationId}`);
}

function at(document: Json, pointer: string): Json {
  return pointer
    .split("/")
    .slice(1)
    .map((key) => key.replace(/~1/g, "/").replace(/~0/g, "~"))
    .reduce((node, key) => (node as Record<string, Json>)[key] as Json, document);
}

/** Pointer of the schema the sample is judged by, following a response `$ref`. */
function schemaPointer(sample: Sample): string {
  const document = spec(sample.vendor);
  const operation = operationPointer(sample.vendor, sample.operationId);
  if (sample.kind === "request")
    return `${operation}/requestBody/content/${escapePointer("application/json" in (at(document, `${operation}/requestBody/content`) as Json) ? "application/json" : (Object.keys(at(document, `${operation}/requestBody/content`))[0] as string))}/schema`;
  const responses = at(document, `${operation}/responses`);
  const key = sample.status in responses ? sample.status : "default";
  let pointer = `${operation}/responses/${key}`;
  const ref = (at(document, pointer) as { $ref?: string }).$ref;
  if (ref) pointer = ref.slice(1);
  return `${pointer}/content/${escapePointer(sample.mediaType)}/schema`;
}

const compiled = new Map<string, ValidateFunction>();
function specErrors(sample: Sample): string[] {
  const ref = `${sample.vendor}#${schemaPointer(sample)}`;
  if (!compiled.has(ref)) compiled.set(ref, ajv.compile({ $ref: ref }));
  const check = compiled.get(ref) as ValidateFunction;
  return check(sample.body) ? [] : (check.errors ?? []).map((error) => `${error.instancePath} ${error.message}`);
}

/** What the vendor's client checks before sending: the generated request schemas. */
async function clientErrors(sample: Sample & { kind: "request" }): Promise<string[]> {
  const { requestSchemas } = (await import(`../../${sample.vendor}/src/generated/request-schemas.ts`)) as {
    requestSchemas: Record<string, Record<string, Schema>>;
  };
  const schemas = requestSchemas[sample.operationId] ?? {};
  const problems = [
    ...(schemas.body ? validate(schemas.body, sample.body) : []),
    ...(schemas.query ? validate(schemas.query, sample.query ?? {}) : []),
  ];
  return problems.map((problem) => `${problem.path ?? ""} ${problem.message}`);
}

const label = (sample: Sample) =>
  `${sample.kind} ${sample.kind === "response" ? `${sample.status} ` : ""}from ${sample.source}`;

it("has samples for every vendor, requests and responses", () => {
  for (const vendor of ["experience", "commercelayer", "capillary", "xtrakit", "pexip"]) {
    expect(samples.filter((sample) => sample.vendor === vendor && sample.kind === "request").length).toBeGreaterThan(0);
    expect(samples.filter((sample) => sample.vendor === vendor && sample.kind === "response").length).toBeGreaterThan(
      0,
    );
  }
});

describe.each(["experience", "commercelayer", "capillary", "xtrakit", "pexip"])(
  "%s: the vendor's documented samples",
  (vendor) => {
    const own = samples.filter((sample) => sample.vendor === vendor);
    it.each(own.map((sample) => [label(sample), sample] as const))("accepts the %s", async (_, sample) => {
      expect(specErrors(sample)).toEqual([]);
      if (sample.kind === "request") expect(await clientErrors(sample)).toEqual([]);
    });
  },
);

describe("near-misses the specs still refuse", () => {
  it.each(refused.map((sample) => [`${sample.vendor}: ${sample.source}`, sample] as const))("%s", async (_, sample) => {
    expect(specErrors(sample)).not.toEqual([]);
    if (sample.kind === "request") expect(await clientErrors(sample)).not.toEqual([]);
  });
});
