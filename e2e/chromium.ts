// The headless Chromium the browser tests and the runtime matrix drive: Debian's by default,
// CHROMIUM_PATH to override.
import { type Browser, chromium } from "playwright-core";

const FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

/** Launches it with the shared flags and any `extraFlags` (e.g. host resolver rules). */
export function launchChromium(extraFlags: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [...FLAGS, ...extraFlags],
  });
}
