import { describe, expect, it } from "vitest";
import { formatSeconds, progressLine } from "../src/progress.js";

function stream(isTTY: boolean) {
  const writes: string[] = [];
  return { writes, stream: { isTTY, write: (text: string) => writes.push(text) } as unknown as NodeJS.WriteStream };
}

const progress = (done: number, failed: number) => ({
  done,
  succeeded: done - failed,
  failed,
  skipped: 0,
  inFlight: 0,
});

describe("progressLine", () => {
  it("shows done, failed, rate and time left, redrawn in place on a terminal", () => {
    let time = 0;
    const { writes, stream: tty } = stream(true);
    const line = progressLine(tty, 1000, () => time);
    time = 10_000;
    line.update(progress(250, 3));
    expect(writes.at(-1)).toBe("\r\x1b[K[######..................] 25.0% 250/1000 done, 3 failed, 25.0/s, ETA 30s");
    time = 10_100;
    line.update(progress(251, 3));
    expect(writes).toHaveLength(1); // at most five redraws a second
    line.finish(progress(1000, 4));
    // The line starts with a carriage return and ESC [K (erase the line).
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the escape sequence is what is tested.
    expect(writes.at(-1)).toMatch(/^\r\x1b\[K\[#{24}\] 100\.0% 1000\/1000 done, 4 failed, .*\n$/);
  });

  it("writes a plain line every 10 seconds elsewhere", () => {
    let time = 0;
    const { writes, stream: file } = stream(false);
    const line = progressLine(file, 100, () => time);
    for (time = 0; time <= 25_000; time += 1000) line.update(progress(time / 1000, 0));
    expect(writes).toEqual([
      "10.0% 10/100 done, 0 failed, 1.0/s, ETA 1m30s\n",
      "20.0% 20/100 done, 0 failed, 1.0/s, ETA 1m20s\n",
    ]);
  });

  it.each([
    [5, "5s"],
    [125, "2m05s"],
    [7260, "2h01m"],
    [Number.POSITIVE_INFINITY, "?"],
  ])("formats %s seconds as %s", (seconds, text) => {
    expect(formatSeconds(seconds)).toBe(text);
  });
});
