import type { ApiError } from "./errors.js";

/** What happened to one input: its position in the input, the input, and the data or the error. */
export type BulkOutcome<I, T> =
  | { index: number; input: I; data: T; error?: undefined }
  | { index: number; input: I; data?: undefined; error: ApiError };

/** One input's result as an update function returns it (a client call's `Result` fits). */
export type ItemResult<T> = { data: T; error?: undefined } | { data?: undefined; error: ApiError };

export interface BulkProgress {
  /** Inputs with an outcome: `succeeded + failed`. */
  done: number;
  succeeded: number;
  failed: number;
  /** Inputs left out because `skip` said a previous run finished them. */
  skipped: number;
  /** Inputs sent and not yet answered. */
  inFlight: number;
}

export interface BulkOptions {
  /** Calls in flight at once (each call carries `batchSize` inputs). The client's rate limiter still decides when each request starts. Default 8. */
  concurrency?: number;
  /** Stops reading inputs; calls in flight get the signal, and their outcomes are still yielded. */
  signal?: AbortSignal;
  /** Inputs to leave out by index, e.g. those a previous run's results show as finished. */
  skip?: (index: number) => boolean;
  /** Called after every outcome and every skipped input. */
  onProgress?: (progress: Readonly<BulkProgress>) => void;
}

export interface BatchOptions extends BulkOptions {
  /** Inputs per call. Default 1. */
  batchSize?: number;
}

export type BulkInput<I> = Iterable<I> | AsyncIterable<I>;

/** Sends one input; `signal` aborts when the run stops. */
export type UpdateOne<I, T> = (input: I, context: { index: number; signal: AbortSignal }) => Promise<ItemResult<T>>;
/** Sends several inputs in one call and answers one result per input, in input order. */
export type UpdateBatch<I, T> = (
  inputs: I[],
  context: { indices: number[]; signal: AbortSignal },
) => Promise<readonly ItemResult<T>[]>;

/**
 * Runs `update` for every input with at most `concurrency` calls in flight, reading the input
 * lazily (an async iterable streams through in constant memory), and yields one outcome per
 * input that was sent. Outcomes come in the order calls finish, each with its input's `index`.
 *
 * Nothing is retried here: retries are the client's, under its policy (an update that is not
 * idempotent is not retried once it may have reached the server). On abort no further input is
 * read; the outcomes of calls in flight are yielded, and the run ends. Resume a run by passing
 * `skip` with the indices the previous run finished. An exception thrown by `update` is a bug,
 * not an outcome: it ends the run and is rethrown.
 */
export function runBulk<I, T>(
  items: BulkInput<I>,
  update: UpdateOne<I, T>,
  options: BulkOptions = {},
): AsyncGenerator<BulkOutcome<I, T>, void, undefined> {
  return runBulkBatches(
    items,
    async ([input], { indices: [index], signal }) => [await update(input as I, { index: index!, signal })],
    { ...options, batchSize: 1 },
  );
}

