// `customer-clients sync <vendor> <file>`: check every row, then send them at the vendor's
// documented rate, one result line per row, resuming from the results of an earlier run.
import { once } from "node:events";
import { closeSync, createWriteStream, existsSync, openSync, readFileSync, readSync, statSync } from "node:fs";
import { createRateLimiter, type ApiError, type FetchLike, type RateWindow } from "@customer-clients/core";
import { formatOf, readRows, UsageError, type InputFormat } from "./input.js";
import { progressLine } from "./progress.js";
import { errorSummary, finishedIndices, IndexSet, type ResultLine } from "./results.js";
import { vendors, type Item, type Settings, type Vendor } from "./vendors.js";

export interface SyncOptions {
  vendor: string;
  file: string;
  format?: string;
  results?: string;
  credentials?: string;
  dryRun?: boolean;
  skipInvalid?: boolean;
  retryFailed?: boolean;
  concurrency?: number;
  batchSize?: number;
  maxInFlight?: number;
  rates?: string[];
  limits?: string;
  baseUrl?: string;
  quiet?: boolean;
}

export interface Io {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WriteStream;
  env: Record<string, string | undefined>;
  /** The fetch the clients send with; default the global one. */
  fetch?: FetchLike;
  /** Aborts the calls in flight (a second Ctrl-C). */
  abort?: AbortSignal;
  /** Stops reading rows and lets the calls in flight finish (a first Ctrl-C). */
  stop?: AbortSignal;
}

/** Calls under way at once for a vendor that documents no limit on requests in flight. */
const DEFAULT_CONCURRENCY = 16;
/** How many invalid rows are listed before the rest are only counted. */
const INVALID_SHOWN = 20;

