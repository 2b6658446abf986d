import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { beforeEach, describe, expect, it } from "vitest";
import { UsageError } from "../src/input.js";
import { sync, type Io, type SyncOptions } from "../src/sync.js";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "cli-sync-"));
});

const TOKEN = "pexip-secret-token-value";

/** A Pexip API in memory: answers each PATCH /customers/{id}; id "missing" is unknown. */
function pexipServer() {
  const requests: Array<{ id: string; body: unknown; authorization: string | null }> = [];
  const fetch = async (request: Request) => {
    const id = decodeURIComponent(new URL(request.url).pathname.split("/").pop()!);
    requests.push({ id, body: await request.json(), authorization: request.headers.get("authorization") });
    if (id === "missing") {
      return Response.json(
        { errors: [{ message: "Customer not found", code: "NOT_FOUND", type: "NotFoundError", statusCode: "404" }] },
        { status: 404 },
      );
    }
    return Response.json({
      data: {
        id,
        existing: true,
        createdAt: "2022-08-17T19:05:21.362Z",
        updatedAt: "2022-08-17T19:05:21.362Z",
        deletedAt: null,
      },
    });
  };
  return { fetch, requests };
}

function io(fetch: Io["fetch"], extra: Partial<Io> = {}) {
  const stderr = new PassThrough() as unknown as NodeJS.WriteStream & PassThrough;
  let text = "";
  stderr.on("data", (chunk) => (text += chunk));
  return {
    io: {
      stdout: new PassThrough(),
      stderr,
      env: { PEXIP_ENTERPRISE: "acme", PEXIP_ACCESS_TOKEN: TOKEN },
      fetch,
      ...extra,
    } satisfies Io,
    stderr: () => text,
  };
}

function file(name: string, content: string) {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

const results = (path: string) =>
  readFileSync(path, "utf8")
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line));

const run = (options: Partial<SyncOptions> & { file: string }, theIo: Io) =>
  sync({ vendor: "pexip", quiet: true, ...options }, theIo);