/** `runBulk` for an API that takes several inputs per call: `batchSize` inputs go in each call, and each input still gets its own outcome. */
export async function* runBulkBatches<I, T>(
  items: BulkInput<I>,
  update: UpdateBatch<I, T>,
  options: BatchOptions = {},
): AsyncGenerator<BulkOutcome<I, T>, void, undefined> {
  const { concurrency = 8, batchSize = 1, signal, skip, onProgress } = options;
  if (!(Number.isInteger(concurrency) && concurrency >= 1))
    throw new RangeError("bulk: concurrency must be an integer of at least 1");
  if (!(Number.isInteger(batchSize) && batchSize >= 1))
    throw new RangeError("bulk: batchSize must be an integer of at least 1");

  // Ends calls in flight when the caller aborts, and when the consumer stops iterating early.
  const stop = new AbortController();
  const controllers = new Set<AbortController>();
  stop.signal.addEventListener("abort", () => {
    for (const controller of controllers) controller.abort(stop.signal.reason);
  });
  const onAbort = () => stop.abort(signal!.reason);
  if (signal?.aborted) onAbort();
  else signal?.addEventListener("abort", onAbort, { once: true });

  const source =
    Symbol.asyncIterator in items ? items[Symbol.asyncIterator]() : (items as Iterable<I>)[Symbol.iterator]();
  const progress: BulkProgress = { done: 0, succeeded: 0, failed: 0, skipped: 0, inFlight: 0 };
  type Batch = { indices: number[]; inputs: I[] };
  type Settled = { id: number; batch: Batch; results?: readonly ItemResult<T>[]; thrown?: unknown };
  const running = new Map<number, Promise<Settled>>();
  let nextIndex = 0;
  let nextId = 0;
  let exhausted = false;

  async function readBatch(): Promise<Batch | undefined> {
    const batch: Batch = { indices: [], inputs: [] };
    while (batch.inputs.length < batchSize && !stop.signal.aborted) {
      const step = await source.next();
      if (step.done) {
        exhausted = true;
        break;
      }
      const index = nextIndex++;
      if (skip?.(index)) {
        progress.skipped++;
        onProgress?.(progress);
        continue;
      }
      batch.indices.push(index);
      batch.inputs.push(step.value);
    }
    return batch.inputs.length > 0 ? batch : undefined;
  }

  try {
    for (;;) {
      while (!exhausted && !stop.signal.aborted && running.size < concurrency) {
        const batch = await readBatch();
        if (!batch) break;
        const id = nextId++;
        progress.inFlight += batch.inputs.length;
        // Each call gets its own signal, so that the run's signal holds one listener however many calls run.
        const callController = new AbortController();
        controllers.add(callController);
        const call = Promise.resolve()
          .then(() => update(batch.inputs, { indices: batch.indices, signal: callController.signal }))
          .finally(() => controllers.delete(callController))
          .then(
            (results): Settled => ({ id, batch, results }),
            (thrown: unknown): Settled => ({ id, batch, thrown }),
          );
        running.set(id, call);
      }
      if (running.size === 0) return;

      const settled = await Promise.race(running.values());
      running.delete(settled.id);
      const { batch, results } = settled;
      if (!results) throw settled.thrown;
      if (!Array.isArray(results) || results.length !== batch.inputs.length) {
        throw new TypeError(
          `bulk: the update function answered ${Array.isArray(results) ? results.length : "no array of"} results for ${batch.inputs.length} inputs`,
        );
      }
      progress.inFlight -= batch.inputs.length;
      for (let k = 0; k < batch.inputs.length; k++) {
        const result = results[k]!;
        const index = batch.indices[k]!;
        const input = batch.inputs[k]!;
        progress.done++;
        if (result.error) progress.failed++;
        else progress.succeeded++;
        onProgress?.(progress);
        yield result.error ? { index, input, error: result.error } : { index, input, data: result.data as T };
      }
    }
  } finally {
    signal?.removeEventListener("abort", onAbort);
    if (running.size > 0) stop.abort(new Error("bulk: the run ended before these calls finished"));
    await source.return?.();
  }
}

/** The bulk method every client has next to its update calls. */
export interface BulkUpdates<I, T, O extends BulkOptions = BulkOptions> {
  /**
   * Updates many customers, read lazily from an array, an iterable or an async iterable, at the
   * limits this client keeps (its `rateLimits`, or the `rateLimiter` option), sharing them with
   * its other calls: one outcome per item, in the order calls finish, each with its item's
   * `index`. Nothing is retried beyond the client's own retry policy.
   */
  updateCustomersBulk(items: BulkInput<I>, options?: O): AsyncGenerator<BulkOutcome<I, T>, void, undefined>;
}

/** A client's `updateCustomersBulk` over its one-item update (see `runBulk`); `update` sends one item. */
export function bulkUpdates<I, T>(update: (item: I, signal: AbortSignal) => Promise<ItemResult<T>>): BulkUpdates<I, T> {
  return {
    updateCustomersBulk: (items, options) => runBulk(items, (item, { signal }) => update(item, signal), options),
  };
}

/**
 * A client's `updateCustomersBulk` for an API that takes several items per call (see
 * `runBulkBatches`): `update` sends one batch and answers one result per item, in item order;
 * `batchSize` defaults to `defaultBatchSize`. Options beyond `BatchOptions` go to every call.
 */
export function batchBulkUpdates<I, T, O extends BatchOptions = BatchOptions>(
  update: (batch: I[], signal: AbortSignal, options: Omit<O, keyof BatchOptions>) => Promise<readonly ItemResult<T>[]>,
  defaultBatchSize: number,
): BulkUpdates<I, T, O> {
  return {
    updateCustomersBulk(items, options) {
      const {
        concurrency,
        batchSize = defaultBatchSize,
        signal,
        skip,
        onProgress,
        ...callOptions
      } = options ?? ({} as O);
      return runBulkBatches(items, (batch, context) => update(batch, context.signal, callOptions), {
        concurrency,
        batchSize,
        signal,
        skip,
        onProgress,
      });
    },
  };
}
