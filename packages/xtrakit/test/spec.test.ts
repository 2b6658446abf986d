// The package's constants agree with specs/xtrakit/openapi.yaml, and its timestamp pattern reads the page's format.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { XTRAKIT_APP_BASE_URL, XTRAKIT_BASE_URL } from "../src/index.js";

const spec = parse(readFileSync(new URL("../../../specs/xtrakit/openapi.yaml", import.meta.url), "utf8"));

describe("xtrakit spec", () => {
  it("lists the page's host first and the other pages' host second", () => {
    expect(spec.servers.map((server: { url: string }) => server.url)).toEqual([XTRAKIT_BASE_URL, XTRAKIT_APP_BASE_URL]);
  });

  it("models the timestamps as YYYY-MM-DD HH:MM:SS", () => {
    const pattern = new RegExp(spec.components.schemas.Timestamp.pattern, "u");
    expect(pattern.test("2024-08-04 08:23:45")).toBe(true);
    for (const wrong of ["2024-08-04T08:23:45", "2024-08-04 08:23", "2024-13-04 08:23:45", "2024-08-04 24:00:00"])
      expect(pattern.test(wrong)).toBe(false);
  });
});
