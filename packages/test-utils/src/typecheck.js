// In-memory TypeScript modules type-checked against the workspace packages' sources, as an
// application importing them by name would be: for the examples in READMEs and rendered docs.
import { fileURLToPath } from "node:url";
// The workspace root's TypeScript, which the packages build with: a dependency of its own here
// would pair msw with another TypeScript and split msw's types in two.
import ts from "typescript";

const root = fileURLToPath(new URL("../../../", import.meta.url));

/** @type {ts.CompilerOptions} */
const options = {
  strict: true,
  noEmit: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  lib: ["lib.es2022.d.ts", "lib.dom.d.ts"],
  types: ["node"],
  typeRoots: [`${root}node_modules/@types`],
  skipLibCheck: true,
  // The packages by name, resolved to the sources in this workspace.
  baseUrl: root,
  paths: {
    "@customer-clients/*/testing": ["packages/*/src/testing.ts"],
    "@customer-clients/*": ["packages/*/src/index.ts"],
  },
};

/**
 * One program for every source (so the packages are checked once), each source compiled as an
 * ES module under its file name.
 * @param {Map<string, string>} sources absolute file name → code
 */
export function workspaceProgram(sources) {
  const files = new Map([...sources].map(([name, code]) => [name, `export {};\n${code}`]));
  const host = ts.createCompilerHost(options);
  const { readFile, fileExists } = host;
  host.readFile = (name) => files.get(name) ?? readFile(name);
  host.fileExists = (name) => files.has(name) || fileExists(name);
  return ts.createProgram([...files.keys()], options, host);
}

/**
 * The type errors of a program (of one of its files, if named), each as its message.
 * @param {ts.Program} program
 * @param {string} [fileName]
 */
export function typeErrors(program, fileName) {
  return ts
    .getPreEmitDiagnostics(program, fileName === undefined ? undefined : program.getSourceFile(fileName))
    .map((d) => `${d.file?.fileName ?? ""}: ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`);
}
