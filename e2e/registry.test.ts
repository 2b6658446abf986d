// The packages as a consumer gets them: versioned and published with changesets to a real
// registry (Verdaccio on 127.0.0.1), then installed into a fresh project outside the workspace
// and run against a Prism mock of the published spec, as ESM, as CommonJS and as type-checked
// TypeScript. E2E_VENDOR picks the vendor package (default: experience).
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { type MockServer, startPrism } from "@customer-clients/test-utils";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { publicPackages, vendors, workspacePackages } from "../scripts/workspace.mjs";
import type { LocalRegistry, Manifest } from "./registry.js";
import { localRegistry, publishableCopies, readJson, run, runtimeTree } from "./registry.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const require = createRequire(import.meta.url);
const VENDOR = process.env.E2E_VENDOR ?? "experience";
const VENDOR_PACKAGE = `@customer-clients/${VENDOR}`;

/** The vendor's example, turned into CommonJS: its imports become requires, its body an async function. */
function asCommonJs(esm: string): string {
  const body = esm.replace(/^import \{([^}]+)\} from ("[^"]+");$/gm, "const {$1} = require($2);");
  if (/^import /m.test(body)) throw new Error("the example has an import this conversion does not handle");
  return `"use strict";\n(async () => {\n${body}\n})().catch((error) => {\n  console.error(error);\n  process.exit(1);\n});\n`;
}

