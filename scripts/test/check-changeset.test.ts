// check-changeset.mjs against throwaway git repositories shaped like this workspace.
import { execFileSync, spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { tempTree, writeTree } from "./temp-tree.js";

const SCRIPT = fileURLToPath(new URL("../check-changeset.mjs", import.meta.url));
const pkg = (name: string, extra = {}) => JSON.stringify({ name, version: "1.0.0", ...extra });
const FIXTURE: Record<string, string> = {
  "README.md": "# fixture\n",
  "redocly.yaml":
    "apis:\n  experience:\n    root: specs/experience/openapi.yaml\n  acme:\n    root: specs/acme/openapi.yaml\n",
  "packages/core/package.json": pkg("@customer-clients/core"),
  "packages/core/src/index.ts": "export const a = 1;\n",
  "packages/experience/package.json": pkg("@customer-clients/experience"),
  "packages/experience/src/index.ts": "export const b = 1;\n",
  "packages/acme/package.json": pkg("@customer-clients/acme"),
  "packages/specs/package.json": pkg("@customer-clients/specs"),
  "packages/test-utils/package.json": pkg("@customer-clients/test-utils", { private: true }),
  "packages/test-utils/src/index.js": "export {};\n",
  "specs/experience/openapi.yaml": "openapi: 3.1.0\n",
  "specs/acme/openapi.yaml": "openapi: 3.1.0\n",
  "specs/common/codes.yaml": "enum: [a]\n",
  ".changeset/config.json": "{}\n",
  ".changeset/README.md": "Changesets live here.\n",
};

/** A repository with the fixture committed on `main` and a `feature` branch checked out. */
function repository() {
  const dir = tempTree("check-changeset-");
  const git = (...args: string[]) =>
    execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@127.0.0.1", "-c", "commit.gpgsign=false", ...args], {
      cwd: dir,
    });
  const commit = (files: Record<string, string>) => {
    writeTree(dir, files);
    git("add", "-A");
    git("commit", "-q", "-m", "change");
  };
  git("init", "-q", "-b", "main");
  commit(FIXTURE);
  git("checkout", "-q", "-b", "feature");
  const check = (...args: string[]) => {
    const result = spawnSync(process.execPath, [SCRIPT, ...args], { cwd: dir, encoding: "utf8" });
    return { status: result.status, output: result.stdout + result.stderr };
  };
  return { git, commit, check };
}

const changeset = (...packages: string[]) =>
  `---\n${packages.map((name) => `"${name}": patch\n`).join("")}---\n\nA change.\n`;
const major = (...packages: string[]) =>
  `---\n${packages.map((name) => `"${name}": major\n`).join("")}---\n\nA breaking change.\n`;

/** A spec with one operation whose body has an optional `tier` enum and, optionally, a shared `country` list. */
const spec = ({ tiers = ["gold", "silver"], extra = {}, country = false } = {}) =>
  JSON.stringify({
    openapi: "3.1.0",
    info: { title: "t", version: "1" },
    paths: {
      "/customers/{id}": {
        patch: {
          operationId: "updateCustomer",
          requestBody: {
            content: {
              "application/json": {
                schema: {
                  type: "object",
                  properties: {
                    tier: { type: "string", enum: tiers },
                    ...extra,
                    ...(country ? { country: { $ref: "../common/codes.yaml" } } : {}),
                  },
                },
              },
            },
          },
          responses: { "200": { description: "ok" } },
        },
      },
    },
  });

/**
 * One case: the commits made on the branch; what `--base main` must then exit with, print and not
 * print; and, for a failing case, the changeset whose commit makes it pass.
 */
type Case = {
  commits: Record<string, string>[];
  status: number;
  shows?: string[];
  hides?: string[];
  fixedBy?: Record<string, string>;
};

function expectCheck(repo: ReturnType<typeof repository>, { commits, status, shows = [], hides = [], fixedBy }: Case) {
  for (const files of commits) repo.commit(files);
  const result = repo.check("--base", "main");
  expect(result.status).toBe(status);
  for (const text of shows) expect(result.output).toContain(text);
  for (const text of hides) expect(result.output).not.toContain(text);
  if (fixedBy) {
    repo.commit(fixedBy);
    expect(repo.check("--base", "main")).toMatchObject({ status: 0 });
  }
}

