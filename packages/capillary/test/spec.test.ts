// The client's constants agree with the spec they were written from.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { CAPILLARY_BASE_URL, CAPILLARY_CLUSTERS } from "../src/index.js";

const spec = parse(readFileSync(new URL("../../../specs/capillary/openapi.yaml", import.meta.url), "utf8"));

describe("capillary spec", () => {
  it("lists the same clusters as the client, with the same default", () => {
    const cluster = spec.servers[0].variables.cluster;
    expect(Object.values(CAPILLARY_CLUSTERS).map((url) => new URL(url).host).sort()).toEqual([...cluster.enum].sort());
    expect(new URL(CAPILLARY_BASE_URL).host).toBe(cluster.default);
  });

  it("documents every code the client maps", () => {
    const described = spec.paths["/v1.1/customer/update"].put.responses["200"].description as string;
    const codes = [200, 201, 500, 400, 401, 402, 404, 405, 406, 407, 408, 618, 816, 1011, 1012, 1001, 1002, 1003, 1017, 1018, 1024, 1032, 1033, 1042, 1046, 1060, 10002, 91003];
    for (const code of codes) expect(described).toMatch(new RegExp(`\\b${code}\\b`));
  });
});
