// Reads a file of rows, one at a time, so that memory stays flat however long the file is.
import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import { parse } from "csv-parse";

export type InputFormat = "ndjson" | "csv";

/** One row of the file: the object it holds, or why it holds none. `line` is where the row ends, from 1. */
export type Row =
  | { line: number; value: Record<string, unknown>; problem?: undefined }
  | { line: number; value?: undefined; problem: string };

export function formatOf(path: string, format?: string): InputFormat {
  if (format === "ndjson" || format === "csv") return format;
  if (format !== undefined) throw new UsageError(`--format must be ndjson or csv, not ${JSON.stringify(format)}`);
  return /\.csv$/i.test(path) ? "csv" : "ndjson";
}

/** A mistake in how the command was called: reported with a pointer to --help. */
export class UsageError extends Error {}

export function readRows(path: string, format: InputFormat): AsyncIterable<Row> {
  return format === "csv" ? readCsv(path) : readNdjson(path);
}

async function* readNdjson(path: string): AsyncGenerator<Row> {
  const lines = createInterface({
    input: createReadStream(path, { encoding: "utf8" }),
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  let line = 0;
  for await (const text of lines) {
    line++;
    if (text.trim() === "") continue;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      yield { line, problem: `not valid JSON (${(error as Error).message})` };
      continue;
    }
    if (value === null || typeof value !== "object" || Array.isArray(value))
      yield { line, problem: "expected a JSON object" };
    else yield { line, value: value as Record<string, unknown> };
  }
}

/**
 * CSV with a header row. A column `a.b` sets `{ a: { b } }`; a cell is a string unless its
 * column says otherwise: `age:number`, `active:boolean`, `tags:json`. An empty cell is left out.
 */
async function* readCsv(path: string): AsyncGenerator<Row> {
  const parser = createReadStream(path).pipe(
    parse({ bom: true, skip_empty_lines: true, relax_column_count: false, info: true }),
  );
  let columns: Column[] | undefined;
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      if (!columns) {
        columns = record.map(parseColumn);
        continue;
      }
      yield rowOf(record, columns, info.lines);
    }
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? 0;
    yield { line, problem: `the CSV cannot be read past this line (${(error as Error).message})` };
  }
}

interface Column {
  path: string[];
  type: "string" | "number" | "boolean" | "json";
  name: string;
}

function parseColumn(header: string): Column {
  const [name = "", type = "string"] = header.trim().split(":");
  if (type !== "string" && type !== "number" && type !== "boolean" && type !== "json")
    throw new UsageError(
      `CSV column ${JSON.stringify(header)}: the type after ":" must be string, number, boolean or json`,
    );
  return { name, path: name.split("."), type };
}

function rowOf(record: string[], columns: Column[], line: number): Row {
  const value: Record<string, unknown> = {};
  for (let k = 0; k < columns.length; k++) {
    const cell = record[k] ?? "";
    if (cell === "") continue;
    const column = columns[k]!;
    const converted = convert(cell, column.type);
    if (converted === undefined)
      return { line, problem: `column ${column.name}: ${JSON.stringify(cell)} is not a ${column.type}` };
    let target = value;
    for (const key of column.path.slice(0, -1)) {
      target[key] ??= {};
      target = target[key] as Record<string, unknown>;
    }
    target[column.path.at(-1)!] = converted;
  }
  return { line, value };
}

function convert(cell: string, type: Column["type"]): unknown {
  switch (type) {
    case "string":
      return cell;
    case "number":
      return /^\s*-?\d+(\.\d+)?([eE][-+]?\d+)?\s*$/.test(cell) ? Number(cell) : undefined;
    case "boolean":
      return cell === "true" ? true : cell === "false" ? false : undefined;
    case "json":
      try {
        return JSON.parse(cell);
      } catch {
        return undefined;
      }
  }
}
