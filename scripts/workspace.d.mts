// Types for workspace.mjs, for the TypeScript tests that read the workspace through it.
export interface WorkspacePackage {
  dir: string;
  name: string;
  manifest: Record<string, unknown>;
}
export function workspacePackages(root?: string): WorkspacePackage[];
export function publicPackages(root?: string): WorkspacePackage[];
export function apis(root?: string): Record<string, { root: string; "x-openapi-ts"?: { output: string } } & Record<string, unknown>>;
export function vendors(root?: string): string[];
