// Every vendor's bundled spec, as other teams import it: through the package's exports, in both
// formats, self-contained, and good enough for an independent generator whose output type-checks.
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { parse } from "yaml";

const require = createRequire(import.meta.url);
const run = promisify(execFile);
const root = new URL("../../../", import.meta.url);
const vendors = Object.keys(parse(readFileSync(new URL("redocly.yaml", root), "utf8")).apis);
const HTTP_METHODS = ["get", "put", "post", "patch", "delete", "head", "options", "trace"];

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Spec = { openapi: string; info: { title: string }; paths: Record<string, Record<string, Json>> };

/** Every `$ref` value anywhere in a document. */
function refs(node: Json): string[] {
  if (Array.isArray(node)) return node.flatMap(refs);
  if (node && typeof node === "object") {
    return Object.entries(node).flatMap(([key, value]) => (key === "$ref" && typeof value === "string" ? [value] : refs(value)));
  }
  return [];
}

/** The node a local `#/...` JSON pointer names, or undefined. */
function resolvePointer(document: Json, ref: string): Json | undefined {
  return ref
    .slice(2)
    .split("/")
    .map((key) => decodeURIComponent(key).replace(/~1/g, "/").replace(/~0/g, "~"))
    .reduce<Json | undefined>((node, key) => (node && typeof node === "object" && !Array.isArray(node) ? node[key] : undefined), document);
}

const workDir = mkdtempSync(join(tmpdir(), "specs-generators-"));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

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

  // Slow (a generator and a compiler per vendor): runs alongside the other vendors'.
  it.concurrent("generates a client with swagger-typescript-api that passes strict tsc", async ({ expect }) => {
    const out = join(workDir, vendor);
    const generatorPackage = require.resolve("swagger-typescript-api/package.json");
    const generator = join(dirname(generatorPackage), require(generatorPackage).bin["swagger-typescript-api"]);
    // Enums as union types: a TypeScript `enum` cannot hold the boolean members some specs list.
    await run(process.execPath, [generator, "generate", "--path", jsonPath, "--output", out, "--name", "api.ts", "--enum-style", "union", "--silent"]);
    const file = join(out, "api.ts");
    // The generator marks its output `@ts-nocheck`; drop that so tsc checks every line.
    const code = readFileSync(file, "utf8").replace(/^\/\/ @ts-nocheck\n/m, "");
    writeFileSync(file, code);

    const operations = Object.entries(spec.paths).flatMap(([path, item]) =>
      Object.keys(item)
        .filter((method) => HTTP_METHODS.includes(method))
        .map((method) => `@request ${method.toUpperCase()}:${path}`),
    );
    expect(operations.length).toBeGreaterThan(0);
    for (const operation of operations) expect(code).toContain(operation);

    // Strict settings, and no ambient @types: only the generated file and the standard library.
    const compilerOptions = {
      strict: true, noUncheckedIndexedAccess: true, exactOptionalPropertyTypes: true, noEmit: true, skipLibCheck: true,
      target: "es2022", lib: ["es2022", "dom"], module: "esnext", moduleResolution: "bundler", types: [],
    };
    writeFileSync(join(out, "tsconfig.json"), JSON.stringify({ compilerOptions, files: ["api.ts"] }));
    const tsc = require.resolve("typescript/bin/tsc");
    const result = await run(process.execPath, [tsc, "-p", join(out, "tsconfig.json")]).catch((error) => error);
    expect(result.stdout ?? "").toBe("");
    expect(result.code ?? 0).toBe(0);
  });
});
