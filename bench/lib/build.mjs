// Cold build of everything (turbo, cache bypassed: bundle, generate, build every package), then
// the same build again, which turbo replays from its cache.
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../../", import.meta.url));
const env = {
  ...process.env,
  TURBO_TELEMETRY_DISABLED: "1",
  TURBO_NO_UPDATE_NOTIFIER: "1",
  REDOCLY_TELEMETRY: "off",
  REDOCLY_SUPPRESS_UPDATE_NOTICE: "true",
  DO_NOT_TRACK: "1",
};

function timed(args) {
  const start = process.hrtime.bigint();
  const output = execFileSync(`${root}node_modules/.bin/turbo`, args, { cwd: root, env, encoding: "utf8" });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const tasks = /Tasks:\s+(\d+) successful, (\d+) total/.exec(output);
  const cached = /Cached:\s+(\d+) cached/.exec(output);
  return { seconds, tasks: Number(tasks?.[2]), cached: Number(cached?.[1]) };
}

export function measureBuild() {
  const cold = timed(["run", "build", "--force", "--output-logs=errors-only"]);
  const warm = timed(["run", "build", "--output-logs=errors-only"]);
  if (warm.cached !== warm.tasks)
    throw new Error(`the warm build replayed ${warm.cached} of ${warm.tasks} tasks from the cache`);
  return { cold, warm };
}
