// `pnpm new-vendor`: what it reads from a spec, the files it writes and the shared files it edits,
// scaffolded into a temporary copy of the files it reads (no install, generation or build).
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { scaffold, withReadmeRows, withSizeLimits } from "../new-vendor.mjs";
import { SpecError, authOf, describeVendor } from "../vendor-spec.mjs";

const repo = fileURLToPath(new URL("../../", import.meta.url));
const fixture = fileURLToPath(new URL("fixtures/acme-openapi.yaml", import.meta.url));
/** The workspace files the scaffold reads or edits. */
const READ = [
  "redocly.yaml",
  "README.md",
  "LICENSE",
  "packages/xtrakit/package.json",
  "packages/xtrakit/tsconfig.json",
  "packages/xtrakit/vitest.config.ts",
  "packages/xtrakit/testing/package.json",
  "packages/generator-matrix/test/matrix.test.ts",
  "scripts/package-shape.mjs",
  "scripts/code-samples.mjs",
  "runtime-matrix/scenario.mjs",
  "packages/cli/src/vendors.ts",
  "packages/cli/package.json",
];

let root: string;
const read = (file: string) => readFileSync(join(root, file), "utf8");

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "new-vendor-"));
  for (const file of READ.filter((file) => existsSync(join(repo, file)))) {
    cpSync(join(repo, file), join(root, file), { recursive: true });
  }
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe("scaffold", () => {
  it("writes the package, its spec, bench case and changeset, and names it in the shared files", async () => {
    const { created, edited } = await scaffold({ root, vendor: "acme", spec: fixture });
    expect(created).toEqual(
      expect.arrayContaining([
        "specs/acme/openapi.yaml",
        "packages/acme/package.json",
        "packages/acme/tsconfig.json",
        "packages/acme/vitest.config.ts",
        "packages/acme/testing/package.json",
        "packages/acme/LICENSE",
        "packages/acme/README.md",
        "packages/acme/src/index.ts",
        "packages/acme/src/client.ts",
        "packages/acme/src/errors.ts",
        "packages/acme/src/testing.ts",
        "packages/acme/test/contract.test.ts",
        "packages/acme/test/faults.test.ts",
        "packages/acme/test/types.test-d.ts",
        "packages/acme/test/testing.test.ts",
        "packages/acme/examples/demo.mjs",
        "bench/cases/acme.mjs",
        ".changeset/acme-client.md",
      ]),
    );
    for (const file of created) expect(existsSync(join(root, file)), file).toBe(true);
    expect(edited).toEqual([
      "redocly.yaml",
      "README.md",
      "packages/generator-matrix/test/matrix.test.ts",
      "scripts/code-samples.mjs",
      "runtime-matrix/scenario.mjs",
      "packages/cli/src/vendors.ts",
      "packages/cli/package.json",
    ]);

    expect(parse(read("redocly.yaml")).apis.acme).toEqual({
      root: "specs/acme/openapi.yaml",
      output: "packages/specs/dist/acme.yaml",
      "x-openapi-ts": { output: "packages/acme/src/generated/openapi.ts" },
    });
    expect(read("packages/generator-matrix/test/matrix.test.ts")).toContain(
      `acme: { schemaName: "Member", operationId: "replaceMember", value: {} },`,
    );
  });

  it("copies the shared configuration rather than writing its own", async () => {
    await scaffold({ root, vendor: "acme", spec: fixture });
    for (const file of ["tsconfig.json", "vitest.config.ts", "testing/package.json"]) {
      expect(read(`packages/acme/${file}`), file).toBe(read(`packages/xtrakit/${file}`));
    }
    expect(read("packages/acme/LICENSE")).toBe(read("LICENSE"));
    const manifest = JSON.parse(read("packages/acme/package.json"));
    const reference = JSON.parse(read("packages/xtrakit/package.json"));
    expect(manifest).toMatchObject({
      name: "@customer-clients/acme",
      dependencies: { "@customer-clients/core": "workspace:*" },
    });
    for (const field of [
      "scripts",
      "exports",
      "files",
      "main",
      "module",
      "types",
      "engines",
      "peerDependencies",
      "sideEffects",
    ]) {
      expect(manifest[field], field).toEqual(reference[field]);
    }
    expect(manifest.repository.directory).toBe("packages/acme");
  });

  it("writes a client with the spec's host, auth, request id header, limits and one method per operation", async () => {
    await scaffold({ root, vendor: "acme", spec: fixture });
    // The entry is the same for every vendor.
    expect(read("packages/acme/src/index.ts")).toBe(readFileSync(join(repo, "packages/xtrakit/src/index.ts"), "utf8"));
    const client = read("packages/acme/src/client.ts");
    expect(client).toContain(`export const ACME_BASE_URL = "https://eu.acme.example/api";`);
    expect(client).toContain(`auth: headerAuth("X-Acme-Key", { apiKey: options.apiKey }, (values) => values.apiKey!)`);
    expect(client).toContain(`requestIdHeaders: ["x-request-id"]`);
    expect(client).toContain("rateLimits: rateLimits.replaceMember");
    expect(client).toMatch(
      /replaceMember\(parts: ReplaceMemberParts, callOptions\?: CallOptions\): Promise<Result<ReplaceMemberResponse>>/,
    );
    expect(client).toMatch(
      /getMember\(parts: GetMemberParts, callOptions\?: CallOptions\): Promise<Result<GetMemberResponse>>/,
    );
    expect(client).toContain(`fail(InvalidResponseError, "the response is not a JSON object")`);
    // The bulk method runs the first operation with a body.
    expect(client).toMatch(
      /\.\.\.bulkUpdates<ReplaceMemberParts, ReplaceMemberResponse>\(\(parts, signal\) =>\s+single.replaceMember\(parts, { signal }\)/,
    );
  });

  it("writes tests from the spec's examples: contract, faults, types with @ts-expect-error, mocks", async () => {
    await scaffold({ root, vendor: "acme", spec: fixture });
    expect(read("packages/acme/test/fixtures.ts")).toContain(`memberId: "m-1"`);
    expect(read("packages/acme/test/contract.test.ts")).toContain(
      `forwardingFetch({ headers: { "x-acme-key": null } })`,
    );
    const faults = read("packages/acme/test/faults.test.ts");
    expect(faults).toContain("idempotent: true");
    expect(faults).toContain("closedInput: true");
    expect(faults).toContain(
      `callWithId: (client, id) => client.replaceMember({ ...replaceMemberParts, path: { ...replaceMemberParts.path, memberId: id } })`,
    );
    expect(read("packages/acme/test/types.test-d.ts").match(/@ts-expect-error/g)?.length).toBeGreaterThanOrEqual(3);
    expect(read("packages/acme/test/testing.test.ts")).toContain("useVendorMocks({");
    const bench = read("bench/cases/acme.mjs");
    expect(bench).toContain(`vendor: "acme"`);
    expect(bench).toContain(`authHeaders: { "X-Acme-Key": "bench-acme-secret" }`);
  });

  it("adds the vendor to the tables written per vendor: docs code samples, runtime matrix, CLI", async () => {
    await scaffold({ root, vendor: "acme", spec: fixture });
    const samples = read("scripts/code-samples.mjs");
    expect(samples).toMatch(/^ {2}acme: \{\n {4}factory: "createAcmeClient",/m);
    expect(samples).toContain(
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the generated code is a template literal
      "replaceMember: ({ body, params }) => `replaceMember(${json({ path: { memberId: params.memberId }, body })})`",
    );
    // The entry lands inside the table, after the vendors already there.
    expect(samples.indexOf("  acme: {")).toBeGreaterThan(samples.indexOf("  pexip: {"));
    expect(samples.indexOf("  acme: {")).toBeLessThan(samples.indexOf("const deref"));
    const scenario = read("runtime-matrix/scenario.mjs");
    expect(scenario).toContain(
      'create: (m, baseUrl, options) => m.createAcmeClient({ baseUrl, apiKey: "matrix-acme-secret", ...options }),',
    );
    expect(scenario).toMatch(/invalid: \(client\) => client\.replaceMember\(\{[\s\S]*body: 42\s*\}\)/);
    const cli = read("packages/cli/src/vendors.ts");
    const importLine = 'import { createAcmeClient, rateLimits as acmeLimits } from "@customer-clients/acme";';
    expect(cli.indexOf(importLine)).toBeLessThan(cli.indexOf('from "@customer-clients/capillary"'));
    expect(cli).toContain(
      'const client = createAcmeClient({ ...common, apiKey: required(settings, "ACME_API_KEY") });',
    );
    expect(JSON.parse(read("packages/cli/package.json")).dependencies["@customer-clients/acme"]).toBe("workspace:*");
  });

  it("writes the package README with its install line and a call, and the root README's rows", async () => {
    await scaffold({ root, vendor: "acme", spec: fixture });
    const readme = read("packages/acme/README.md");
    expect(readme).toContain("npm install @customer-clients/acme");
    expect(readme).toContain("await acme.replaceMember(");
    expect(readme).toContain("Sent as the `X-Acme-Key` header.");
    const rows = read("README.md");
    expect(rows).toContain(
      "| [`@customer-clients/acme`](packages/acme/README.md) | `PUT /members/{memberId}` | API key in `X-Acme-Key` |\n| `@customer-clients/core`",
    );
    expect(rows).toContain(
      "| Acme CRM | `PUT /members/{memberId}` | yes: a PUT | connection failures, timeouts, 408, 429, 5xx |",
    );
    expect(rows).toContain("| Acme CRM | 60 requests in 60 s, 2 in flight | api-key |");
    expect(read(".changeset/acme-client.md")).toMatch(/^---\n"@customer-clients\/acme": minor\n/);
  });

  it.each([
    ["a vendor redocly.yaml lists", { vendor: "xtrakit" }, /already lists "xtrakit"/],
    ["a name that is not lower-case letters and digits", { vendor: "Acme-CRM" }, /lower-case letters and digits/],
    ["a missing spec", { vendor: "acme", spec: "/nonexistent/openapi.yaml" }, /no spec/],
  ])("refuses %s and writes nothing", async (_name, options, message) => {
    await expect(scaffold({ root, spec: fixture, ...options })).rejects.toThrow(message);
    expect(existsSync(join(root, "packages/acme"))).toBe(false);
    expect(read("redocly.yaml")).toBe(readFileSync(join(repo, "redocly.yaml"), "utf8"));
  });
});

describe("authentication from the security scheme", () => {
  const specWith = (scheme: object) => ({ security: [{ it: [] }], components: { securitySchemes: { it: scheme } } });

  it.each([
    [
      { type: "http", scheme: "bearer" },
      { kind: "bearer", header: "Authorization" },
    ],
    [
      { type: "http", scheme: "Basic" },
      { kind: "basic", header: "Authorization" },
    ],
    [
      { type: "apiKey", in: "header", name: "X-Key" },
      { kind: "apiKey", header: "X-Key" },
    ],
    [
      { type: "oauth2", flows: { clientCredentials: { tokenUrl: "https://auth.example/token", scopes: {} } } },
      { kind: "oauth2", tokenUrl: "https://auth.example/token" },
    ],
  ])("maps %j onto core's strategy", (scheme, want) => {
    expect(authOf(specWith(scheme), undefined)).toMatchObject(want);
  });

  it.each([
    [{ type: "apiKey", in: "query", name: "key" }, /an API key in the query/],
    [{ type: "oauth2", flows: { authorizationCode: {} } }, /OAuth2 without a clientCredentials flow/],
    [{ type: "openIdConnect", openIdConnectUrl: "https://x" }, /"openIdConnect"/],
  ])("fails with a clear message for %j", (scheme, message) => {
    expect(() => authOf(specWith(scheme), undefined)).toThrow(SpecError);
    expect(() => authOf(specWith(scheme), undefined)).toThrow(message);
  });

  it("needs a security requirement", () => {
    expect(() => authOf({}, undefined)).toThrow(/no security requirement/);
  });
});

describe("what the spec must give", () => {
  const spec = () => parse(readFileSync(fixture, "utf8"));

  it("an example for the request body", () => {
    const withoutExample = spec();
    delete withoutExample.paths["/members/{memberId}"].put.requestBody.content["application/json"].examples;
    expect(() => describeVendor("acme", withoutExample)).toThrow(/request body needs an example/);
  });

  it("an absolute server URL", () => {
    expect(() => describeVendor("acme", { ...spec(), servers: [{ url: "/api" }] })).toThrow(
      /absolute URL in servers\[0\]/,
    );
  });

  it("an operation with a body", () => {
    const readOnly = spec();
    delete readOnly.paths["/members/{memberId}"].put;
    expect(() => describeVendor("acme", readOnly)).toThrow(/no operation has a JSON request body/);
  });
});

describe("shared files", () => {
  it("puts a vendor's package row before the library rows, and the other rows at the end of their tables", () => {
    const readme = [
      "| package | vendor endpoint | auth |",
      "| --- | --- | --- |",
      "| [`@customer-clients/a`](a) | x | y |",
      "| `@customer-clients/core` | shared runtime | |",
      "",
      "| vendor | operation | idempotent | retried by default |",
      "| --- | --- | --- | --- |",
      "| A | x | no | z |",
      "",
      "| vendor | documented limit | scope |",
      "| --- | --- | --- |",
      "| A | none | |",
      "text",
    ].join("\n");
    const after = withReadmeRows(readme, { package: "| P |", retry: "| R |", "rate-limit": "| L |" }).split("\n");
    expect(after.indexOf("| P |")).toBe(3);
    expect(after[after.indexOf("| R |") - 1]).toBe("| A | x | no | z |");
    expect(after.slice(-2)).toEqual(["| L |", "text"]);
  });

  it("sets the size limits to the measured sizes plus 1 %", () => {
    const before = JSON.stringify({ "//": "why", limits: { core: 100 } });
    const after = JSON.parse(
      withSizeLimits(before, [
        { name: "acme", gzip: 14470 },
        { name: "acme call", gzip: 13702 },
      ]),
    );
    expect(after).toEqual({ "//": "why", limits: { core: 100, acme: 14615, "acme call": 13840 } });
  });
});
