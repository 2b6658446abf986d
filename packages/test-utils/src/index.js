import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { dirname, join } from "node:path";
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
  const child = spawn(process.execPath, [PRISM_BIN, "mock", "--errors", "-h", "127.0.0.1", "-p", String(listenPort), spec], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`Prism did not start within ${STARTUP_TIMEOUT_MS} ms:\n${output}`)), STARTUP_TIMEOUT_MS);
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
 * A vitest global setup that mocks one vendor's spec and provides its URL as `prismUrl`.
 * `PRISM_URL` points the tests at a mock that is already running instead.
 */
export function prismGlobalSetup(vendor) {
  return async ({ provide }) => {
    if (process.env.PRISM_URL) {
      provide("prismUrl", process.env.PRISM_URL);
      return;
    }
    const server = await startPrism(specPath(vendor), process.env.PRISM_PORT ? Number(process.env.PRISM_PORT) : undefined);
    provide("prismUrl", server.url);
    return () => server.stop();
  };
}
