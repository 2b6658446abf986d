// Throwaway directories for the scripts' tests: made under the system's temporary folder and
// removed when the test that made them ends.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { onTestFinished } from "vitest";

/** Writes each file (path from `dir` → text; null is skipped) into `dir`, with the folders it needs. */
export function writeTree(dir: string, files: Record<string, string | null>) {
  for (const [file, text] of Object.entries(files)) {
    if (text === null) continue;
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), text);
  }
}

/** A new directory named `<prefix><random>` holding `files`, removed when the current test ends. */
export function tempTree(prefix: string, files: Record<string, string | null> = {}) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  writeTree(dir, files);
  return dir;
}