describe(`${VENDOR_PACKAGE} from a registry`, () => {
  const work = mkdtempSync(join(tmpdir(), "registry-round-trip-"));
  const stage = join(work, "workspace");
  const consumer = join(work, "consumer");
  const changeset = join(dirname(require.resolve("@changesets/cli/package.json")), "bin.js");
  let registry: LocalRegistry | undefined;
  let mock: MockServer | undefined;
  let env: NodeJS.ProcessEnv;
  let before: Record<string, string>;
  let after: Record<string, string>;
  let publishOutput: string;

  beforeAll(async () => {
    expect(vendors(ROOT)).toContain(VENDOR);
    registry = await localRegistry(work, join(stage, ".npmrc"));

    // A copy of the workspace as the release workflow checks it out, with the install: each
    // package's node_modules links (relative, so `workspace:*` resolves to the staged copies)
    // and one link to the root's.
    const tracked = (await run("git", ["ls-files", "-z"], { cwd: ROOT })).stdout.split("\0").filter(Boolean);
    for (const file of tracked.filter((file) => existsSync(join(ROOT, file))))
      cpSync(join(ROOT, file), join(stage, file));
    for (const pkg of workspacePackages(ROOT)) {
      cpSync(join(ROOT, pkg.dir, "node_modules"), join(stage, pkg.dir, "node_modules"), {
        recursive: true,
        verbatimSymlinks: true,
      });
    }
    symlinkSync(join(ROOT, "node_modules"), join(stage, "node_modules"));
    const host = registry.url.replace(/^http:/, "");
    writeFileSync(
      join(stage, ".npmrc"),
      `${readFileSync(join(ROOT, ".npmrc"), "utf8")}registry=${registry.url}\n${host}:_authToken=${registry.token}\n`,
    );
    env = registry.env;
    const git = (...args: string[]) =>
      run(
        "git",
        ["-c", "user.name=release", "-c", "user.email=release@127.0.0.1", "-c", "commit.gpgsign=false", ...args],
        { cwd: stage },
      );
    await git("init", "-q", "-b", "main");
    await git("add", "-A");
    await git("commit", "-q", "-m", "Release candidate");

    const ours = publicPackages(ROOT).map((pkg) => ({ manifest: pkg.manifest as Manifest, dir: join(ROOT, pkg.dir) }));
    for (const copy of publishableCopies([...runtimeTree(ours).values()], join(work, "third-party"))) {
      await run("npm", ["publish", copy, "--ignore-scripts", "--tag", "latest"], { cwd: stage, env });
    }

    // A patch of core: the vendor package depends on it and must be released with it.
    writeFileSync(
      join(stage, ".changeset/registry-round-trip.md"),
      `---\n"@customer-clients/core": patch\n---\n\nRegistry round trip.\n`,
    );
    const versions = () =>
      Object.fromEntries(publicPackages(stage).map((pkg) => [pkg.name, pkg.manifest.version as string]));
    before = versions();
    await run(process.execPath, [changeset, "version"], { cwd: stage, env });
    after = versions();
    // What the release workflow runs once the "Version Packages" pull request is merged.
    const released = await run("pnpm", ["run", "release"], { cwd: stage, env });
    publishOutput = released.stdout + released.stderr;

    mkdirSync(consumer);
    writeFileSync(join(consumer, "package.json"), JSON.stringify({ name: "consumer", private: true }));
    await run(
      "npm",
      [
        "install",
        `${VENDOR_PACKAGE}@${after[VENDOR_PACKAGE]}`,
        `@customer-clients/specs@${after["@customer-clients/specs"]}`,
      ],
      { cwd: consumer, env },
    );
    const spec = createRequire(join(consumer, "package.json")).resolve(`@customer-clients/specs/${VENDOR}.yaml`);
    mock = await startPrism(spec);
    env[`${VENDOR.toUpperCase()}_BASE_URL`] = mock.url;
  }, 600_000);

  afterAll(async () => {
    await mock?.stop();
    registry?.process.kill();
    rmSync(work, { recursive: true, force: true });
  });

  it("versions with changesets: core's patch releases its dependents too, with changelogs", () => {
    expect(after["@customer-clients/core"]).not.toBe(before["@customer-clients/core"]);
    expect(after[VENDOR_PACKAGE]).not.toBe(before[VENDOR_PACKAGE]);
    const changelog = readFileSync(join(stage, `packages/${VENDOR}/CHANGELOG.md`), "utf8");
    expect(changelog).toContain(`@customer-clients/core@${after["@customer-clients/core"]}`);
  });

  it("builds and publishes every public package with `pnpm release`", async () => {
    for (const [name, version] of Object.entries(after)) {
      expect(publishOutput).toContain(`${name}@${version}`);
      const document = await fetch(`${registry!.url}${name.replace("/", "%2f")}`).then((response) => response.json());
      expect(Object.keys(document.versions)).toContain(version);
    }
  });

  it("installs in a fresh project with the dependencies it was released with", () => {
    const installed = (name: string) => readJson(join(consumer, "node_modules", name, "package.json")).version;
    expect(installed(VENDOR_PACKAGE)).toBe(after[VENDOR_PACKAGE]);
    expect(installed("@customer-clients/core")).toBe(after["@customer-clients/core"]);
  });

  const example = readFileSync(join(ROOT, `packages/${VENDOR}/examples/demo.mjs`), "utf8");

  it("runs as ESM", async () => {
    writeFileSync(join(consumer, "demo.mjs"), example);
    const resolved = await run(
      process.execPath,
      ["--input-type=module", "-e", `console.log(import.meta.resolve("${VENDOR_PACKAGE}"))`],
      { cwd: consumer, env },
    );
    expect(resolved.stdout.trim()).toMatch(/\/dist\/index\.js$/);
    await run(process.execPath, ["demo.mjs"], { cwd: consumer, env });
  });

  it("runs as CommonJS", async () => {
    writeFileSync(join(consumer, "demo.cjs"), asCommonJs(example));
    const resolved = await run(process.execPath, ["-e", `console.log(require.resolve("${VENDOR_PACKAGE}"))`], {
      cwd: consumer,
      env,
    });
    expect(resolved.stdout.trim()).toMatch(/\/dist\/index\.cjs$/);
    await run(process.execPath, ["demo.cjs"], { cwd: consumer, env });
  });

  it("type-checks and runs as strict TypeScript", async () => {
    const factory = /^import \{[^}]*\b(create\w+Client)\b/m.exec(example)?.[1];
    expect(factory).toBeDefined();
    // The example's "bad input" call passes values its types forbid, to show the runtime check:
    // in TypeScript that call must be a compile error, and so must a client without options.
    const typed = example.replace(
      /(\/\/ Bad input.*\n)/,
      "$1// @ts-expect-error the example's deliberately invalid input\n",
    );
    const typesAreChecked = `\nexport function typesAreChecked() {\n  // @ts-expect-error the options are required\n  ${factory}();\n}\n`;
    mkdirSync(join(consumer, "ts"));
    writeFileSync(join(consumer, "ts/demo.mts"), typed + typesAreChecked);
    // What `tsc --init` writes, with the workspace's @types/node. (skipLibCheck: openapi-fetch's
    // helper package ships an empty index.d.mts, which strict checks of node_modules reject.)
    const compilerOptions = {
      strict: true,
      target: "es2022",
      module: "nodenext",
      moduleResolution: "nodenext",
      outDir: "../dist-ts",
      typeRoots: [join(ROOT, "node_modules/@types")],
      types: ["node"],
      skipLibCheck: true,
    };
    writeFileSync(join(consumer, "ts/tsconfig.json"), JSON.stringify({ compilerOptions, files: ["demo.mts"] }));
    await run(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", "ts/tsconfig.json"], {
      cwd: consumer,
      env,
    });
    await run(process.execPath, ["dist-ts/demo.mjs"], { cwd: consumer, env });
  });
});
