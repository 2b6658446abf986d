// The rendered docs as a reader sees them, and their code samples compiled (the typed client
// call, against the packages' sources) and run (fetch, against a Prism mock of the spec): docs/dist/index.html and every vendor page opened
// from disk in headless Chromium, each operation shown with its auth, parameters, body fields
// and responses, no console error, no request that leaves file://. A screenshot of each page
// goes to docs/screenshots/. CHROMIUM_PATH overrides the browser (see chromium.ts).
import { execFile } from "node:child_process";
import { mkdirSync, readFileSync } from "node:fs";
import { promisify } from "node:util";
import { startPrism, specPath } from "@customer-clients/test-utils";
import { typeErrors, workspaceProgram } from "@customer-clients/test-utils/typecheck";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { vendors } from "../scripts/workspace.mjs";
import { launchChromium } from "./chromium.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const DIST = `${ROOT}docs/dist`;
const SCREENSHOTS = `${ROOT}docs/screenshots`;
const LOCAL_PROTOCOLS = ["file:", "data:", "blob:", "about:"];
const HTTP_METHODS = ["get", "put", "post", "patch", "delete", "head", "options", "trace"];

type Schema = { $ref?: string; properties?: Record<string, unknown>; name?: string };
type Operation = {
  summary?: string;
  tags?: string[];
  parameters?: Schema[];
  operationId?: string;
  security?: Record<string, string[]>[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
  responses?: Record<string, unknown>;
};
type PathItem = Record<string, Operation> & { parameters?: Schema[] };
type CodeSample = { operation: string; baseUrl: string; lang: string; label: string; source: string };
const codeSamples = () => JSON.parse(readFileSync(`${DIST}/code-samples.json`, "utf8")) as Record<string, CodeSample[]>;

type Spec = { info: { title: string }; security?: Record<string, string[]>[]; paths: Record<string, PathItem> };

/** The bundled spec (self-contained, so every $ref is local). */
const bundled = (vendor: string) =>
  JSON.parse(readFileSync(`${ROOT}packages/specs/dist/${vendor}.json`, "utf8")) as Spec;
const resolve = (spec: Spec, schema: Schema | undefined): Schema | undefined =>
  schema?.$ref
    ? resolve(
        spec,
        schema.$ref
          .slice(2)
          .split("/")
          .reduce<any>((node, key) => node[key], spec),
      )
    : schema;

let browser: Browser;
beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  browser = await launchChromium();
});
afterAll(() => browser?.close());

/**
 * Opens a page with every request outside file:// (and inline data) blocked and recorded, and
 * every console error and uncaught exception recorded.
 */
async function open(file: string, hash = "") {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const problems: string[] = [];
  await page.route("**/*", (route) => {
    const url = route.request().url();
    if (LOCAL_PROTOCOLS.includes(new URL(url).protocol)) return route.continue();
    problems.push(`request to ${url}`);
    return route.abort();
  });
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`console error: ${message.text()}`);
  });
  page.on("pageerror", (error) => problems.push(`uncaught: ${error.message}`));
  await page.goto(pathToFileURL(`${DIST}/${file}`).href + hash);
  return { page, problems };
}

