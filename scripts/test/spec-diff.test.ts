// The classifier behind check-changeset's breaking-change guard, on synthetic edits of one spec.
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { diffSpecs, loadSpec } from "../spec-diff.mjs";
import { tempTree, writeTree } from "./temp-tree.js";

type Spec = Record<string, any>;

/** A small spec shaped like the vendors': one PATCH with a path and a query parameter, a body and responses. */
function base(): Spec {
  return {
    openapi: "3.1.0",
    info: { title: "Acme", version: "1.0.0" },
    servers: [{ url: "https://api.acme.test" }],
    security: [{ bearer: [] }],
    paths: {
      "/customers/{id}": {
        patch: {
          operationId: "updateCustomer",
          parameters: [
            { name: "id", in: "path", required: true, schema: { type: "string" } },
            { name: "dryRun", in: "query", schema: { type: "boolean" } },
          ],
          requestBody: {
            required: true,
            content: {
              "application/json": {
                schema: {
                  type: "object",
                  required: ["email"],
                  properties: {
                    email: { type: "string", maxLength: 100 },
                    name: { type: "string" },
                    tier: { type: "string", enum: ["gold", "silver"] },
                    age: { type: "integer" },
                  },
                },
              },
            },
          },
          responses: {
            "200": {
              description: "Updated",
              content: {
                "application/json": {
                  schema: {
                    type: "object",
                    required: ["id", "email"],
                    properties: {
                      id: { type: "string" },
                      email: { type: "string" },
                      status: { type: "string", enum: ["active", "blocked"] },
                      notes: { type: "string" },
                    },
                  },
                },
              },
            },
            "404": {
              description: "Not found",
              content: {
                "application/json": { schema: { type: "object", properties: { message: { type: "string" } } } },
              },
            },
          },
        },
      },
    },
    components: { securitySchemes: { bearer: { type: "http", scheme: "bearer" } } },
  };
}

const op = (spec: Spec) => spec.paths["/customers/{id}"].patch;
const requestSchema = (spec: Spec) => op(spec).requestBody.content["application/json"].schema;
const responseSchema = (spec: Spec) => op(spec).responses["200"].content["application/json"].schema;

// [edit, breaking for a client generated from the spec]
const EDITS: [string, (spec: Spec) => void, boolean][] = [
  ["remove the path", (s) => delete s.paths["/customers/{id}"], true],
  [
    "rename the path",
    (s) => {
      s.paths["/clients/{id}"] = s.paths["/customers/{id}"];
      delete s.paths["/customers/{id}"];
    },
    true,
  ],
  ["remove the operation", (s) => delete s.paths["/customers/{id}"].patch, true],
  ["rename the operationId", (s) => (op(s).operationId = "patchCustomer"), true],
  ["remove a query parameter", (s) => op(s).parameters.pop(), true],
  ["make an optional parameter required", (s) => (op(s).parameters[1].required = true), true],
  [
    "add a required header parameter",
    (s) => op(s).parameters.push({ name: "X-Tenant", in: "header", required: true, schema: { type: "string" } }),
    true,
  ],
  ["remove a request field", (s) => delete requestSchema(s).properties.name, true],
  ["make a request field required", (s) => requestSchema(s).required.push("name"), true],
  [
    "add a required request field",
    (s) => {
      requestSchema(s).properties.phone = { type: "string" };
      requestSchema(s).required.push("phone");
    },
    true,
  ],
  ["remove a request enum value", (s) => requestSchema(s).properties.tier.enum.pop(), true],
  ["narrow a request type (integer to string)", (s) => (requestSchema(s).properties.age.type = "string"), true],
  ["shorten a request maxLength", (s) => (requestSchema(s).properties.email.maxLength = 50), true],
  ["add a pattern to a request field", (s) => (requestSchema(s).properties.name.pattern = "^[A-Z]"), true],
  ["remove a response field", (s) => delete responseSchema(s).properties.notes, true],
  ["make a response field nullable", (s) => (responseSchema(s).properties.notes.type = ["string", "null"]), true],
  ["make a response field optional", (s) => (responseSchema(s).required = ["id"]), true],
  ["add a response enum value", (s) => responseSchema(s).properties.status.enum.push("deleted"), true],
  ["remove a documented response", (s) => delete op(s).responses["404"], true],
  ["change the security requirement", (s) => (s.security = [{ apiKey: [] }]), true],
  [
    "change a security scheme",
    (s) => (s.components.securitySchemes.bearer = { type: "apiKey", in: "header", name: "X-Key" }),
    true,
  ],
  ["remove a server", (s) => (s.servers = [{ url: "https://api2.acme.test" }]), true],
  ["add an optional request field", (s) => (requestSchema(s).properties.phone = { type: "string" }), false],
  ["add a request enum value", (s) => requestSchema(s).properties.tier.enum.push("bronze"), false],
  ["make a request field optional", (s) => (requestSchema(s).required = []), false],
  ["lengthen a request maxLength", (s) => (requestSchema(s).properties.email.maxLength = 200), false],
  ["let a request field be null", (s) => (requestSchema(s).properties.name.type = ["string", "null"]), false],
  [
    "add an optional query parameter",
    (s) => op(s).parameters.push({ name: "fields", in: "query", schema: { type: "string" } }),
    false,
  ],
  ["add a response field", (s) => (responseSchema(s).properties.createdAt = { type: "string" }), false],
  ["make a response field required", (s) => responseSchema(s).required.push("status"), false],
  [
    "add a new path",
    (s) =>
      (s.paths["/customers"] = { get: { operationId: "listCustomers", responses: { "200": { description: "ok" } } } }),
    false,
  ],
  ["add a documented error response", (s) => (op(s).responses["429"] = { description: "Too many" }), false],
  [
    "edit descriptions and examples",
    (s) => {
      s.info.description = "More words";
      requestSchema(s).properties.email.description = "The address";
      requestSchema(s).properties.email.examples = ["a@b.c"];
    },
    false,
  ],
  ["add a server", (s) => s.servers.push({ url: "https://eu.acme.test" }), false],
];

