import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const PRISM_BIN = join(dirname(require.resolve("@stoplight/prism-cli/package.json")), "dist/index.js");
// Prism starts in about 2 s on an idle machine; a loaded CI runner can take far longer.
const STARTUP_TIMEOUT_MS = 180_000;

/** The repository's `specs/<vendor>/openapi.yaml`. */
/** @param {string} vendor */
export function specPath(vendor) {
  return fileURLToPath(new URL(`../../../specs/${vendor}/openapi.yaml`, import.meta.url));
}

/** @returns {Promise<number>} */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = /** @type {import("node:net").AddressInfo} */ (server.address());
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts a Prism mock of a spec on loopback and resolves once it listens. `--errors` makes a
 * response example that breaks its own schema a 500, so a broken spec fails the tests.
 */
export async function startPrism(spec, port) {
  const listenPort = port ?? (await freePort());
  const child = spawn(
    process.execPath,
    [PRISM_BIN, "mock", "--errors", "-h", "127.0.0.1", "-p", String(listenPort), spec],
    {
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let output = "";
  await new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => fail(new Error(`Prism did not start within ${STARTUP_TIMEOUT_MS} ms:\n${output}`)),
      STARTUP_TIMEOUT_MS,
    );
    const fail = (error) => {
      clearTimeout(timer);
      child.kill();
      reject(error);
    };
    const onData = (chunk) => {
      output += chunk.toString();
      if (output.includes("Prism is listening")) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.on("exit", (code) => fail(new Error(`Prism exited with ${code}:\n${output}`)));
  });
  return { url: `http://127.0.0.1:${listenPort}`, stop: () => stopChild(child) };
}

function stopChild(child) {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
}

/**
 * A vitest global setup that mocks one vendor's spec and provides its URL as `prismUrl`; the
 * vendor is the tested package's folder name unless named. `PRISM_URL` points the tests at a
 * mock that is already running instead.
 * @param {string} [vendor]
 */
export function prismGlobalSetup(vendor) {
  return async ({ provide, config }) => {
    if (process.env.PRISM_URL) {
      provide("prismUrl", process.env.PRISM_URL);
      return;
    }
    const spec = specPath(vendor ?? basename(config.root));
    const server = await startPrism(spec, process.env.PRISM_PORT ? Number(process.env.PRISM_PORT) : undefined);
    provide("prismUrl", server.url);
    return () => server.stop();
  };
}

/**
 * A fetch for unit tests: records a copy of every request (its body still readable) in
 * `requests`, and answers each with `answer(request)`. For a client that exchanges credentials
 * for a token, requests whose path ends with `tokenPath` are answered by `token` and listed in
 * `tokenRequests`, the others in `apiRequests`.
 * @param {(request: Request) => Response | Promise<Response>} answer
 * @param {{ tokenPath?: string; token?: (request: Request) => Response | Promise<Response> }} [oauth]
 */
export function fakeFetch(answer, { tokenPath, token = answer } = {}) {
  /** @type {Request[]} */
  const requests = [];
  /** @type {Request[]} */
  const apiRequests = [];
  /** @type {Request[]} */
  const tokenRequests = [];
  const fetch = async (/** @type {Request} */ request) => {
    const copy = request.clone();
    requests.push(copy);
    const toToken = tokenPath !== undefined && new URL(request.url).pathname.endsWith(tokenPath);
    (toToken ? tokenRequests : apiRequests).push(copy);
    return toToken ? token(request) : answer(request);
  };
  return Object.assign(fetch, { requests, apiRequests, tokenRequests });
}

/**
 * A fetch that changes each request after the client built and checked it, then sends it on:
 * the server (a Prism mock) judges what the client itself would have refused. `headers` are set,
 * or removed where null; `body` is sent as JSON instead of the client's. Records the requests it
 * sent in `requests` and the answers in `responses`.
 * @param {{ headers?: Record<string, string | null>; body?: unknown }} [change]
 */
export function forwardingFetch(change = {}) {
  /** @type {Request[]} */
  const requests = [];
  /** @type {Response[]} */
  const responses = [];
  const fetch = async (/** @type {Request} */ request, /** @type {RequestInit | undefined} */ init) => {
    const headers = new Headers(request.headers);
    for (const [name, value] of Object.entries(change.headers ?? {})) {
      if (value === null) headers.delete(name);
      else headers.set(name, value);
    }
    const body =
      change.body !== undefined
        ? JSON.stringify(change.body)
        : request.body === null
          ? undefined
          : await request.text();
    const changed = new Request(request, { headers, body });
    requests.push(changed.clone());
    const response = await globalThis.fetch(changed, init);
    responses.push(response);
    return response;
  };
  return Object.assign(fetch, { requests, responses });
}