describe("check-changeset", () => {
  it.each<[string, Case]>([
    ["passes when nothing that is published changed", { commits: [{ "README.md": "# fixture, edited\n" }], status: 0 }],
    [
      "fails when a public package changed without a changeset, naming package and files",
      {
        commits: [{ "packages/core/src/index.ts": "export const a = 2;\n" }],
        status: 1,
        shows: ["@customer-clients/core: packages/core/src/index.ts"],
      },
    ],
    [
      "passes when a changeset names the changed package",
      {
        commits: [
          { "packages/core/src/index.ts": "export const a = 2;\n" },
          { ".changeset/brave-core.md": changeset("@customer-clients/core") },
        ],
        status: 0,
      },
    ],
    [
      "fails when the changeset names only another package",
      {
        commits: [
          {
            "packages/experience/src/index.ts": "export const b = 2;\n",
            ".changeset/wrong.md": changeset("@customer-clients/core"),
          },
        ],
        status: 1,
        shows: ["@customer-clients/experience"],
      },
    ],
    [
      "maps a vendor's spec to that vendor's package and the specs package",
      {
        commits: [{ "specs/experience/openapi.yaml": "openapi: 3.1.1\n" }],
        status: 1,
        shows: ["experience", "specs"].map((name) => `@customer-clients/${name}: specs/experience/openapi.yaml`),
        hides: ["@customer-clients/acme"],
        fixedBy: { ".changeset/spec.md": changeset("@customer-clients/experience", "@customer-clients/specs") },
      },
    ],
    [
      "maps a shared spec file to every vendor's package",
      {
        commits: [{ "specs/common/codes.yaml": "enum: [a, b]\n" }],
        status: 1,
        shows: ["experience", "acme", "specs"].map((name) => `@customer-clients/${name}: specs/common/codes.yaml`),
        hides: ["@customer-clients/core"],
      },
    ],
    [
      "ignores private packages and package tests",
      {
        commits: [
          {
            "packages/test-utils/src/index.js": "export const x = 1;\n",
            "packages/core/test/a.test.ts": "// a test\n",
          },
        ],
        status: 0,
      },
    ],
    [
      "accepts an empty changeset as a change that releases nothing",
      {
        commits: [{ "packages/core/src/index.ts": "export const a = 2;\n", ".changeset/nothing.md": "---\n---\n" }],
        status: 0,
        shows: ["release nothing: @customer-clients/core"],
      },
    ],
  ])("%s", (_, expected) => expectCheck(repository(), expected));

  it("counts only the commits since the branch left the base", () => {
    const repo = repository();
    repo.git("checkout", "-q", "main");
    repo.commit({ "packages/core/src/index.ts": "export const a = 3;\n" });
    repo.git("checkout", "-q", "feature");
    repo.commit({ "README.md": "# fixture, edited\n" });
    expect(repo.check("--base", "main")).toMatchObject({ status: 0 });
  });

  describe("breaking spec changes", () => {
    const withSpecs = (repo: ReturnType<typeof repository>) => {
      repo.git("checkout", "-q", "main");
      repo.commit({ "specs/acme/openapi.yaml": spec(), "specs/experience/openapi.yaml": spec({ country: true }) });
      repo.git("checkout", "-q", "feature");
      repo.git("rebase", "-q", "main");
      return repo;
    };

    const breaking = { "specs/acme/openapi.yaml": spec({ tiers: ["gold"] }) };
    it.each<[string, Case]>([
      [
        "fails a breaking spec change released as a patch, listing the change",
        {
          commits: [
            { ...breaking, ".changeset/tiers.md": changeset("@customer-clients/acme", "@customer-clients/specs") },
          ],
          status: 1,
          shows: [
            'PATCH /customers/{id} body application/json/tier: enum values removed: "silver"',
            "need a major changeset for @customer-clients/acme, @customer-clients/specs",
          ],
        },
      ],
      [
        "passes it when both the vendor's package and the specs package are released as major",
        {
          commits: [{ ...breaking, ".changeset/tiers.md": major("@customer-clients/acme", "@customer-clients/specs") }],
          status: 0,
          shows: ["released as major for @customer-clients/acme, @customer-clients/specs"],
        },
      ],
      [
        "fails when only the vendor's package is major, and an empty changeset does not excuse it",
        {
          commits: [
            {
              ...breaking,
              ".changeset/tiers.md": major("@customer-clients/acme"),
              ".changeset/nothing.md": "---\n---\n",
            },
          ],
          status: 1,
          shows: ["need a major changeset for @customer-clients/specs"],
        },
      ],
      [
        "accepts a patch for a change that keeps generated clients working",
        {
          commits: [
            {
              "specs/acme/openapi.yaml": spec({
                tiers: ["gold", "silver", "bronze"],
                extra: { phone: { type: "string" } },
              }),
              ".changeset/tiers.md": changeset("@customer-clients/acme", "@customer-clients/specs"),
            },
          ],
          status: 0,
        },
      ],
      [
        "follows a shared file into the specs that refer to it, and only those",
        {
          commits: [
            {
              "specs/common/codes.yaml": "type: string\nenum: [b]\n",
              ".changeset/codes.md": changeset(
                "@customer-clients/experience",
                "@customer-clients/acme",
                "@customer-clients/specs",
              ),
            },
          ],
          status: 1,
          shows: ["Breaking changes to the experience spec", 'enum values removed: "a"'],
          hides: ["acme spec"],
          fixedBy: { ".changeset/codes-major.md": major("@customer-clients/experience", "@customer-clients/specs") },
        },
      ],
    ])("%s", (_, expected) => expectCheck(withSpecs(repository()), expected));
  });

  it("refuses to run without a base, or with a base that does not exist", () => {
    const repo = repository();
    expect(repo.check()).toMatchObject({ status: 2 });
    expect(repo.check("--base", "no-such-ref").status).not.toBe(0);
  });
});
