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

describe("check-changeset", () => {
  it("passes when nothing that is published changed", () => {
    const repo = repository();
    repo.commit({ "README.md": "# fixture, edited\n" });
    expect(repo.check("--base", "main")).toMatchObject({ status: 0 });
  });

  it("fails when a public package changed without a changeset, naming package and files", () => {
    const repo = repository();
    repo.commit({ "packages/core/src/index.ts": "export const a = 2;\n" });
    const { status, output } = repo.check("--base", "main");
    expect(status).toBe(1);
    expect(output).toContain("@customer-clients/core: packages/core/src/index.ts");
  });

  it("passes when a changeset names the changed package", () => {
    const repo = repository();
    repo.commit({ "packages/core/src/index.ts": "export const a = 2;\n" });
    repo.commit({ ".changeset/brave-core.md": changeset("@customer-clients/core") });
    expect(repo.check("--base", "main")).toMatchObject({ status: 0 });
  });

  it("fails when the changeset names only another package", () => {
    const repo = repository();
    repo.commit({
      "packages/experience/src/index.ts": "export const b = 2;\n",
      ".changeset/wrong.md": changeset("@customer-clients/core"),
    });
    const { status, output } = repo.check("--base", "main");
    expect(status).toBe(1);
    expect(output).toContain("@customer-clients/experience");
  });

  it("maps a vendor's spec to that vendor's package and the specs package", () => {
    const repo = repository();
    repo.commit({ "specs/experience/openapi.yaml": "openapi: 3.1.1\n" });
    const { status, output } = repo.check("--base", "main");
    expect(status).toBe(1);
    expect(output).toContain("@customer-clients/experience: specs/experience/openapi.yaml");
    expect(output).toContain("@customer-clients/specs: specs/experience/openapi.yaml");
    expect(output).not.toContain("@customer-clients/acme");
    repo.commit({ ".changeset/spec.md": changeset("@customer-clients/experience", "@customer-clients/specs") });
    expect(repo.check("--base", "main")).toMatchObject({ status: 0 });
  });

  it("maps a shared spec file to every vendor's package", () => {
    const repo = repository();
    repo.commit({ "specs/common/codes.yaml": "enum: [a, b]\n" });
    const { status, output } = repo.check("--base", "main");
    expect(status).toBe(1);
    for (const name of ["experience", "acme", "specs"])
      expect(output).toContain(`@customer-clients/${name}: specs/common/codes.yaml`);
    expect(output).not.toContain("@customer-clients/core");
  });

  it("ignores private packages and package tests", () => {
    const repo = repository();
    repo.commit({
      "packages/test-utils/src/index.js": "export const x = 1;\n",
      "packages/core/test/a.test.ts": "// a test\n",
    });
    expect(repo.check("--base", "main")).toMatchObject({ status: 0 });
  });

  it("counts only the commits since the branch left the base", () => {
    const repo = repository();
    repo.git("checkout", "-q", "main");
    repo.commit({ "packages/core/src/index.ts": "export const a = 3;\n" });
    repo.git("checkout", "-q", "feature");
    repo.commit({ "README.md": "# fixture, edited\n" });
    expect(repo.check("--base", "main")).toMatchObject({ status: 0 });
  });

  it("accepts an empty changeset as a change that releases nothing", () => {
    const repo = repository();
    repo.commit({ "packages/core/src/index.ts": "export const a = 2;\n", ".changeset/nothing.md": "---\n---\n" });
    const { status, output } = repo.check("--base", "main");
    expect(status).toBe(0);
    expect(output).toContain("release nothing: @customer-clients/core");
  });

  describe("breaking spec changes", () => {
    const withSpecs = (repo: ReturnType<typeof repository>) => {
      repo.git("checkout", "-q", "main");
      repo.commit({ "specs/acme/openapi.yaml": spec(), "specs/experience/openapi.yaml": spec({ country: true }) });
      repo.git("checkout", "-q", "feature");
      repo.git("rebase", "-q", "main");
      return repo;
    };

    it("fails a breaking spec change released as a patch, listing the change", () => {
      const repo = withSpecs(repository());
      repo.commit({
        "specs/acme/openapi.yaml": spec({ tiers: ["gold"] }),
        ".changeset/tiers.md": changeset("@customer-clients/acme", "@customer-clients/specs"),
      });
      const { status, output } = repo.check("--base", "main");
      expect(status).toBe(1);
      expect(output).toContain('PATCH /customers/{id} body application/json/tier: enum values removed: "silver"');
      expect(output).toContain("need a major changeset for @customer-clients/acme, @customer-clients/specs");
    });

    it("passes it when both the vendor's package and the specs package are released as major", () => {
      const repo = withSpecs(repository());
      repo.commit({
        "specs/acme/openapi.yaml": spec({ tiers: ["gold"] }),
        ".changeset/tiers.md": major("@customer-clients/acme", "@customer-clients/specs"),
      });
      const { status, output } = repo.check("--base", "main");
      expect(status).toBe(0);
      expect(output).toContain("released as major for @customer-clients/acme, @customer-clients/specs");
    });

    it("fails when only the vendor's package is major, and an empty changeset does not excuse it", () => {
      const repo = withSpecs(repository());
      repo.commit({
        "specs/acme/openapi.yaml": spec({ tiers: ["gold"] }),
        ".changeset/tiers.md": major("@customer-clients/acme"),
        ".changeset/nothing.md": "---\n---\n",
      });
      const { status, output } = repo.check("--base", "main");
      expect(status).toBe(1);
      expect(output).toContain("need a major changeset for @customer-clients/specs");
    });

    it("accepts a patch for a change that keeps generated clients working", () => {
      const repo = withSpecs(repository());
      repo.commit({
        "specs/acme/openapi.yaml": spec({ tiers: ["gold", "silver", "bronze"], extra: { phone: { type: "string" } } }),
        ".changeset/tiers.md": changeset("@customer-clients/acme", "@customer-clients/specs"),
      });
      expect(repo.check("--base", "main")).toMatchObject({ status: 0 });
    });

    it("follows a shared file into the specs that refer to it, and only those", () => {
      const repo = withSpecs(repository());
      const everyone = ["@customer-clients/experience", "@customer-clients/acme", "@customer-clients/specs"];
      repo.commit({
        "specs/common/codes.yaml": "type: string\nenum: [b]\n",
        ".changeset/codes.md": changeset(...everyone),
      });
      const { status, output } = repo.check("--base", "main");
      expect(status).toBe(1);
      expect(output).toContain("Breaking changes to the experience spec");
      expect(output).toContain('enum values removed: "a"');
      expect(output).not.toContain("acme spec");
      repo.commit({ ".changeset/codes-major.md": major("@customer-clients/experience", "@customer-clients/specs") });
      expect(repo.check("--base", "main")).toMatchObject({ status: 0 });
    });
  });

  it("refuses to run without a base, or with a base that does not exist", () => {
    const repo = repository();
    expect(repo.check()).toMatchObject({ status: 2 });
    expect(repo.check("--base", "no-such-ref").status).not.toBe(0);
  });
});
