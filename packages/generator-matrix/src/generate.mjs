// Runs one generator on bundled specs:
//   node src/generate.mjs <generator> <outRoot> <vendor.json>...
// writing each vendor's output to <outRoot>/<vendor>/<generator>. One process per generator, so
// that no generator's global state leaks into another's.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { basename, dirname, join, resolve } from "node:path";

const require = createRequire(import.meta.url);
const [generator, outRoot, ...specPaths] = process.argv.slice(2);

/** @type {Record<string, (specPath: string, outDir: string, spec: object) => Promise<void>>} */
const generators = {
  async "openapi-typescript"(_specPath, outDir, spec) {
    const { default: openapiTS, astToString } = await import("openapi-typescript");
    writeFileSync(join(outDir, "types.ts"), astToString(await openapiTS(spec)));
  },
  async "swagger-typescript-api"(specPath, outDir) {
    const { generateApi } = await import("swagger-typescript-api");
    // Enums as union types: a TypeScript `enum` cannot hold the boolean members some specs list.
    await generateApi({ input: specPath, output: outDir, fileName: "api.ts", enumStyle: "union", silent: true });
    // The generator marks its output `@ts-nocheck`; drop that so tsc checks every line.
    const file = join(outDir, "api.ts");
    writeFileSync(file, readFileSync(file, "utf8").replace(/^\/\/ @ts-nocheck\n/m, ""));
  },
  async "hey-api"(specPath, outDir) {
    const { createClient } = await import("@hey-api/openapi-ts");
    await createClient({
      input: specPath,
      output: { path: outDir },
      logs: { level: "silent", file: false },
      plugins: [
        "@hey-api/client-fetch",
        "@hey-api/typescript",
        "@hey-api/sdk",
        { name: "zod", compatibilityVersion: 3 },
      ],
    });
  },
  async orval(specPath, outDir) {
    const { generate } = await import("orval");
    await generate({
      input: { target: specPath },
      output: { target: join(outDir, "api.ts"), client: "fetch", mode: "single" },
    });
    await generate({
      input: { target: specPath },
      output: { target: join(outDir, "zod.ts"), client: "zod", mode: "single" },
    });
  },
  async kubb(specPath, outDir) {
    const { build } = await import("@kubb/core");
    const { pluginOas } = await import("@kubb/plugin-oas");
    const { pluginTs } = await import("@kubb/plugin-ts");
    const { pluginZod } = await import("@kubb/plugin-zod");
    const { pluginClient } = await import("@kubb/plugin-client");
    // kubb writes some files relative to the working directory, whatever `root` says.
    process.chdir(outDir);
    const { error } = await build({
      config: {
        root: outDir,
        input: { path: specPath },
        output: { path: outDir, clean: true, format: false, lint: false },
        plugins: [
          pluginOas({ validate: false }),
          pluginTs(),
          pluginZod({ version: "3" }),
          pluginClient({ client: "fetch" }),
        ],
      },
    });
    if (error) throw error;
  },
  async "openapi-zod-client"(_specPath, outDir, spec) {
    const { generateZodClientFromOpenAPI } = await import("openapi-zod-client");
    const templates = join(dirname(require.resolve("openapi-zod-client/package.json")), "src", "templates");
    await generateZodClientFromOpenAPI({
      openApiDoc: spec,
      distPath: join(outDir, "schemas.ts"),
      templatePath: join(templates, "schemas-only.hbs"),
      options: { exportSchemas: true, shouldExportAllSchemas: true },
    });
  },
};

if (!generators[generator]) throw new Error(`unknown generator ${generator}`);
const root = resolve(outRoot);
for (const specPath of specPaths.map((path) => resolve(path))) {
  const vendor = basename(specPath, ".json");
  const outDir = join(root, vendor, generator);
  mkdirSync(outDir, { recursive: true });
  await generators[generator](specPath, outDir, JSON.parse(readFileSync(specPath, "utf8")));
}
