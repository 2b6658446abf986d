// Finds the benchmark cases: every bench/cases/<vendor>.mjs, so a vendor joins by adding its file.
import { readdirSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";

export const CASES_DIR = fileURLToPath(new URL("../cases/", import.meta.url));

/**
 * What a case file exports as default (see bench/cases/experience.mjs):
 * @typedef {object} BenchCase
 * @property {string} vendor                       the package directory under packages/
 * @property {{ status?: number, contentType: string, body: string }} success  the documented success response
 * @property {Record<string, string>} authHeaders  what the vendor expects on the wire, for the bare contenders
 * @property {(options: { baseUrl: string, fetch?: Function }) => any} createClient  the client as a user builds it (static credentials, default retries), with these options spread in
 * @property {(client: any) => Promise<{ data?: unknown, error?: unknown }>} call  one update through the client
 * @property {(api: import("openapi-fetch").Client<any>) => Promise<{ error?: unknown, response: Response }>} openapiFetch  the same request through bare openapi-fetch
 * @property {(baseUrl: string, headers: Record<string, string>) => Promise<unknown>} rawFetch  the same request with fetch; reads the body, throws unless 2xx
 * @property {{ imports: string, client: string, fetch: string }} typecheck  TypeScript for the consumer type-check: one call through the client, and the same with fetch
 */

/**
 * What a case's `rawFetch` does: send `value` as JSON (as `application/json` unless `headers` name
 * another type) with fetch, read the answer (`as` JSON or text), and throw unless it is a 2xx.
 * @param {string} method
 * @param {string} url
 * @param {Record<string, string>} headers
 * @param {unknown} value
 */
export async function sendJson(method, url, headers, value, as = "json") {
  const response = await fetch(url, {
    method,
    headers: { "Content-Type": "application/json", ...headers },
    body: JSON.stringify(value),
  });
  const body = await (as === "text" ? response.text() : response.json());
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return body;
}

const REQUIRED = ["vendor", "success", "authHeaders", "createClient", "call", "openapiFetch", "rawFetch", "typecheck"];

/** @returns {Promise<Array<BenchCase & { file: string }>>} sorted by vendor */
export async function loadCases(only = process.env.BENCH_VENDORS?.split(",").filter(Boolean)) {
  const files = readdirSync(CASES_DIR)
    .filter((name) => name.endsWith(".mjs"))
    .sort();
  const cases = [];
  for (const name of files) {
    const file = CASES_DIR + name;
    const { default: benchCase } = await import(pathToFileURL(file).href);
    const missing = REQUIRED.filter((key) => benchCase?.[key] === undefined);
    if (missing.length > 0) throw new Error(`bench/cases/${name} lacks ${missing.join(", ")}`);
    if (!only || only.includes(benchCase.vendor)) cases.push({ ...benchCase, file });
  }
  return cases;
}
