// Every ```ts block in README.md and packages/*/README.md compiles against the packages.
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { typeErrors, workspaceProgram } from "@customer-clients/test-utils/typecheck";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../../../", import.meta.url));
const readmes = ["README.md", ...readdirSync(`${root}packages`).map((dir) => `packages/${dir}/README.md`)].filter(
  (path) => existsSync(root + path),
);

function tsBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1]!);
}

describe("README examples", () => {
  const blocks = readmes.flatMap((path) =>
    tsBlocks(readFileSync(root + path, "utf8")).map((code, index) => ({
      name: `${path} #${index + 1}`,
      fileName: `${root}packages/readme-examples/test/__${path.replace(/\W/g, "_")}_${index + 1}.ts`,
      code,
    })),
  );
  const program = workspaceProgram(new Map(blocks.map((block) => [block.fileName, block.code])));

  it("finds examples to check", () => {
    expect(blocks.length).toBeGreaterThan(0);
  });

  it.each(blocks.map((block) => [block.name, block] as const))(
    "%s compiles",
    (_name, block) => {
      expect(typeErrors(program, block.fileName)).toEqual([]);
    },
    60_000,
  );
});
