// Writes each vendor's documented rate limits (the `x-rate-limits` extension of its operations)
// into packages/<vendor>/src/generated/limits.ts, in the shape core's rate limiter takes:
// windows as `{ limit, intervalMs }`, and the scope. The note, source and what is unverified become
// the operation's doc comment, so that they reach editors but not bundles. Operations without the
// extension are left out.
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { parse } from "yaml";
import { apis } from "./workspace.mjs";

const HTTP_METHODS = ["get", "put", "post", "patch", "delete"];

const windows = (list = []) =>
  list.map(({ requests, seconds }) => {
    if (!Number.isInteger(requests) || requests < 1 || !(seconds > 0))
      throw new Error(
        `x-rate-limits: a window needs requests >= 1 and seconds > 0, got ${JSON.stringify({ requests, seconds })}`,
      );
    return { limit: requests, intervalMs: seconds * 1000 };
  });

function limitsOf(extension) {
  const { scope, concurrency, windows: list, variants } = extension;
  return {
    ...(concurrency === undefined ? {} : { concurrency }),
    windows: windows(list),
    ...(variants
      ? {
          variants: Object.fromEntries(
            Object.entries(variants).map(([name, variant]) => [
              name,
              {
                ...(variant.concurrency === undefined ? {} : { concurrency: variant.concurrency }),
                windows: windows(variant.windows),
              },
            ]),
          ),
        }
      : {}),
    ...(scope ? { scope } : {}),
  };
}

/** What the spec says about an operation's limits beyond the numbers, as a doc comment (kept out of bundles). */
function docOf({ note, source, unverified }) {
  const lines = [note, unverified && `Unverified: ${unverified}`, source && `Source: ${source}`].filter(Boolean);
  if (lines.length === 0) return "";
  return `  /**\n${lines.map((line) => `   * ${line.replace(/\*\//g, "*\\/")}`).join("\n   *\n")}\n   */\n`;
}

for (const api of Object.values(apis())) {
  const spec = parse(readFileSync(api.root, "utf8"));
  const limits = {};
  for (const item of Object.values(spec.paths ?? {})) {
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      const extension = operation?.["x-rate-limits"];
      if (extension) limits[operation.operationId] = { doc: docOf(extension), value: limitsOf(extension) };
    }
  }
  const output = join(dirname(api["x-openapi-ts"].output), "limits.ts");
  writeFileSync(
    output,
    `// Generated from ${api.root} (x-rate-limits) by scripts/generate-limits.mjs. Do not edit.

/** The vendor's documented rate limits, by operation: concurrency, and request windows all of which apply. */
export const rateLimits = {
${Object.entries(limits)
  .map(
    ([name, { doc, value }]) =>
      `${doc}  ${JSON.stringify(name)}: ${JSON.stringify(value, null, 2).replace(/\n/g, "\n  ")},`,
  )
  .join("\n")}
} as const;
`,
  );
}
