import { describe, expect, it } from "vitest";
import { validate, type Schema } from "../src/validate.js";

const customer: Schema = {
  type: "object",
  required: ["reference"],
  additionalProperties: false,
  properties: {
    reference: { type: "string", minLength: 1, maxLength: 5 },
    language: { type: ["string", "null"], enum: ["da", "en", null] },
    birthdate: { type: "string", format: "date" },
    seen: { type: "string", format: "date-time" },
    registered: { type: "string", pattern: "^\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}$" },
    latitude: { type: "number", minimum: -90, maximum: 90 },
    group: { type: "integer" },
    tags: { type: "array", minItems: 1, maxItems: 2, items: { type: "string" } },
    kind: { const: "customers" },
  },
};

describe("validate", () => {
  const cases: Array<[string, { given: unknown; want: Array<{ path: string; code: string }> }]> = [
    [
      "a valid value",
      {
        given: {
          reference: "r1",
          language: null,
          birthdate: "1982-04-23",
          seen: "2022-08-17T19:05:21.362Z",
          latitude: 51.04,
          group: 1,
          tags: ["a"],
          kind: "customers",
        },
        want: [],
      },
    ],
    ["a missing required field", { given: {}, want: [{ path: "/reference", code: "required" }] }],
    ["a wrong type", { given: { reference: 5 }, want: [{ path: "/reference", code: "type" }] }],
    ["a too short string", { given: { reference: "" }, want: [{ path: "/reference", code: "minLength" }] }],
    ["a too long string", { given: { reference: "abcdef" }, want: [{ path: "/reference", code: "maxLength" }] }],
    [
      "a value outside the enum",
      { given: { reference: "r", language: "xx" }, want: [{ path: "/language", code: "enum" }] },
    ],
    [
      "an impossible date",
      { given: { reference: "r", birthdate: "1982-02-30" }, want: [{ path: "/birthdate", code: "format" }] },
    ],
    [
      "a date in another format",
      { given: { reference: "r", birthdate: "23/04/1982" }, want: [{ path: "/birthdate", code: "format" }] },
    ],
    [
      "a date-time without zone",
      { given: { reference: "r", seen: "2022-08-17T19:05:21" }, want: [{ path: "/seen", code: "format" }] },
    ],
    [
      "a pattern mismatch",
      {
        given: { reference: "r", registered: "2016-09-11T11:11:11" },
        want: [{ path: "/registered", code: "pattern" }],
      },
    ],
    [
      "a number below the minimum",
      { given: { reference: "r", latitude: -91 }, want: [{ path: "/latitude", code: "minimum" }] },
    ],
    [
      "a number above the maximum",
      { given: { reference: "r", latitude: 90.5 }, want: [{ path: "/latitude", code: "maximum" }] },
    ],
    [
      "a fraction where an integer is due",
      { given: { reference: "r", group: 1.5 }, want: [{ path: "/group", code: "type" }] },
    ],
    ["an empty array", { given: { reference: "r", tags: [] }, want: [{ path: "/tags", code: "minItems" }] }],
    [
      "a too long array",
      { given: { reference: "r", tags: ["a", "b", "c"] }, want: [{ path: "/tags", code: "maxItems" }] },
    ],
    ["a bad array item", { given: { reference: "r", tags: ["a", 2] }, want: [{ path: "/tags/1", code: "type" }] }],
    [
      "an unknown property on a closed object",
      { given: { reference: "r", colour: "red" }, want: [{ path: "/colour", code: "additionalProperties" }] },
    ],
    ["a wrong constant", { given: { reference: "r", kind: "orders" }, want: [{ path: "/kind", code: "const" }] }],
  ];
  it.each(cases)("%s", (_name, { given, want }) => {
    expect(validate(customer, given).map(({ path, code }) => ({ path, code }))).toEqual(want);
  });

  it("names the field and the rule in the message", () => {
    const [detail] = validate(customer, { reference: "r", language: "xx" });
    expect(detail?.message).toBe('/language: must be one of "da", "en", null, got "xx"');
  });

  it("requires at least one alternative of anyOf", () => {
    const identified: Schema = { type: "object", anyOf: [{ required: ["email"] }, { required: ["mobile"] }] };
    expect(validate(identified, { email: "a@b.c" })).toEqual([]);
    const [detail] = validate(identified, { firstname: "x" });
    expect(detail).toMatchObject({ path: "/", code: "anyOf" });
    expect(detail?.message).toContain("/email: is required");
  });

  it("requires exactly one alternative of oneOf", () => {
    const either: Schema = { oneOf: [{ type: "string" }, { type: "string", minLength: 2 }] };
    expect(validate(either, "a")).toEqual([]);
    expect(validate(either, "ab")[0]?.code).toBe("oneOf");
  });

  it("applies every allOf part", () => {
    const both: Schema = { allOf: [{ type: "string" }, { minLength: 3 }] };
    expect(validate(both, "ab").map((d) => d.code)).toEqual(["minLength"]);
  });
});
