// The package's constants and fixtures agree with specs/xtrakit/openapi.yaml.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { requestSchemas } from "../src/generated/request-schemas.js";
import { XTRAKIT_APP_BASE_URL, XTRAKIT_BASE_URL } from "../src/index.js";
import { REQUIRED_ON_THE_PAGE } from "./fixtures.js";

const spec = parse(readFileSync(new URL("../../../specs/xtrakit/openapi.yaml", import.meta.url), "utf8"));

describe("xtrakit spec", () => {
  it("lists the page's host first and the other pages' host second", () => {
    expect(spec.servers.map((server: { url: string }) => server.url)).toEqual([XTRAKIT_BASE_URL, XTRAKIT_APP_BASE_URL]);
  });

  it("requires exactly the fields the page marks required", () => {
    expect([...requestSchemas.updateCustomer.body.required]).toEqual([...REQUIRED_ON_THE_PAGE]);
  });

  it("types customer_group_id as an integer and every other body field as a string", () => {
    const types = Object.fromEntries(Object.entries(requestSchemas.updateCustomer.body.properties).map(([name, schema]) => [name, schema.type]));
    expect(types).toEqual({
      customer_group_id: "integer",
      customer_name: "string",
      customer_email: "string",
      customer_phone: "string",
      customer_whatsapp: "string",
      customer_country: "string",
      customer_city: "string",
      customer_state: "string",
      customer_zip: "string",
      address1: "string",
      address2: "string",
      customer_profile: "string",
      created_by: "string",
    });
  });

  it("documents both 401 bodies of the page", () => {
    const examples = spec.paths["/api/v1/customers/{id}"].put.responses["401"].content["application/json"].examples;
    expect(Object.values(examples).map((example) => (example as { value: unknown }).value)).toEqual([
      { status: 401, error: "Unauthorized: Missing Bearer Token" },
      { status: 401, error: "Unauthorized: Invalid API Key" },
    ]);
  });

  it("models the timestamps as YYYY-MM-DD HH:MM:SS", () => {
    const pattern = new RegExp(spec.components.schemas.Timestamp.pattern, "u");
    expect(pattern.test("2024-08-04 08:23:45")).toBe(true);
    for (const wrong of ["2024-08-04T08:23:45", "2024-08-04 08:23", "2024-13-04 08:23:45", "2024-08-04 24:00:00"]) expect(pattern.test(wrong)).toBe(false);
  });
});
