// Every vendor's bundled spec, as other teams import it: through the package's exports, in both
// formats, and self-contained.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { vendors as workspaceVendors } from "../../../scripts/workspace.mjs";

const require = createRequire(import.meta.url);
const root = new URL("../../../", import.meta.url);
const vendors = workspaceVendors(fileURLToPath(root));

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Spec = { openapi: string; info: { title: string }; paths: Record<string, Record<string, Json>> };

/** Every `$ref` value anywhere in a document. */
function refs(node: Json): string[] {
  if (Array.isArray(node)) return node.flatMap(refs);
  if (node && typeof node === "object") {
    return Object.entries(node).flatMap(([key, value]) =>
      key === "$ref" && typeof value === "string" ? [value] : refs(value),
    );
  }
  return [];
}

/** The node a local `#/...` JSON pointer names, or undefined. */
function resolvePointer(document: Json, ref: string): Json | undefined {
  return ref
    .slice(2)
    .split("/")
    .map((key) => decodeURIComponent(key).replace(/~1/g, "/").replace(/~0/g, "~"))
    .reduce<Json | undefined>(
      (node, key) => (node && typeof node === "object" && !Array.isArray(node) ? node[key] : undefined),
      document,
    );
}

it("covers at least one vendor", () => {
  expect(vendors.length).toBeGreaterThan(0);
});

describe.each(vendors)("%s", (vendor) => {
  const jsonPath = require.resolve(`@customer-clients/specs/${vendor}.json`);
  const yamlPath = require.resolve(`@customer-clients/specs/${vendor}.yaml`);
  const spec = JSON.parse(readFileSync(jsonPath, "utf8")) as Spec;

  it("ships the same OpenAPI document as JSON and YAML, at stable import paths", () => {
    expect(jsonPath).toMatch(new RegExp(`packages/specs/dist/${vendor}\\.json$`));
    expect(parse(readFileSync(yamlPath, "utf8"))).toEqual(spec);
    expect(spec.openapi).toMatch(/^3\.1\./);
    const source = parse(readFileSync(new URL(`specs/${vendor}/openapi.yaml`, root), "utf8"));
    expect(spec.info.title).toBe(source.info.title);
  });

  it("is self-contained: every $ref points inside the document, at something there", () => {
    const all = refs(spec as unknown as Json);
    expect(all.filter((ref) => !ref.startsWith("#/"))).toEqual([]);
    expect(all.filter((ref) => resolvePointer(spec as unknown as Json, ref) === undefined)).toEqual([]);
  });

  // Independent generators (swagger-typescript-api among them) run in packages/generator-matrix.
});
