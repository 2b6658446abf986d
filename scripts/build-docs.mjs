// Renders every spec listed in redocly.yaml into docs/dist/<name>.html (Redoc inlined, so the
// pages work offline), each operation with code samples made from its request examples, and
// writes docs/dist/index.html linking them. Prints one line per page.
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { SAMPLE_TABS, addCodeSamples } from "./code-samples.mjs";
import { apis } from "./workspace.mjs";

const require = createRequire(import.meta.url);
const redocly = require.resolve("@redocly/cli/bin/cli.js");
const escapeHtml = (text) => String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
// Redoc fetches its attribution logo from a CDN; an inline text logo keeps the pages offline.
const REDOC_LOGO = /https:\/\/cdn\.redoc\.ly\/redoc\/logo-mini(-full)?\.svg/g;
const INLINE_LOGO = `data:image/svg+xml,${encodeURIComponent(
  '<svg xmlns="http://www.w3.org/2000/svg" width="56" height="16"><text x="0" y="12" font-family="sans-serif" font-size="12">Redocly</text></svg>',
)}`;

// Redoc options: examples and schemas expanded, required fields first, so that a page opens
// ready to read; the code sample tabs are ours (the typed client first), no generated ones.
const REDOC_CONFIG = `openapi:
  jsonSamplesExpandLevel: all
  schemasExpansionLevel: all
  sortRequiredPropsFirst: true
  hideReplay: true
  codeSamples:
    languages:
${SAMPLE_TABS.map((tab) => `      - { lang: ${tab.lang}, label: ${tab.label} }`).join("\n")}
`;

/** Redoc's route of the spec's first operation: its first tag and its operationId, lowercased. */
function operationRoute(spec) {
  const operation = Object.values(spec.paths).flatMap((item) =>
    Object.entries(item)
      .filter(([method]) => ["get", "put", "post", "patch", "delete"].includes(method))
      .map(([, op]) => op),
  )[0];
  const slug = (text) =>
    String(text)
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "");
  return `${slug(operation.tags?.[0] ?? "")}/${slug(operation.operationId)}`;
}

mkdirSync("docs/dist", { recursive: true });
mkdirSync("docs/.build", { recursive: true });
writeFileSync("docs/.build/redocly.yaml", REDOC_CONFIG);
const entries = [];
const samples = {};
for (const [name, api] of Object.entries(apis())) {
  // The bundled spec (`spec:bundle`), with code samples and the package link added for the page only.
  const spec = JSON.parse(readFileSync(api.output.replace(/\.yaml$/, ".json"), "utf8"));
  samples[name] = addCodeSamples(name, spec);
  const pkg = `@customer-clients/${name}`;
  spec.info.description = `${spec.info.description ?? ""}\n\n**Typed client:** [\`${pkg}\`](https://www.npmjs.com/package/${pkg}) (\`npm install ${pkg}\`), generated from this contract; the TypeScript samples below use it.`;
  const input = `docs/.build/${name}.json`;
  writeFileSync(input, JSON.stringify(spec, null, 2));
  const output = `docs/dist/${name}.html`;
  const args = [
    redocly,
    "build-docs",
    input,
    "--inlineBundle",
    "-o",
    output,
    "--title",
    spec.info.title,
    "--config",
    "docs/.build/redocly.yaml",
  ];
  const run = spawnSync(process.execPath, args, { encoding: "utf8" });
  if (run.status !== 0) {
    process.stderr.write(run.stdout + run.stderr);
    process.exit(run.status ?? 1);
  }
  // Open on the operation (Redoc routes by hash: #/<tag>/<operationid>) rather than on the intro.
  const route = operationRoute(spec);
  const openOnOperation = `<script>if (!location.hash) history.replaceState(null, "", ${JSON.stringify(`#/${route}`)});</script>`;
  writeFileSync(
    output,
    readFileSync(output, "utf8").replace(REDOC_LOGO, INLINE_LOGO).replace("<head>", `<head>\n${openOnOperation}`),
  );
  console.log(`${output}: ${Math.round(statSync(output).size / 1024)} KiB, ${samples[name].length} code samples`);
  const operations = Object.entries(spec.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => ["get", "put", "post", "patch", "delete"].includes(method))
      .map(
        ([method, op]) => `<code>${method.toUpperCase()} ${escapeHtml(path)}</code> ${escapeHtml(op.summary ?? "")}`,
      ),
  );
  entries.push(`    <li>
      <h2><a href="${name}.html#/${route}">${escapeHtml(spec.info.title)}</a></h2>
      <p>${escapeHtml(spec.info.summary ?? "")}</p>
      <p>${operations.join("<br>")}</p>
      <p>Server: <code>${escapeHtml(spec.servers?.[0]?.url ?? "")}</code> · package <code>${pkg}</code></p>
    </li>`);
}
// The samples as shown on the pages, for the docs test to compile and run.
writeFileSync("docs/dist/code-samples.json", JSON.stringify(samples, null, 2));

writeFileSync(
  "docs/dist/index.html",
  `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>customer-clients: API reference</title>
  <style>
    body { font: 16px/1.5 system-ui, sans-serif; max-width: 52rem; margin: 2rem auto; padding: 0 1rem; color: #1f2933; }
    ul { list-style: none; padding: 0; } li { border-top: 1px solid #d9e2ec; padding: .5rem 0; }
    h2 { margin: .5rem 0 0; font-size: 1.2rem; } code { background: #f0f4f8; padding: 0 .2rem; }
  </style>
</head>
<body>
  <h1>customer-clients: API reference</h1>
  <p>One page per vendor, rendered from the OpenAPI contracts in <code>specs/</code>. Every page works offline.</p>
  <ul>
${entries.join("\n")}
  </ul>
</body>
</html>
`,
);
console.log(`docs/dist/index.html links ${entries.length} vendor page(s)`);
