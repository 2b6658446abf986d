// The results file: one JSON line per input, appended as outcomes arrive, read back to resume.
import { createReadStream, existsSync } from "node:fs";
import { createInterface } from "node:readline";
import type { ApiError } from "@customer-clients/core";

export interface ResultLine {
  /** Position of the row among the file's rows, from 0. */
  index: number;
  /** Line of the input file where the row ends. */
  line: number;
  ok: boolean;
  /** The customer's id, for vendors that address customers by id. */
  id?: string;
  error?: ReturnType<typeof errorSummary>;
}

/** The error's fields a person or a script needs, without the response body. */
export function errorSummary(error: ApiError) {
  return {
    kind: error.kind,
    status: error.status,
    code: error.code,
    message: error.message,
    requestId: error.requestId,
    retryable: error.retryable,
    ...(error.details.length > 0 ? { details: error.details } : {}),
  };
}

/** A set of row indices in one bit each: a million rows take 125 kB. */
export class IndexSet {
  private bits = new Uint8Array(1024);
  size = 0;
  add(index: number) {
    const byte = index >> 3;
    if (byte >= this.bits.length) {
      const grown = new Uint8Array(Math.max(this.bits.length * 2, byte + 1));
      grown.set(this.bits);
      this.bits = grown;
    }
    const mask = 1 << (index & 7);
    if (!(this.bits[byte]! & mask)) this.size++;
    this.bits[byte]! |= mask;
  }
  has(index: number) {
    return ((this.bits[index >> 3] ?? 0) & (1 << (index & 7))) !== 0;
  }
}

/** The indices a previous run finished: every one with a result, or only the successes when failed rows are to be sent again. */
export async function finishedIndices(
  path: string,
  { retryFailed }: { retryFailed: boolean },
): Promise<{ finished: IndexSet; succeeded: number; failed: number }> {
  const finished = new IndexSet();
  let succeeded = 0;
  let failed = 0;
  if (!existsSync(path)) return { finished, succeeded, failed };
  const lines = createInterface({
    input: createReadStream(path, { encoding: "utf8" }),
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  for await (const text of lines) {
    if (text.trim() === "") continue;
    let result: Partial<ResultLine>;
    try {
      result = JSON.parse(text);
    } catch {
      // A line cut short when a run was killed mid-write: that row is sent again.
      continue;
    }
    if (typeof result.index !== "number") continue;
    if (result.ok) succeeded++;
    else failed++;
    if (result.ok || !retryFailed) finished.add(result.index);
  }
  return { finished, succeeded, failed };
}