describe("sync", () => {
  it("lists invalid rows by line and sends nothing, with or without --dry-run", async () => {
    const server = pexipServer();
    const input = file(
      "rows.ndjson",
      ['{"id":"1","firstName":"Ann"}', '{"id":"2","language":"xx"}', "not json", "", '{"firstName":"NoId"}'].join("\n"),
    );
    for (const dryRun of [true, false]) {
      const { io: theIo, stderr } = io(server.fetch);
      expect(await run({ file: input, dryRun }, theIo)).toBe(1);
      expect(stderr()).toMatch(/line 2: .*language.*must be one of/);
      expect(stderr()).toMatch(/line 3: not valid JSON/);
      expect(stderr()).toMatch(/line 5: the row needs an `id`/);
      expect(stderr()).toContain("4 rows, 1 valid, 3 invalid");
    }
    expect(server.requests).toEqual([]);
  });

  it("checks more rows than the vendor's limits allow in a window without waiting for them", async () => {
    // Capillary documents 300 calls a minute; checking sends nothing, so row 301 does not wait a minute.
    const rows = Array.from({ length: 301 }, (_, n) =>
      JSON.stringify({ mobile: `91${String(n).padStart(10, "0")}`, firstname: "N" }),
    );
    const { io: theIo, stderr } = io(pexipServer().fetch, {
      env: { CAPILLARY_USERNAME: "till", CAPILLARY_PASSWORD: "secret-password" },
    });
    expect(
      await sync({ vendor: "capillary", quiet: true, file: file("rows.ndjson", rows.join("\n")), dryRun: true }, theIo),
    ).toBe(0);
    expect(stderr()).toContain("301 rows, 301 valid, 0 invalid");
  });

  it("sends every row and writes one result line per row, failures included", async () => {
    const server = pexipServer();
    const input = file(
      "rows.ndjson",
      ['{"id":"1","firstName":"Ann"}', '{"id":"missing","firstName":"Bob"}', '{"id":"3","lastName":"Cole"}'].join("\n"),
    );
    const { io: theIo, stderr } = io(server.fetch);
    expect(await run({ file: input }, theIo)).toBe(1);
    const lines = results(`${input}.results.ndjson`).sort((a, b) => a.index - b.index);
    expect(lines.map(({ index, line, ok, id }) => ({ index, line, ok, id }))).toEqual([
      { index: 0, line: 1, ok: true, id: "1" },
      { index: 1, line: 2, ok: false, id: "missing" },
      { index: 2, line: 3, ok: true, id: "3" },
    ]);
    expect(lines[1].error).toMatchObject({ kind: "not_found", status: 404 });
    expect(server.requests.map((request) => request.id).sort()).toEqual(["1", "3", "missing"]);
    expect(stderr()).toContain("2 updated, 1 failed");
  });

  it("resumes: rows with a result are not sent again; failed ones only with --retry-failed", async () => {
    const server = pexipServer();
    const input = file("rows.ndjson", ['{"id":"1"}', '{"id":"missing"}', '{"id":"3"}', '{"id":"4"}'].join("\n"));
    const resultsPath = file(
      "results.ndjson",
      ['{"index":0,"line":1,"ok":true}', '{"index":1,"line":2,"ok":false}', '{"index":2,"li'].join("\n"),
    );
    expect(await run({ file: input, results: resultsPath }, io(server.fetch).io)).toBe(0);
    // The cut-off line for row 2 does not count as a result.
    expect(server.requests.map((request) => request.id).sort()).toEqual(["3", "4"]);

    server.requests.length = 0;
    expect(await run({ file: input, results: resultsPath, retryFailed: true }, io(server.fetch).io)).toBe(1);
    expect(server.requests.map((request) => request.id)).toEqual(["missing"]);
  });

  it("reads CSV with typed and nested columns", async () => {
    const server = pexipServer();
    const city = '"[{""language"":""en"",""value"":""Ghent""}]"';
    const input = file(
      "rows.csv",
      `id,firstName,notes:json,location.countryCode,location.translations.city:json,location.translations.street1:json\n1,Ann,null,BE,${city},${city}\n2,,"""hi""",,,\n`,
    );
    expect(await run({ file: input }, io(server.fetch).io)).toBe(0);
    expect(server.requests.sort((a, b) => a.id.localeCompare(b.id)).map((request) => request.body)).toEqual([
      {
        firstName: "Ann",
        notes: null,
        location: {
          countryCode: "BE",
          translations: { city: [{ language: "en", value: "Ghent" }], street1: [{ language: "en", value: "Ghent" }] },
        },
      },
      { notes: "hi" },
    ]);
  });

  it("takes credentials from a file over the environment and never shows them", async () => {
    const server = pexipServer();
    const input = file("rows.ndjson", '{"id":"missing"}\n');
    const credentials = file("credentials.json", JSON.stringify({ PEXIP_ACCESS_TOKEN: "from-the-file-secret" }));
    const { io: theIo, stderr } = io(server.fetch);
    await run({ file: input, credentials }, theIo);
    expect(server.requests[0]!.authorization).toBe("Bearer from-the-file-secret");
    const written = readFileSync(`${input}.results.ndjson`, "utf8") + stderr();
    expect(written).not.toContain("from-the-file-secret");
    expect(written).not.toContain(TOKEN);

    const unreadable = file("bad.json", `{"PEXIP_ACCESS_TOKEN": "half-a-secret`);
    const failure = await run({ file: input, credentials: unreadable }, theIo).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(UsageError);
    expect(String(failure)).not.toContain("half-a-secret");
    await expect(run({ file: input }, { ...theIo, env: { PEXIP_ENTERPRISE: "acme" } })).rejects.toThrow(
      /PEXIP_CLIENT_ID is not set/,
    );
  });

  it("sends several customers per call where the API takes a list, with one result per customer", async () => {
    const calls: unknown[][] = [];
    const fetch = async (request: Request) => {
      const customers = ((await request.json()) as { root: { customer: Array<{ mobile: string }> } }).root.customer;
      calls.push(customers);
      const failed = (mobile: string) => mobile.endsWith("3");
      return Response.json({
        response: {
          status: {
            success: customers.every((c) => !failed(c.mobile)) ? "true" : "false",
            code: customers.some((c) => failed(c.mobile)) ? 201 : 200,
            message: "done",
            total: String(customers.length),
            success_count: "0",
          },
          customers: {
            customer: customers.map((c) => ({
              ...c,
              item_status: failed(c.mobile)
                ? { success: "false", code: "1012", message: "Customer not found" }
                : { success: "true", code: "1000", message: "updated" },
            })),
          },
        },
      });
    };
    const input = file(
      "rows.ndjson",
      ["1", "2", "3", "4", "5"].map((n) => JSON.stringify({ mobile: `9191111111${n}`, firstname: "T" })).join("\n"),
    );
    const theIo = { ...io(fetch).io, env: { CAPILLARY_USERNAME: "till", CAPILLARY_PASSWORD: "pw" } };
    expect(await sync({ vendor: "capillary", file: input, batchSize: 2, concurrency: 1, quiet: true }, theIo)).toBe(1);
    expect(calls.map((customers) => customers.length)).toEqual([2, 2, 1]);
    const lines = results(`${input}.results.ndjson`);
    expect(lines.map(({ index, ok }) => [index, ok])).toEqual([
      [0, true],
      [1, true],
      [2, false],
      [3, true],
      [4, true],
    ]);
    expect(lines[2].error).toMatchObject({ kind: "not_found", code: "1012" });
  });

  it("on stop reads no more rows, finishes the calls in flight and exits 130; a rerun completes the file", async () => {
    const server = pexipServer();
    const stop = new AbortController();
    const fetch = async (request: Request) => {
      stop.abort();
      return server.fetch(request);
    };
    const input = file(
      "rows.ndjson",
      Array.from({ length: 50 }, (_, n) => JSON.stringify({ id: String(n) })).join("\n"),
    );
    expect(await run({ file: input, concurrency: 2 }, io(fetch, { stop: stop.signal }).io)).toBe(130);
    const first = results(`${input}.results.ndjson`);
    expect(first.length).toBeGreaterThan(0);
    expect(first.length).toBeLessThan(50);
    expect(await run({ file: input }, io(server.fetch).io)).toBe(0);
    const all = results(`${input}.results.ndjson`).map((line) => line.index);
    expect(all.sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, n) => n));
    // Each row was sent once across the two runs.
    expect(new Set(server.requests.map((request) => request.id)).size).toBe(server.requests.length);
  });
});
