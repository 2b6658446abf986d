// The one build of every published library package: `node ../../scripts/build-package.mjs`, run
// by the package's `build` script from its directory. The entry points are the package's
// `exports` (see package-shape.mjs): "." is built from src/index.ts, "./<name>" from
// src/<name>.ts, each as ES module and CommonJS with declarations, into dist/.
import { readFileSync } from "node:fs";
import { build } from "tsup";
import { entriesOf } from "./package-shape.mjs";

const manifest = JSON.parse(readFileSync("package.json", "utf8"));
const [main, ...others] = entriesOf(manifest);

// One tsup run per entry, in turn: one run over all entries would split their shared code into
// chunks. The first run empties dist/. Dependencies and peer dependencies stay imports;
// everything else (devDependencies such as mock-kit or @noble/hashes) is bundled in.
const shared = { format: ["esm", "cjs"], target: "es2022", platform: "node", config: false };
await build({ ...shared, entry: [main], dts: true, clean: true });
for (const entry of others) {
  // The other entries (`testing`) bundle private workspace code, so their declarations must
  // include its types rather than import a package that is never published.
  await build({ ...shared, entry: [entry], dts: { resolve: true } });
}
