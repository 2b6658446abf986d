// What the registry tests share: running a command, a loopback Verdaccio, and the third-party
// packages the published ones need at run time, copied so that npm can pack them.
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readFileSync, realpathSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { freePort } from "@customer-clients/test-utils";

const require = createRequire(import.meta.url);
export const SCOPE = "@customer-clients/";

export type Manifest = {
  name: string;
  version: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
};
export const readJson = (file: string) => JSON.parse(readFileSync(file, "utf8"));

/** Runs a command; on failure the error says what it printed. */
export async function run(file: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv }) {
  try {
    return await promisify(execFile)(file, args, { ...options, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(`${file} ${args.join(" ")} failed in ${options.cwd}:\n${stdout}\n${stderr}`);
  }
}

/** Starts Verdaccio on loopback with no uplinks: it serves only what is published to it. */
export async function startRegistry(dir: string): Promise<{ url: string; process: ChildProcess }> {
  mkdirSync(dir, { recursive: true });
  const config = join(dir, "config.yaml");
  writeFileSync(
    config,
    `storage: ./storage
auth:
  htpasswd:
    file: ./htpasswd
uplinks: {}
packages:
  "**":
    access: $all
    publish: $authenticated
web:
  enable: false
middlewares:
  audit:
    enabled: false
log: { type: stdout, format: pretty, level: warn }
`,
  );
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/`;
  const bin = join(dirname(require.resolve("verdaccio/package.json")), "bin/verdaccio");
  const child = spawn(process.execPath, [bin, "--config", config, "--listen", `127.0.0.1:${port}`], {
    stdio: "ignore",
  });
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`Verdaccio exited with ${child.exitCode}`);
    if (
      await fetch(`${url}-/ping`).then(
        (response) => response.ok,
        () => false,
      )
    )
      return { url, process: child };
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  child.kill();
  throw new Error("Verdaccio did not answer within 120 s");
}

/** Adds the user that publishes to the registry and returns its token. */
export async function addPublisher(registryUrl: string): Promise<string> {
  const { token } = await fetch(`${registryUrl}-/user/org.couchdb.user:release`, {
    method: "PUT",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ name: "release", password: "release-password" }),
  }).then((response) => response.json());
  return token;
}

/** A loopback registry with its publishing user's token and npm's environment for it. */
export type LocalRegistry = { url: string; process: ChildProcess; token: string; env: NodeJS.ProcessEnv };

/**
 * Starts a registry under `work` with a user that may publish, and the environment that points
 * npm at it, quietly, with its cache under `work` and `userconfig` (which the caller writes) as
 * its user config.
 */
export async function localRegistry(work: string, userconfig: string): Promise<LocalRegistry> {
  const registry = await startRegistry(join(work, "registry"));
  const token = await addPublisher(registry.url);
  const env = {
    ...process.env,
    npm_config_registry: registry.url,
    npm_config_userconfig: userconfig,
    npm_config_cache: join(work, "npm-cache"),
    npm_config_update_notifier: "false",
    npm_config_fund: "false",
    npm_config_audit: "false",
  };
  return { ...registry, token, env };
}

/** The directory of `name` as Node finds it from `from`. */
export function packageDir(name: string, from: string): string | undefined {
  for (let dir = from; dir !== dirname(dir); dir = dirname(dir)) {
    const candidate = join(dir, "node_modules", name);
    if (existsSync(join(candidate, "package.json"))) return realpathSync(candidate);
  }
  return undefined;
}

/** Every third-party package the given ones need at run time (optional ones when installed), by name@version. */
export function runtimeTree(roots: { manifest: Manifest; dir: string }[]): Map<string, string> {
  const found = new Map<string, string>();
  const visit = (manifest: Manifest, dir: string) => {
    const optional = new Set(Object.keys(manifest.optionalDependencies ?? {}));
    for (const name of Object.keys({ ...manifest.dependencies, ...manifest.optionalDependencies })) {
      if (name.startsWith(SCOPE)) continue;
      const depDir = packageDir(name, dir);
      if (!depDir) {
        if (optional.has(name)) continue;
        throw new Error(`${name} is not installed where ${dir} can see it`);
      }
      const depManifest = readJson(join(depDir, "package.json")) as Manifest;
      const key = `${name}@${depManifest.version}`;
      if (found.has(key)) continue;
      found.set(key, depDir);
      visit(depManifest, depDir);
    }
  };
  for (const root of roots) visit(root.manifest, root.dir);
  return found;
}

/** Copies of the packages, outside pnpm's store paths, which npm cannot always pack (an "@" in a folder name). */
export function publishableCopies(dirs: readonly string[], into: string): string[] {
  return dirs.map((dir, index) => {
    const copy = join(into, String(index));
    cpSync(dir, copy, {
      recursive: true,
      dereference: true,
      filter: (source) => !source.slice(dir.length).includes("/node_modules"),
    });
    return copy;
  });
}
