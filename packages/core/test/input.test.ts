import { describe, expect, it } from "vitest";
import { readCallOptions, snapshotParts, toJsonData } from "../src/input.js";

describe("toJsonData", () => {
  it("copies plain data in order and leaves undefined properties out", () => {
    expect(toJsonData({ b: [1, "x", null, true], a: { c: undefined, d: 2 } }, "")).toEqual({
      value: { b: [1, "x", null, true], a: { d: 2 } },
    });
  });

  it.each([
    ["a BigInt", { n: 1n }, "/n"],
    ["NaN", { n: Number.NaN }, "/n"],
    ["a function", { f: () => 1 }, "/f"],
    ["a Map", { m: new Map() }, "/m"],
    ["undefined in an array", { list: [1, undefined] }, "/list/1"],
    ["a key with a slash", { "a/b": 1n }, "/a~1b"],
  ])("names %s by its pointer", (_name, value, path) => {
    const result = toJsonData(value, "");
    expect("problems" in result && result.problems[0]?.path).toBe(path);
  });
});

describe("snapshotParts", () => {
  it("refuses path values that move the request and header values fetch refuses", () => {
    const result = snapshotParts({ path: { id: ".." }, header: { "X-Id": "a\nb" }, body: {} }, []);
    expect("parts" in result && result.problems.map((problem) => [problem.path, problem.code])).toEqual([
      ["/path/id", "path_segment"],
      ["/header/X-Id", "header_value"],
    ]);
  });

  it("finds the request id the caller sent", () => {
    const result = snapshotParts({ header: { "X-Correlation-Id": "corr-1" } }, ["x-correlation-id"]);
    expect("parts" in result && result.requestId).toBe("corr-1");
  });
});

describe("readCallOptions", () => {
  it.each([
    [undefined, {}],
    [null, {}],
    [
      { timeoutMs: 5, maxRetries: 0, retryNonIdempotent: true },
      { timeoutMs: 5, maxRetries: 0, retryNonIdempotent: true },
    ],
  ])("reads %j", (raw, want) => {
    expect(readCallOptions(raw)).toEqual({ value: want });
  });

  it.each([
    ["a string", "fast", "/options"],
    ["a negative timeout", { timeoutMs: -1 }, "/options/timeoutMs"],
    ["a fractional retry count", { maxRetries: 1.5 }, "/options/maxRetries"],
    ["a signal that is no AbortSignal", { signal: {} }, "/options/signal"],
  ])("refuses %s", (_name, raw, path) => {
    const result = readCallOptions(raw);
    expect("problems" in result && result.problems[0]?.path).toBe(path);
  });
});