const title = (op: Operation) => op.summary ?? op.operationId ?? "";
const exactly = (text: string) => new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`);

describe("docs/dist in Chromium", () => {
  it("index.html links every vendor's page and lists its operations", async () => {
    const { page, problems } = await open("index.html");
    await expect.poll(() => page.getByRole("heading", { level: 1 }).innerText()).toContain("API reference");
    for (const vendor of vendors(ROOT)) {
      const spec = bundled(vendor);
      const link = page.locator(`a[href^="${vendor}.html#/"]`);
      expect(await link.innerText()).toBe(spec.info.title);
      for (const item of Object.values(spec.paths)) {
        for (const op of Object.values(item))
          if (op.summary) expect(await page.getByText(op.summary).count()).toBeGreaterThan(0);
      }
    }
    await page.screenshot({ path: `${SCREENSHOTS}/index.png`, fullPage: true });
    expect(problems).toEqual([]);
    await page.close();
  });

  describe.each(vendors(ROOT))("%s.html", (vendor) => {
    it("renders every operation with its auth, parameters, request body fields and responses", async () => {
      const spec = bundled(vendor);
      const operations = Object.values(spec.paths).flatMap((item) =>
        Object.entries(item)
          .filter(([method]) => HTTP_METHODS.includes(method))
          .map(([, op]) => ({ ...op, parameters: [...(item.parameters ?? []), ...(op.parameters ?? [])] })),
      );
      expect(operations.length).toBeGreaterThan(0);
      /** The operations whose heading a reader sees on the page. */
      const shown = async (page: Page) => {
        const visible = await Promise.all(
          operations.map((op) =>
            page
              .locator("h2")
              .filter({ hasText: exactly(title(op)) })
              .isVisible(),
          ),
        );
        return operations.filter((_, i) => visible[i]);
      };
      // Redoc shows one tag's operations at a time and routes by hash (#/<tag>/<operationid>):
      // the page opens on its first operation; every other one is opened by its route, as the
      // sidebar does.
      const slug = (text: string) =>
        text
          .toLowerCase()
          .replace(/[^a-z0-9]+/g, "-")
          .replace(/^-|-$/g, "");
      const routes = [
        "",
        ...operations.slice(1).map((op) => `#/${slug(op.tags?.[0] ?? "")}/${slug(op.operationId ?? "")}`),
      ];
      const seen = new Set<Operation>();
      const problems: string[] = [];
      for (const route of routes) {
        const { page, problems: pageProblems } = await open(`${vendor}.html`, route);
        await expect
          .poll(async () => (await shown(page)).length, {
            timeout: 30_000,
            message: `an operation is shown at "${route}"`,
          })
          .toBeGreaterThan(0);
        for (const op of await shown(page)) {
          seen.add(op);
          const schemes = (op.security ?? spec.security ?? []).flatMap(Object.keys);
          const body = resolve(spec, Object.values(op.requestBody?.content ?? {})[0]?.schema);
          const parameters = (op.parameters ?? []).map((parameter) => resolve(spec, parameter)?.name ?? "");
          const expected = [
            ...schemes,
            ...parameters,
            ...Object.keys(body?.properties ?? {}),
            ...Object.keys(op.responses ?? {}),
          ];
          for (const text of expected) {
            const message = `"${text}" is visible under "${title(op)}"`;
            await expect
              .poll(() => page.getByText(text, { exact: true }).filter({ visible: true }).count(), { message })
              .toBeGreaterThan(0);
          }
        }
        if (route === "") await page.screenshot({ path: `${SCREENSHOTS}/${vendor}.png`, fullPage: true });
        problems.push(...pageProblems);
        await page.close();
      }
      expect(operations.filter((op) => !seen.has(op)).map(title)).toEqual([]);
      expect(problems).toEqual([]);
    });
  });
  describe.each(vendors(ROOT))("%s code samples", (vendor) => {
    it("has the typed client call, curl and fetch for the update, and the client call compiles", () => {
      const samples = codeSamples()[vendor]!;
      // The spec's first operation: the update its client exists for (a token endpoint comes after).
      const update = samples.filter((sample) => sample.operation === samples[0]!.operation);
      expect(update.map((sample) => sample.label)).toEqual(["TypeScript client", "curl", "fetch"]);
      const typescript = new Map(
        samples
          .filter((sample) => sample.lang === "TypeScript")
          .map((sample, i) => [`${ROOT}e2e/__sample_${vendor}_${i}.ts`, sample.source]),
      );
      expect(typeErrors(workspaceProgram(typescript))).toEqual([]);
    });

    it("runs every fetch sample against a Prism mock of the spec: a 2xx answer", async () => {
      const mock = await startPrism(specPath(vendor));
      try {
        for (const sample of codeSamples()[vendor]!.filter((s) => s.label === "fetch")) {
          const source = sample.source.replace(
            JSON.stringify(sample.baseUrl).slice(0, -1),
            JSON.stringify(mock.url).slice(0, -1),
          );
          expect(source).toContain(mock.url);
          const env = {
            ...process.env,
            [`${vendor.toUpperCase()}_ACCESS_TOKEN`]: "t",
            [`${vendor.toUpperCase()}_API_KEY`]: "k",
            [`${vendor.toUpperCase()}_PARTNER_TOKEN`]: "p",
            [`${vendor.toUpperCase()}_HOTEL_TOKEN`]: "h",
            [`${vendor.toUpperCase()}_TILL_USERNAME`]: "u",
            [`${vendor.toUpperCase()}_TILL_PASSWORD_MD5`]: "m",
          };
          const { stdout } = await promisify(execFile)(process.execPath, ["--input-type=module", "-e", source], {
            env,
            encoding: "utf8",
          });
          expect(stdout, `${sample.operation}: ${stdout}`).toMatch(/^2\d\d /);
        }
      } finally {
        await mock.stop();
      }
    });

    it("opens on the operation, with the typed client sample shown", async () => {
      const { page, problems } = await open(`${vendor}.html`);
      const factory = /create\w+Client/.exec(
        codeSamples()[vendor]!.find((sample) => sample.lang === "TypeScript")!.source,
      )![0];
      await expect
        .poll(() => page.locator("pre, code").filter({ hasText: factory }).filter({ visible: true }).count(), {
          timeout: 30_000,
        })
        .toBeGreaterThan(0);
      expect(problems).toEqual([]);
      await page.close();
    });
  });
});
