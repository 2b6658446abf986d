// The mocks as an application team gets them: the built packages packed and published to a
// loopback Verdaccio together with msw and every package both need at run time, installed with
// npm into a fresh project outside the workspace, then
// - the project's own Vitest test of its application code, with the vendors' `testing` exports
//   and msw's `setupServer`, run in Node;
// - the same application code, bundled for the browser with msw's `setupWorker`, run in headless
//   Chromium.
// The registry has no uplink, so the project's Vitest is the workspace's, linked into its
// node_modules. CHROMIUM_PATH overrides the browser (see chromium.ts).
import { createHash } from "node:crypto";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { extname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";
import { freePort } from "@customer-clients/test-utils";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exampleRequests } from "../scripts/code-samples.mjs";
import { publicPackages, vendors } from "../scripts/workspace.mjs";
import { launchChromium } from "./chromium.js";
import type { LocalRegistry, Manifest } from "./registry.js";
import { SCOPE, localRegistry, packageDir, publishableCopies, readJson, run, runtimeTree } from "./registry.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

/** The package.json inside an npm tarball (a gzipped tar whose entries start with 512-byte headers). */
function manifestIn(tarball: Buffer): Manifest {
  const tar = gunzipSync(tarball);
  for (let offset = 0; offset + 512 <= tar.length; ) {
    const name = tar.toString("utf8", offset, offset + 100).replace(/\0.*$/s, "");
    const size = Number.parseInt(
      tar
        .toString("utf8", offset + 124, offset + 136)
        .replace(/\0.*$/s, "")
        .trim() || "0",
      8,
    );
    if (name === "") break;
    if (name.replace(/^[^/]+\//, "") === "package.json")
      return JSON.parse(tar.toString("utf8", offset + 512, offset + 512 + size));
    offset += 512 + Math.ceil(size / 512) * 512;
  }
  throw new Error("no package.json in the tarball");
}

/** Publishes a tarball the way `npm publish` does: one PUT of the packument with the tarball attached. */
async function putPackage(registryUrl: string, token: string, tarball: Buffer) {
  const manifest = manifestIn(tarball);
  const file = `${manifest.name.replace(/^@[^/]+\//, "")}-${manifest.version}.tgz`;
  const url = `${registryUrl}${manifest.name.replace("/", "%2f")}`;
  const version = {
    ...manifest,
    _id: `${manifest.name}@${manifest.version}`,
    dist: {
      tarball: `${url}/-/${file}`,
      shasum: createHash("sha1").update(tarball).digest("hex"),
      integrity: `sha512-${createHash("sha512").update(tarball).digest("base64")}`,
    },
  };
  const response = await fetch(url, {
    method: "PUT",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify({
      _id: manifest.name,
      name: manifest.name,
      "dist-tags": { latest: manifest.version },
      versions: { [manifest.version]: version },
      _attachments: {
        [file]: { content_type: "application/octet-stream", data: tarball.toString("base64"), length: tarball.length },
      },
    }),
  });
  if (!response.ok)
    throw new Error(`publishing ${manifest.name}@${manifest.version}: ${response.status} ${await response.text()}`);
}

/** The application code an app team would test: one customer rename, its outcome as plain data. */
const APP = `import { createPexipClient } from "@customer-clients/pexip";

export function pexipClient(options = {}) {
  return createPexipClient({ enterprise: "acme", auth: { clientId: "app-id", clientSecret: "app-secret" }, maxRetries: 0, ...options });
}

export async function renameCustomer(client, id, firstName) {
  const { data, error } = await client.updateCustomer(id, { firstName });
  if (error) return { ok: false, kind: error.kind, code: error.code, retryAfter: error.retryAfterSeconds };
  return { ok: true, id: data.id, updatedAt: data.updatedAt };
}
`;

/** The `create…Mocks` function the vendor's `testing` entry exports. */
function mocksFactory(vendor: string): string {
  const testing = readFileSync(join(ROOT, `packages/${vendor}/src/testing.ts`), "utf8");
  const factory = /^export function (create\w+Mocks)\(/m.exec(testing)?.[1];
  if (!factory) throw new Error(`packages/${vendor}/src/testing.ts exports no create…Mocks function`);
  return factory;
}

/** The request of the spec's first operation (the one the mocks answer by default), and its documented 2xx status. */
function defaultAnswer(vendor: string): { method: string; url: string; status: number } {
  const spec = readJson(join(ROOT, "packages/specs/dist", `${vendor}.json`));
  const [{ method, url, operation }] = exampleRequests(spec);
  const status = Object.keys(operation.responses).find((code) => /^2\d\d$/.test(code));
  return { method: method.toUpperCase(), url, status: Number(status) };
}

/**
 * Scenarios shared by the Node test and the page: each sets handlers up and checks one outcome.
 * Pexip's mocks answer the application's calls; every other vendor's mocks run alongside.
 */
function scenarios(others: string[]): string {
  const answers = others.map(defaultAnswer);
  return `${["pexip", ...others]
    .map((vendor) => `import { ${mocksFactory(vendor)} } from "@customer-clients/${vendor}/testing";`)
    .sort()
    .join("\n")}
import { pexipClient, renameCustomer } from "./app.js";

export const pexip = ${mocksFactory("pexip")}();
export const others = [${others.map((vendor) => `${mocksFactory(vendor)}()`).join(", ")}];
export const handlers = [...pexip.handlers, ...others.flatMap((mocks) => mocks.handlers)];

/** [name, handlers to add, run] — run returns what the application saw. */
export const scenarios = [
  ["documented success", [], async () => {
    const outcome = await renameCustomer(pexipClient(), "1234", "Ada");
    return { outcome, sent: pexip.requestsTo("updateCustomer").map((request) => request.body), tokenHost: pexip.requestsTo("exchangeToken")[0]?.url.host };
  }],
  ["documented 404", [pexip.reply("updateCustomer", 404)], () => renameCustomer(pexipClient(), "1234", "Ada")],
  ["rate limit", [pexip.rateLimit("updateCustomer", { retryAfter: 30 })], () => renameCustomer(pexipClient(), "1234", "Ada")],
  ["network failure", [pexip.networkError("updateCustomer")], () => renameCustomer(pexipClient(), "1234", "Ada")],
  ["slow answer", [pexip.delay("updateCustomer", 3000)], () => renameCustomer(pexipClient({ timeoutMs: 100 }), "1234", "Ada")],
  ["every vendor's default answers", [], async () => {
    const urls = ${JSON.stringify(answers.map(({ method, url }) => [method, url]))};
    return Promise.all(urls.map(async ([method, url]) => (await fetch(url, { method, body: "{}", headers: { "content-type": "application/json" } })).status));
  }],
];

export const expected = {
  "documented success": { outcome: { ok: true, id: "123", updatedAt: "2022-08-17T19:05:21.362Z" }, sent: [{ firstName: "Ada" }], tokenHost: "auth.pexipengage.com" },
  "documented 404": { ok: false, kind: "not_found", code: "NOT_FOUND" },
  "rate limit": { ok: false, kind: "rate_limited", code: "TOO_MANY_REQUESTS", retryAfter: 30 },
  "network failure": { ok: false, kind: "connection" },
  "slow answer": { ok: false, kind: "timeout" },
  "every vendor's default answers": ${JSON.stringify(answers.map(({ status }) => status))},
};
`;
}

/** The project's own Vitest test, in Node. */
const NODE_TEST = `import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { expected, handlers, others, pexip, scenarios } from "../src/scenarios.js";

const server = setupServer(...handlers);
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => {
  server.resetHandlers();
  for (const mocks of [pexip, ...others]) mocks.clearRequests();
});
afterAll(() => server.close());

describe("renameCustomer against the Pexip mocks", () => {
  it.each(scenarios)("%s", async (name, extra, scenario) => {
    server.use(...extra);
    expect(await scenario()).toMatchObject(expected[name]);
  });
});
`;

/** The page: the same scenarios with msw's service worker, results on window. */
const BROWSER_MAIN = `import { setupWorker } from "msw/browser";
import { expected, handlers, others, pexip, scenarios } from "./scenarios.js";

const worker = setupWorker(...handlers);
window.results = (async () => {
  await worker.start({ quiet: true, onUnhandledRequest: "error" });
  const results = {};
  for (const [name, extra, scenario] of scenarios) {
    worker.resetHandlers();
    worker.use(...extra);
    for (const mocks of [pexip, ...others]) mocks.clearRequests();
    try {
      results[name] = await scenario();
    } catch (error) {
      results[name] = { threw: String(error) };
    }
  }
  worker.stop();
  return { results, expected };
})();
`;

const MIME: Record<string, string> = { ".html": "text/html", ".js": "text/javascript" };

describe("the vendors' mocks in a project installed from a registry", () => {
  const work = mkdtempSync(join(tmpdir(), "mocks-round-trip-"));
  const consumer = join(work, "consumer");
  const publicDir = join(consumer, "public");
  let registry: LocalRegistry | undefined;
  let server: Server | undefined;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    const npmrc = join(work, ".npmrc");
    registry = await localRegistry(work, npmrc);
    writeFileSync(npmrc, `registry=${registry.url}\n`);
    env = registry.env;

    // Our packages as `pnpm publish` packs them (workspace:* turned into versions), msw and
    // everything both need at run time as npm packs them; then each tarball is put into the
    // registry over its HTTP API, as `npm publish` does, without a process per package.
    const started = Date.now();
    const ours = publicPackages(ROOT).filter(
      (pkg) => pkg.name === `${SCOPE}core` || vendors(ROOT).some((vendor) => pkg.dir === `packages/${vendor}`),
    );
    const tarballs = join(work, "tarballs");
    mkdirSync(tarballs);
    await Promise.all(
      ours.map((pkg) => run("pnpm", ["pack", "--pack-destination", tarballs], { cwd: join(ROOT, pkg.dir) })),
    );
    const mswDir = packageDir("msw", join(ROOT, "packages/pexip"))!;
    const thirdParty = [
      mswDir,
      ...runtimeTree([
        ...ours.map((pkg) => ({ manifest: pkg.manifest as Manifest, dir: join(ROOT, pkg.dir) })),
        { manifest: readJson(join(mswDir, "package.json")), dir: mswDir },
      ]).values(),
    ];
    const copies = publishableCopies(thirdParty, join(work, "third-party"));
    await run("npm", ["pack", ...copies, "--ignore-scripts", "--pack-destination", tarballs], { cwd: work, env });
    const files = readdirSync(tarballs);
    await Promise.all(
      files.map((file) => putPackage(registry!.url, registry!.token, readFileSync(join(tarballs, file)))),
    );
    console.log(`published ${files.length} packages in ${Math.round((Date.now() - started) / 1000)} s`);

    mkdirSync(join(consumer, "src"), { recursive: true });
    mkdirSync(join(consumer, "test"));
    mkdirSync(publicDir);
    writeFileSync(join(consumer, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module" }));
    const versionOf = (name: string) => ours.find((pkg) => pkg.name === name)!.manifest.version;
    const install = vendors(ROOT).map((vendor) => `${SCOPE}${vendor}@${versionOf(`${SCOPE}${vendor}`)}`);
    await run("npm", ["install", ...install, `msw@${readJson(join(mswDir, "package.json")).version}`], {
      cwd: consumer,
      env,
    });
    symlinkSync(realpathSync(join(ROOT, "node_modules/vitest")), join(consumer, "node_modules/vitest"));

    writeFileSync(join(consumer, "src/app.js"), APP);
    writeFileSync(join(consumer, "src/scenarios.js"), scenarios(vendors(ROOT).filter((vendor) => vendor !== "pexip")));
    writeFileSync(join(consumer, "test/app.test.js"), NODE_TEST);
    writeFileSync(join(consumer, "src/browser.js"), BROWSER_MAIN);
  }, 600_000);

  afterAll(async () => {
    server?.close();
    registry?.process.kill();
    rmSync(work, { recursive: true, force: true });
  });

  it("installs the vendor packages with msw as their peer, and no msw for the runtime entry", () => {
    const installed = readJson(join(consumer, "node_modules/@customer-clients/pexip/package.json"));
    expect(installed.peerDependencies).toEqual({ msw: expect.any(String) });
    expect(installed.peerDependenciesMeta).toEqual({ msw: { optional: true } });
    expect(readFileSync(join(consumer, "node_modules/@customer-clients/pexip/dist/index.js"), "utf8")).not.toMatch(
      /from\s*["']msw/,
    );
  });

  it("loads the testing export as CommonJS too", async () => {
    const script = `const { createPexipMocks } = require("@customer-clients/pexip/testing"); console.log(createPexipMocks().handlers.length);`;
    expect((await run(process.execPath, ["-e", script], { cwd: consumer })).stdout.trim()).toBe("2");
  });

  it("runs the project's Vitest test against the mocks in Node", async () => {
    const reportFile = join(work, "vitest-report.json");
    await run(
      process.execPath,
      [
        join(consumer, "node_modules/vitest/vitest.mjs"),
        "run",
        "--root",
        consumer,
        "--reporter",
        "json",
        "--outputFile",
        reportFile,
      ],
      { cwd: consumer },
    );
    const report = readJson(reportFile);
    const results = report.testResults.flatMap(
      (file: { assertionResults: { title: string; status: string }[] }) => file.assertionResults,
    );
    expect(results.map((result: { title: string; status: string }) => [result.title, result.status])).toEqual([
      ["documented success", "passed"],
      ["documented 404", "passed"],
      ["rate limit", "passed"],
      ["network failure", "passed"],
      ["slow answer", "passed"],
      ["every vendor's default answers", "passed"],
    ]);
  });

  it("runs the same scenarios against the mocks in Chromium, with msw's service worker", async () => {
    await build({
      entryPoints: [join(consumer, "src/browser.js")],
      bundle: true,
      format: "esm",
      platform: "browser",
      outfile: join(publicDir, "main.js"),
      absWorkingDir: consumer,
      logLevel: "silent",
    });
    cpSync(join(consumer, "node_modules/msw/lib/mockServiceWorker.js"), join(publicDir, "mockServiceWorker.js"));
    writeFileSync(
      join(publicDir, "index.html"),
      `<!doctype html><meta charset="utf-8"><title>mocks</title><script type="module" src="/main.js"></script>`,
    );
    server = createServer((request, response) => {
      const file = join(publicDir, request.url === "/" ? "index.html" : request.url!.slice(1));
      if (!file.startsWith(publicDir) || !existsSync(file)) return response.writeHead(404).end();
      response
        .writeHead(200, { "content-type": MIME[extname(file)] ?? "application/octet-stream" })
        .end(readFileSync(file));
    });
    const port = await freePort();
    await new Promise<void>((resolve) => server!.listen(port, "127.0.0.1", resolve));

    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on("pageerror", (error) => errors.push(String(error)));
      // Nothing may leave the machine: the worker answers the vendors' hosts, the page's own
      // server everything else.
      const leaked: string[] = [];
      await page.context().route("**/*", (route) => {
        const url = new URL(route.request().url());
        if (url.host === `127.0.0.1:${port}`) return route.continue();
        leaked.push(url.href);
        return route.abort();
      });
      await page.goto(`http://127.0.0.1:${port}/`);
      const { results, expected } = await page.evaluate(
        () =>
          (
            window as unknown as {
              results: Promise<{ results: Record<string, unknown>; expected: Record<string, unknown> }>;
            }
          ).results,
      );
      expect(errors).toEqual([]);
      expect(leaked).toEqual([]);
      expect(Object.keys(results)).toEqual(Object.keys(expected));
      for (const [name, outcome] of Object.entries(results))
        expect(outcome, name).toMatchObject(expected[name] as object);
    } finally {
      await browser.close();
    }
  });
});
