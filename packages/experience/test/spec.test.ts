// The ISO code lists in specs/common are complete and exact.
import { readFileSync } from "node:fs";
import countries from "i18n-iso-countries";
import languages from "iso-639-1";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { requestSchemas } from "../src/generated/request-schemas.js";

const enumOf = (file: string) =>
  parse(readFileSync(new URL(`../../../specs/common/${file}`, import.meta.url), "utf8")).enum as string[];

describe("ISO code lists", () => {
  it("lists every officially assigned ISO 3166-1 alpha-2 code (no user-assigned XK)", () => {
    const official = Object.keys(countries.getAlpha2Codes()).filter((code) => code !== "XK");
    expect([...enumOf("iso-3166-1-alpha-2.yaml")].sort()).toEqual(official.sort());
  });

  it("lists every ISO 639-1 code in lower and upper case", () => {
    const codes = languages.getAllCodes();
    expect([...enumOf("iso-639-1.yaml")].sort()).toEqual([...codes, ...codes.map((code) => code.toUpperCase())].sort());
  });

  it("keeps every code a string for YAML 1.1 parsers too", () => {
    for (const file of ["iso-3166-1-alpha-2.yaml", "iso-639-1.yaml"]) {
      const text = readFileSync(new URL(`../../../specs/common/${file}`, import.meta.url), "utf8");
      const listed = text.split("\n").filter((line) => line.startsWith("    "));
      expect(listed.length).toBeGreaterThan(0);
      for (const line of listed) expect(line).toMatch(/^\s+("[A-Za-z]{2}",\s*)*"[A-Za-z]{2}",?$/);
    }
  });
});

describe("generated request schemas", () => {
  it("expand the compact code lists to exactly the spec's lists, in order", () => {
    const customer = requestSchemas.updateCustomers.body.properties.customers.items.properties;
    expect(customer.country.enum).toEqual(enumOf("iso-3166-1-alpha-2.yaml"));
    expect(customer.nationality.enum).toEqual(enumOf("iso-3166-1-alpha-2.yaml"));
    expect(customer.language.enum).toEqual(enumOf("iso-639-1.yaml"));
  });
});
