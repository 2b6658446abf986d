// What the spec repeats (YAML cannot share an enum between a nullable and a plain schema) stays in step,
// and the client's constants match the spec.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { PEXIP_BUSINESS_CODES, PEXIP_SCOPE } from "../src/index.js";

const spec = parse(readFileSync(new URL("../../../specs/pexip/openapi.yaml", import.meta.url), "utf8"));
const schemas = spec.components.schemas;

describe("pexip spec", () => {
  it("uses the one list of languages wherever a language may be null", () => {
    // A nullable enum written as `anyOf`, which every code generator reads.
    const nullableLanguage = [{ $ref: "#/components/schemas/Language" }, { type: "null" }];
    expect(schemas.CustomerUpdate.properties.language.anyOf).toEqual(nullableLanguage);
    expect(schemas.Customer.properties.language.anyOf).toEqual(nullableLanguage);
  });

  it("keeps the nullable geolocation the same as the plain one", () => {
    const { type: plainType, ...plain } = schemas.Geolocation;
    const { type: nullableType, ...nullable } = schemas.GeolocationOrNull;
    expect([plainType, nullableType]).toEqual(["object", ["object", "null"]]);
    expect(nullable).toEqual(plain);
  });

  it("documents the business codes the client exports, one 422 example each", () => {
    expect(schemas.BusinessError.properties.code["x-documented-codes"]).toEqual([...PEXIP_BUSINESS_CODES]);
    const examples = spec.paths["/customers/{id}"].patch.responses["422"].content["application/json"].examples;
    expect(
      Object.values(examples).map(
        (example) => (example as { value: { errors: Array<{ code: string }> } }).value.errors[0]?.code,
      ),
    ).toEqual([...PEXIP_BUSINESS_CODES]);
  });

  it("asks for the scope the client requests", () => {
    expect(Object.keys(spec.components.securitySchemes.clientCredentials.flows.clientCredentials.scopes)).toEqual([
      PEXIP_SCOPE,
    ]);
    expect(spec.security).toEqual([{ clientCredentials: [PEXIP_SCOPE] }]);
  });
});
