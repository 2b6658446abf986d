// Every ```ts block in README.md and packages/*/README.md compiles against the packages.
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../../../", import.meta.url));
const readmes = ["README.md", ...readdirSync(`${root}packages`).map((dir) => `packages/${dir}/README.md`)].filter(
  (path) => existsSync(root + path),
);

function tsBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1]!);
}

const options: ts.CompilerOptions = {
  strict: true,
  noEmit: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  lib: ["lib.es2022.d.ts", "lib.dom.d.ts"],
  types: ["node"],
  typeRoots: [`${root}node_modules/@types`],
  skipLibCheck: true,
  // Examples import the packages by name; resolve them to the sources in this workspace.
  baseUrl: root,
  paths: {
    "@customer-clients/*/testing": ["packages/*/src/testing.ts"],
    "@customer-clients/*": ["packages/*/src/index.ts"],
  },
};

describe("README examples", () => {
  const blocks = readmes.flatMap((path) =>
    tsBlocks(readFileSync(root + path, "utf8")).map((code, index) => ({
      name: `${path} #${index + 1}`,
      fileName: `${root}packages/readme-examples/test/__${path.replace(/\W/g, "_")}_${index + 1}.ts`,
      code: `export {};\n${code}`,
    })),
  );
  const sources = new Map(blocks.map((block) => [block.fileName, block.code]));
  const host = ts.createCompilerHost(options);
  const { readFile, fileExists } = host;
  host.readFile = (name) => sources.get(name) ?? readFile(name);
  host.fileExists = (name) => sources.has(name) || fileExists(name);
  // One program for all examples: type-checking the packages once, not once per block.
  const program = ts.createProgram([...sources.keys()], options, host);

  it("finds examples to check", () => {
    expect(blocks.length).toBeGreaterThan(0);
  });

  it.each(blocks.map((block) => [block.name, block] as const))(
    "%s compiles",
    (_name, block) => {
      const diagnostics = ts
        .getPreEmitDiagnostics(program, program.getSourceFile(block.fileName))
        .map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
      expect(diagnostics).toEqual([]);
    },
    60_000,
  );
});