export async function sync(options: SyncOptions, io: Io): Promise<number> {
  const found = vendors[options.vendor];
  if (!found)
    throw new UsageError(`unknown vendor ${JSON.stringify(options.vendor)}: one of ${Object.keys(vendors).join(", ")}`);
  const vendor: Vendor = found;
  if (!existsSync(options.file)) throw new UsageError(`no such file: ${options.file}`);
  const format = formatOf(options.file, options.format);
  const batchSize = options.batchSize ?? (vendor.batches ? 10 : 1);
  if (batchSize > 1 && !vendor.batches)
    throw new UsageError(`${options.vendor} takes one customer per call: --batch-size must be 1`);
  const say = (message: string) => io.stderr.write(`${message}\n`);

  // Credentials are read before anything else, so that a missing one stops the run at once.
  const settings = readSettings(options.credentials, io.env);
  const limits = limitsFor(vendor, options);
  const limiter = createRateLimiter(limits);
  const bulk = options.dryRun
    ? undefined
    : vendor.connect(settings, {
        rateLimiter: limiter,
        ...(io.fetch ? { fetch: io.fetch } : {}),
        ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
      });

  // 1. Every row is checked against the spec before anything is sent.
  const check = await checkRows(vendor, options.file, format);
  if (check.invalid.size > 0) {
    for (const { line, message } of check.shown) say(`line ${line}: ${message}`);
    if (check.invalid.size > check.shown.length)
      say(`... and ${check.invalid.size - check.shown.length} more invalid rows`);
  }
  say(`${check.total} rows, ${check.total - check.invalid.size} valid, ${check.invalid.size} invalid`);
  if (options.dryRun) return check.invalid.size > 0 ? 1 : 0;
  if (check.invalid.size > 0 && !options.skipInvalid) {
    say(
      "Nothing was sent. Fix the rows above, or pass --skip-invalid to send the valid rows and record the others as failed.",
    );
    return 1;
  }

  // 2. Rows a previous run finished are skipped.
  const resultsPath = options.results ?? `${options.file}.results.ndjson`;
  const toStdout = resultsPath === "-";
  const previous = toStdout
    ? undefined
    : await finishedIndices(resultsPath, { retryFailed: options.retryFailed === true });
  const finished = previous?.finished ?? new IndexSet();
  if (previous && previous.succeeded + previous.failed > 0) {
    say(
      `Resuming from ${resultsPath}: ${previous.succeeded} rows done before, ${previous.failed} failed before${options.retryFailed ? " (sent again)" : " (not sent again; --retry-failed sends them)"}`,
    );
  }

  // 3. Send, writing one result line per row as outcomes arrive.
  const out = toStdout ? io.stdout : createWriteStream(resultsPath, { flags: "a" });
  // A run killed mid-write leaves a line without its end: the next line must not join it.
  if (!toStdout && endsMidLine(resultsPath)) out.write("\n");
  const write = async (result: ResultLine) => {
    if (!out.write(`${JSON.stringify(result)}\n`)) await once(out, "drain");
  };
  const lines = new Map<number, number>();
  let invalidRecorded = 0;
  async function* items(): AsyncGenerator<Item> {
    let index = -1;
    for await (const row of readRows(options.file, format)) {
      index++;
      if (io.stop?.aborted) return;
      if (finished.has(index)) {
        yield {};
        continue;
      }
      if (check.invalid.has(index)) {
        const problem = row.problem ?? (row.value ? itemProblem(vendor, row.value) : undefined) ?? "invalid row";
        await write({
          index,
          line: row.line,
          ok: false,
          error: { kind: "invalid_request", message: problem } as ResultLine["error"],
        });
        invalidRecorded++;
        yield {};
        continue;
      }
      lines.set(index, row.line);
      yield (vendor.item(row.value!) as { item: Item }).item;
    }
  }

  const progress = options.quiet
    ? undefined
    : progressLine(io.stderr, Math.max(0, check.total - finished.size - check.invalid.size));
  let failed = 0;
  let succeeded = 0;
  let last = { done: 0, succeeded: 0, failed: 0, skipped: 0, inFlight: 0 };
  const outcomes = bulk!(items(), {
    batchSize,
    // Twice the requests the vendor takes at once, so that one is always ready when a turn frees.
    concurrency: options.concurrency ?? (limits.concurrency ? 2 * limits.concurrency : DEFAULT_CONCURRENCY),
    signal: io.abort,
    skip: (index) => finished.has(index) || check.invalid.has(index),
    onProgress(p) {
      last = { ...p };
      progress?.update(p);
    },
  });
  for await (const outcome of outcomes) {
    const line = lines.get(outcome.index) ?? 0;
    lines.delete(outcome.index);
    const id = !vendor.batches && typeof outcome.input.id === "string" ? outcome.input.id : undefined;
    if (outcome.error) failed++;
    else succeeded++;
    await write({
      index: outcome.index,
      line,
      ok: !outcome.error,
      ...(id ? { id } : {}),
      ...(outcome.error ? { error: errorSummary(outcome.error as ApiError) } : {}),
    });
  }
  progress?.finish(last);
  if (!toStdout) {
    (out as ReturnType<typeof createWriteStream>).end();
    await once(out, "finish");
  }

  const interrupted = io.stop?.aborted || io.abort?.aborted;
  say(
    `${succeeded} updated, ${failed + invalidRecorded} failed${last.skipped - invalidRecorded > 0 ? `, ${last.skipped - invalidRecorded} skipped (done before)` : ""}${interrupted ? ", stopped before the end (run again to resume)" : ""}. Results: ${toStdout ? "stdout" : resultsPath}`,
  );
  if (interrupted) return 130;
  return failed + invalidRecorded > 0 ? 1 : 0;
}

/** Credentials and settings: the --credentials file (a JSON object of the same names) wins over the environment. */
function readSettings(path: string | undefined, env: Record<string, string | undefined>): Settings {
  let file: Record<string, unknown> = {};
  if (path) {
    try {
      file = JSON.parse(readFileSync(path, "utf8"));
    } catch (error) {
      // The file's content is never shown: it holds secrets.
      throw new UsageError(
        `--credentials ${path}: not a readable JSON object (${(error as NodeJS.ErrnoException).code ?? "invalid JSON"})`,
      );
    }
    if (file === null || typeof file !== "object" || Array.isArray(file))
      throw new UsageError(`--credentials ${path}: expected a JSON object of names and values`);
  }
  return (name) => {
    const value = file[name];
    return typeof value === "string" ? value : env[name];
  };
}

