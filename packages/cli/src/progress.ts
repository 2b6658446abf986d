// The progress line on stderr: done, failed, rate and time left. Redrawn in place on a
// terminal; elsewhere (a log file, CI) written as a new line every 10 seconds.
import type { BulkProgress } from "@customer-clients/core";

export interface ProgressLine {
  update(progress: Readonly<BulkProgress>): void;
  finish(progress: Readonly<BulkProgress>): void;
}

/** `toSend`: the rows this run sends (rows done before and invalid rows left out). */
export function progressLine(stream: NodeJS.WriteStream, toSend: number, now: () => number = Date.now): ProgressLine {
  const started = now();
  const interactive = stream.isTTY === true;
  const every = interactive ? 200 : 10_000;
  let last = 0;

  function render(progress: Readonly<BulkProgress>) {
    const elapsed = (now() - started) / 1000;
    const toDo = Math.max(toSend, progress.done);
    const rate = elapsed > 0 ? progress.done / elapsed : 0;
    const left = toDo - progress.done;
    const eta = rate > 0 ? formatSeconds(left / rate) : "?";
    const share = toDo > 0 ? progress.done / toDo : 1;
    const width = 24;
    const filled = Math.round(share * width);
    const bar = interactive ? `[${"#".repeat(filled)}${".".repeat(width - filled)}] ` : "";
    const skipped = progress.skipped > 0 ? `, ${progress.skipped} skipped` : "";
    return `${bar}${(share * 100).toFixed(1)}% ${progress.done}/${toDo} done, ${progress.failed} failed${skipped}, ${rate.toFixed(1)}/s, ETA ${eta}`;
  }

  return {
    update(progress) {
      const time = now();
      if (time - last < every) return;
      last = time;
      stream.write(interactive ? `\r\x1b[K${render(progress)}` : `${render(progress)}\n`);
    },
    finish(progress) {
      stream.write(interactive ? `\r\x1b[K${render(progress)}\n` : `${render(progress)}\n`);
    },
  };
}

export function formatSeconds(seconds: number): string {
  if (!Number.isFinite(seconds)) return "?";
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, "0")}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, "0")}m`;
}
