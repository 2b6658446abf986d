// The client's constants agree with the spec they were written from.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { CAPILLARY_BASE_URL, CAPILLARY_CLUSTERS } from "../src/index.js";

const spec = parse(readFileSync(new URL("../../../specs/capillary/openapi.yaml", import.meta.url), "utf8"));

describe("capillary spec", () => {
  it("lists the same clusters as the client, with the same default", () => {
    const cluster = spec.servers[0].variables.cluster;
    expect(
      Object.values(CAPILLARY_CLUSTERS)
        .map((url) => new URL(url).host)
        .sort(),
    ).toEqual([...cluster.enum].sort());
    expect(new URL(CAPILLARY_BASE_URL).host).toBe(cluster.default);
  });
});