/** The limiter's settings: the spec's limits (or one of its variants), with any override. */
function limitsFor(vendor: Vendor, options: SyncOptions): { concurrency?: number; windows: RateWindow[] } {
  let base: { concurrency?: number; windows: readonly RateWindow[] } = vendor.limits;
  if (options.limits) {
    const variant = vendor.limits.variants?.[options.limits];
    if (!variant)
      throw new UsageError(
        `--limits ${options.limits}: this vendor's spec names ${Object.keys(vendor.limits.variants ?? {}).join(", ") || "no variants"}`,
      );
    base = { concurrency: vendor.limits.concurrency, ...variant };
  }
  const windows = options.rates && options.rates.length > 0 ? options.rates.map(parseRate) : [...base.windows];
  const concurrency = options.maxInFlight ?? base.concurrency;
  return { ...(concurrency === undefined ? {} : { concurrency }), windows };
}

/** `300/60s`, `50/10s`, `5/1s`: requests per window. */
export function parseRate(text: string): RateWindow {
  const match = /^(\d+)\/(\d+(?:\.\d+)?)(ms|s|m)$/.exec(text.trim());
  if (!match) throw new UsageError(`--rate ${JSON.stringify(text)}: expected requests/window, e.g. 300/60s or 50/10s`);
  const unit = { ms: 1, s: 1000, m: 60_000 }[match[3] as "ms" | "s" | "m"];
  const window = { limit: Number(match[1]), intervalMs: Number(match[2]) * unit };
  if (window.limit < 1 || window.intervalMs <= 0)
    throw new UsageError(`--rate ${JSON.stringify(text)}: needs at least 1 request in a window longer than 0`);
  return window;
}

function endsMidLine(path: string): boolean {
  if (!existsSync(path)) return false;
  const size = statSync(path).size;
  if (size === 0) return false;
  const last = Buffer.alloc(1);
  const fd = openSync(path, "r");
  try {
    readSync(fd, last, 0, 1, size - 1);
  } finally {
    closeSync(fd);
  }
  return last[0] !== 0x0a;
}

function itemProblem(vendor: Vendor, row: Record<string, unknown>): string | undefined {
  return vendor.item(row).problem;
}

/**
 * Checks every row as the client would before sending it: through a client with placeholder
 * credentials whose fetch only notes that the request got that far. A row the client refuses
 * is invalid, with the client's reasons.
 */
/** Rows checked between two turns of the event loop. */
const YIELD_EVERY_ROWS = 1000;

async function checkRows(vendor: Vendor, file: string, format: InputFormat) {
  const invalid = new IndexSet();
  const shown: Array<{ line: number; message: string }> = [];
  let total = 0;
  let reached = false;
  const checker = vendor.connect((name) => vendor.placeholder[name], {
    maxRetries: 0,
    // Nothing is sent, so nothing waits for the vendor's limits (a client keeps them by default).
    rateLimiter: { acquire: async () => () => undefined },
    fetch: async () => {
      reached = true;
      throw new Error("checked, not sent");
    },
  });
  const report = (index: number, line: number, message: string) => {
    invalid.add(index);
    if (shown.length < INVALID_SHOWN) shown.push({ line, message });
  };

  let index = -1;
  for await (const row of readRows(file, format)) {
    index++;
    total++;
    if (row.problem !== undefined) {
      report(index, row.line, row.problem);
      continue;
    }
    const made = vendor.item(row.value);
    if (made.problem !== undefined) {
      report(index, row.line, made.problem);
      continue;
    }
    reached = false;
    let error: ApiError | undefined;
    for await (const outcome of checker([made.item], {})) error = outcome.error;
    if (!reached) report(index, row.line, describe(error));
    // Checking sends nothing, so it never waits on the network: give the event loop a turn now and
    // then, or what a runtime frees on its own turns (fetch's request signals) piles up.
    if (index % YIELD_EVERY_ROWS === 0) await new Promise((resolve) => setImmediate(resolve));
  }
  return { invalid, shown, total };
}

function describe(error: ApiError | undefined): string {
  if (!error) return "refused by the client";
  if (error.details.length === 0) return error.message;
  return error.details.map((detail) => detail.message).join("; ");
}
