// What the release scripts need to know about the workspace, read from its files so that a new
// vendor (an entry in redocly.yaml and a packages/<vendor> directory) is picked up with no edit.
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";

/** Every package under packages/, as `{ dir, name, manifest }`, `dir` relative to `root`. */
export function workspacePackages(root = ".") {
  return readdirSync(join(root, "packages"))
    .filter((entry) => existsSync(join(root, "packages", entry, "package.json")))
    .map((entry) => {
      const dir = `packages/${entry}`;
      const manifest = JSON.parse(readFileSync(join(root, dir, "package.json"), "utf8"));
      return { dir, name: manifest.name, manifest };
    });
}

/** The packages that get published: those not marked `private`. */
export function publicPackages(root = ".") {
  return workspacePackages(root).filter((pkg) => !pkg.manifest.private);
}

/**
 * The `apis` of redocly.yaml, one per vendor in the order listed: `{ [vendor]: { root, output,
 * "x-openapi-ts": { output } } }`, paths relative to the workspace root.
 */
export function apis(root = ".") {
  return parse(readFileSync(join(root, "redocly.yaml"), "utf8")).apis;
}

/** The vendors, in the order redocly.yaml lists their APIs. */
export function vendors(root = ".") {
  return Object.keys(apis(root));
}