describe("diffSpecs: each synthetic edit judged for a generated client", () => {
  it("has at least 20 edits, breaking and not", () => {
    expect(EDITS.length).toBeGreaterThanOrEqual(20);
    expect(EDITS.filter(([, , breaking]) => breaking).length).toBeGreaterThanOrEqual(10);
    expect(EDITS.filter(([, , breaking]) => !breaking).length).toBeGreaterThanOrEqual(10);
  });

  it("finds no change between a spec and itself", () => {
    expect(diffSpecs(base(), base())).toEqual([]);
  });

  it.each(EDITS.map(([name, edit, breaking]) => ({ name, edit, breaking })))(
    "$name → breaking: $breaking",
    ({ edit, breaking }) => {
      const after = base();
      edit(after);
      expect(diffSpecs(base(), after).some((change) => change.breaking)).toBe(breaking);
    },
  );

  it("says where and what", () => {
    const after = base();
    requestSchema(after).properties.tier.enum.pop();
    expect(diffSpecs(base(), after)).toEqual([
      {
        breaking: true,
        where: "PATCH /customers/{id} body application/json/tier",
        change: 'enum values removed: "silver"',
      },
    ]);
  });
});

describe("loadSpec", () => {
  it("inlines local and cross-file $refs, so an edit in a shared file shows in the spec that uses it", async () => {
    const spec = base();
    requestSchema(spec).properties.country = { $ref: "../common/countries.yaml" };
    responseSchema(spec).properties.tier = { $ref: "#/components/schemas/Tier" };
    spec.components.schemas = { Tier: { type: "string", enum: ["gold"] } };
    const dir = tempTree("spec-diff-", {
      "acme/openapi.yaml": JSON.stringify(spec),
      "common/countries.yaml": "type: string\nenum: [FR, BE]\n",
    });
    const before = await loadSpec(join(dir, "acme/openapi.yaml"));
    expect(requestSchema(before).properties.country).toEqual({ type: "string", enum: ["FR", "BE"] });
    expect(responseSchema(before).properties.tier).toEqual({ type: "string", enum: ["gold"] });
    writeTree(dir, { "common/countries.yaml": "type: string\nenum: [FR]\n" });
    const changes = diffSpecs(before, await loadSpec(join(dir, "acme/openapi.yaml")));
    expect(changes).toEqual([expect.objectContaining({ breaking: true, change: 'enum values removed: "BE"' })]);
  });
});
