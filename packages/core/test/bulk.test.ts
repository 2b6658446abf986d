import { describe, expect, it } from "vitest";
import { runBulk, runBulkBatches, type BulkOutcome, type BulkProgress, type ItemResult } from "../src/bulk.js";
import { ConflictError } from "../src/errors.js";

const conflict = (message: string) => new ConflictError({ vendor: "test", operation: "update", message });

/** A call the test settles by hand. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((res) => (resolve = res));
  return { promise, resolve };
}

async function collect<I, T>(run: AsyncIterable<BulkOutcome<I, T>>) {
  const outcomes: BulkOutcome<I, T>[] = [];
  for await (const outcome of run) outcomes.push(outcome);
  return outcomes;
}

const byIndex = <O extends { index: number }>(list: O[]) => [...list].sort((a, b) => a.index - b.index);

async function* asyncNumbers(count: number, read: number[] = []) {
  for (let n = 0; n < count; n++) {
    read.push(n);
    yield n;
  }
}

describe("runBulk", () => {
  it.each([
    ["an array", () => [0, 1, 2, 3, 4]],
    ["an iterable", () => new Set([0, 1, 2, 3, 4])],
    ["an async iterable", () => asyncNumbers(5)],
  ])("yields one outcome per input of %s, data or error, each with its index", async (_, items) => {
    const outcomes = await collect(
      runBulk(
        items(),
        async (n: number): Promise<ItemResult<number>> => (n % 2 ? { error: conflict(`odd ${n}`) } : { data: n * 10 }),
      ),
    );
    expect(byIndex(outcomes).map(({ index, input, data, error }) => [index, input, data, error?.message])).toEqual([
      [0, 0, 0, undefined],
      [1, 1, undefined, "odd 1"],
      [2, 2, 20, undefined],
      [3, 3, undefined, "odd 3"],
      [4, 4, 40, undefined],
    ]);
  });

  it("keeps at most `concurrency` calls in flight and yields outcomes in the order calls finish", async () => {
    const calls = new Map<number, ReturnType<typeof deferred<ItemResult<string>>>>();
    let inFlight = 0;
    let most = 0;
    const run = runBulk(
      ["a", "b", "c", "d"],
      async (_input, { index }) => {
        inFlight++;
        most = Math.max(most, inFlight);
        const call = deferred<ItemResult<string>>();
        calls.set(index, call);
        const result = await call.promise;
        inFlight--;
        return result;
      },
      { concurrency: 2 },
    );
    const outcomes = collect(run);
    await new Promise((resolve) => setImmediate(resolve));
    expect([...calls.keys()]).toEqual([0, 1]);
    calls.get(1)!.resolve({ data: "B" });
    await new Promise((resolve) => setImmediate(resolve));
    expect([...calls.keys()]).toEqual([0, 1, 2]);
    calls.get(2)!.resolve({ data: "C" });
    calls.get(0)!.resolve({ data: "A" });
    await new Promise((resolve) => setImmediate(resolve));
    calls.get(3)!.resolve({ data: "D" });
    expect((await outcomes).map((outcome) => outcome.index)).toEqual([1, 2, 0, 3]);
    expect(most).toBe(2);
  });

  it("reads an async source lazily: no further ahead than the calls in flight", async () => {
    const read: number[] = [];
    const pending: Array<() => void> = [];
    const run = runBulk(
      asyncNumbers(1000, read),
      (n) => new Promise<ItemResult<number>>((resolve) => pending.push(() => resolve({ data: n }))),
      { concurrency: 3 },
    );
    const first = run.next();
    await new Promise((resolve) => setImmediate(resolve));
    expect(read).toEqual([0, 1, 2]);
    pending.shift()!();
    await first;
    expect(read.length).toBeLessThanOrEqual(4);
    await run.return();
  });

  it("calls the update once per input, whatever it answers: no retries of its own", async () => {
    const calls: number[] = [];
    const outcomes = await collect(runBulk([0, 1, 2], async (n) => (calls.push(n), { error: conflict("no") })));
    expect(calls.sort()).toEqual([0, 1, 2]);
    expect(outcomes.every((outcome) => outcome.error instanceof ConflictError)).toBe(true);
  });

  it("leaves out the inputs `skip` names, keeping every other input's index, and counts them", async () => {
    const sent: number[] = [];
    const progress: BulkProgress[] = [];
    const finished = new Set([0, 2, 3]);
    const outcomes = await collect(
      runBulk(
        ["a", "b", "c", "d", "e"],
        async (input, { index }) => (sent.push(index), { data: input.toUpperCase() }),
        {
          skip: (index) => finished.has(index),
          onProgress: (p) => progress.push({ ...p }),
        },
      ),
    );
    expect(sent.sort()).toEqual([1, 4]);
    expect(byIndex(outcomes).map(({ index, input, data }) => [index, input, data])).toEqual([
      [1, "b", "B"],
      [4, "e", "E"],
    ]);
    expect(progress.at(-1)).toEqual({ done: 2, succeeded: 2, failed: 0, skipped: 3, inFlight: 0 });
  });

  it("reports progress after every outcome", async () => {
    const progress: BulkProgress[] = [];
    await collect(
      runBulk([1, 2, 3], async (n) => (n === 2 ? { error: conflict("two") } : { data: n }), {
        concurrency: 1,
        onProgress: (p) => progress.push({ ...p }),
      }),
    );
    expect(progress.map((p) => [p.done, p.succeeded, p.failed])).toEqual([
      [1, 1, 0],
      [2, 1, 1],
      [3, 2, 1],
    ]);
  });

  it("on abort reads no further input, aborts the calls in flight and still yields their outcomes", async () => {
    const controller = new AbortController();
    const read: number[] = [];
    const started: number[] = [];
    const run = runBulk(
      asyncNumbers(100, read),
      (n, { signal }) => {
        started.push(n);
        return new Promise<ItemResult<number>>((resolve) => {
          if (n === 0) return resolve({ data: 0 });
          signal.addEventListener("abort", () => resolve({ error: conflict(`aborted ${n}`) }));
        });
      },
      { concurrency: 3, signal: controller.signal },
    );
    const outcomes: BulkOutcome<number, number>[] = [];
    for await (const outcome of run) {
      outcomes.push(outcome);
      if (outcome.index === 0) controller.abort(new Error("stop"));
    }
    expect(started).toEqual([0, 1, 2]);
    expect(read.length).toBeLessThanOrEqual(4);
    expect(byIndex(outcomes).map((outcome) => outcome.data ?? outcome.error?.message)).toEqual([
      0,
      "aborted 1",
      "aborted 2",
    ]);
  });

  it("starts nothing when the signal has already aborted", async () => {
    let calls = 0;
    const outcomes = await collect(
      runBulk([1, 2], async (n) => (calls++, { data: n }), { signal: AbortSignal.abort() }),
    );
    expect([calls, outcomes.length]).toEqual([0, 0]);
  });

  it("when the consumer stops early, aborts the calls in flight and closes the source", async () => {
    let closed = false;
    let abortedCalls = 0;
    async function* source() {
      try {
        for (let n = 0; ; n++) yield n;
      } finally {
        closed = true;
      }
    }
    const run = runBulk(
      source(),
      (n, { signal }) =>
        n === 0
          ? Promise.resolve({ data: n })
          : new Promise<ItemResult<number>>((resolve) =>
              signal.addEventListener("abort", () => (abortedCalls++, resolve({ error: conflict("aborted") }))),
            ),
      { concurrency: 4 },
    );
    for await (const outcome of run) {
      expect(outcome.index).toBe(0);
      break;
    }
    expect(closed).toBe(true);
    expect(abortedCalls).toBe(3);
  });

  it("rethrows what the update function throws", async () => {
    await expect(collect(runBulk([1], async () => Promise.reject(new Error("bug"))))).rejects.toThrow("bug");
  });

  it("refuses a concurrency or batch size below 1", async () => {
    await expect(collect(runBulk([1], async (n) => ({ data: n }), { concurrency: 0 }))).rejects.toThrow(RangeError);
    await expect(collect(runBulkBatches([1], async () => [], { batchSize: 0 }))).rejects.toThrow(RangeError);
  });
});

describe("runBulkBatches", () => {
  it("sends `batchSize` inputs per call and gives each input its own outcome", async () => {
    const calls: number[][] = [];
    const outcomes = await collect(
      runBulkBatches(
        asyncNumbers(7),
        async (inputs, { indices }) => {
          calls.push(indices);
          return inputs.map((n) => (n === 4 ? { error: conflict("four") } : { data: `#${n}` }));
        },
        { batchSize: 3, concurrency: 1 },
      ),
    );
    expect(calls).toEqual([[0, 1, 2], [3, 4, 5], [6]]);
    expect(outcomes.map((outcome) => outcome.data ?? outcome.error?.message)).toEqual([
      "#0",
      "#1",
      "#2",
      "#3",
      "four",
      "#5",
      "#6",
    ]);
  });

  it("fills batches around skipped inputs", async () => {
    const calls: number[][] = [];
    await collect(
      runBulkBatches(
        [0, 1, 2, 3, 4, 5],
        async (inputs, { indices }) => (calls.push(indices), inputs.map((n) => ({ data: n }))),
        { batchSize: 2, skip: (i) => i === 1 || i === 2 },
      ),
    );
    expect(calls).toEqual([
      [0, 3],
      [4, 5],
    ]);
  });

  it("refuses an answer with a result count other than the batch's", async () => {
    await expect(collect(runBulkBatches([1, 2], async () => [{ data: 1 }], { batchSize: 2 }))).rejects.toThrow(
      /1 results for 2 inputs/,
    );
  });
});
