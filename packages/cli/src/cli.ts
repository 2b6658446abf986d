#!/usr/bin/env node
import { parseArgs } from "node:util";
import { UsageError } from "./input.js";
import { sync } from "./sync.js";
import { vendors } from "./vendors.js";

const HELP = `customer-clients: update many customers at a vendor, at the rate its documentation allows.

Usage:
  customer-clients sync <vendor> <file> [options]
  customer-clients --help

<vendor> is one of: ${Object.keys(vendors).join(", ")}.

<file> holds one customer update per row:
  NDJSON (.ndjson, .jsonl, anything not .csv): one JSON object per line.
  CSV (.csv): a header row, then one row per customer. A column "a.b" sets a nested field
    { "a": { "b": ... } }. Cells are strings unless the column says otherwise:
    "age:number", "active:boolean", "tags:json". An empty cell leaves the field out.
  For commercelayer, xtrakit and pexip a row is { "id": "<customer id>", ...fields to change }.
  For experience and capillary a row is one customer as the API takes it; several rows go in
  one call (--batch-size).

What sync does:
  1. Checks every row against the vendor's API contract and lists the invalid ones by line.
     Nothing is sent if any row is invalid (unless --skip-invalid). --dry-run stops here.
  2. Sends the rows no earlier run finished, at the vendor's documented rate limits, and
     shows progress on stderr: done, failed, rate, time left.
  3. Writes one JSON line per row to the results file, as each finishes:
       {"index":0,"line":2,"ok":true,"id":"123"}
       {"index":1,"line":3,"ok":false,"error":{"kind":"not_found","status":404,...}}
     "index" counts rows from 0; "line" is the row's line in <file>.
  Exit status: 0 when every row succeeded, 1 when any row failed or was invalid, 2 for a
  usage error, 130 when stopped by Ctrl-C (run the same command again to resume).

Resuming: run the same command again. Rows with a result line in the results file are skipped;
failed rows are sent again only with --retry-failed (an update that failed after reaching the
vendor might have been applied: check before sending it twice).

Ctrl-C once stops reading rows and waits for the calls in flight; twice aborts them.

Credentials: from the environment, or from a JSON file of the same names (--credentials),
which wins over the environment. They are never printed.
${Object.entries(vendors)
  .map(([name, vendor]) => `  ${name}:\n${vendor.settings.map((setting) => `    ${setting}`).join("\n")}`)
  .join("\n")}

Options:
  --results <path>     Results file (default <file>.results.ndjson); "-" writes to stdout
                       and does not resume.
  --format <format>    ndjson or csv (default: from the file's extension).
  --credentials <path> JSON file of credentials, e.g. {"XTRAKIT_API_KEY": "..."}.
  --dry-run            Check the rows and stop.
  --skip-invalid       Send the valid rows; record the invalid ones as failed.
  --retry-failed       When resuming, send the rows that failed before again.
  --batch-size <n>     Customers per call for experience and capillary (default 10).
  --concurrency <n>    Calls under way at once (default twice the requests the vendor allows
                       in flight, or 16). The rate limits still decide when each request starts.
  --limits <variant>   Use another set of the vendor's documented limits: "test" (Commerce
                       Layer test mode), "demo" (Capillary demo clusters).
  --rate <n>/<time>    Override the vendor's rate limit, for an account with another quota,
                       e.g. --rate 600/60s. Repeat for several windows: --rate 200/60s --rate 50/10s.
  --max-in-flight <n>  Override how many requests may be in flight at once.
  --base-url <url>     Send to another host (a sandbox, a proxy, a mock server).
  --quiet              No progress line.
  -h, --help           This text.
`;

/** The command line, as `parseArgs` reads it; throws on an unknown or malformed option. */
function readArgs(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      results: { type: "string" },
      format: { type: "string" },
      credentials: { type: "string" },
      "dry-run": { type: "boolean" },
      "skip-invalid": { type: "boolean" },
      "retry-failed": { type: "boolean" },
      "batch-size": { type: "string" },
      concurrency: { type: "string" },
      limits: { type: "string" },
      rate: { type: "string", multiple: true },
      "max-in-flight": { type: "string" },
      "base-url": { type: "string" },
      quiet: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
}

export async function main(argv: string[]): Promise<number> {
  let parsed: ReturnType<typeof readArgs>;
  try {
    parsed = readArgs(argv);
  } catch (error) {
    return usage((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help || positionals.length === 0) {
    process.stdout.write(HELP);
    return values.help ? 0 : 2;
  }
  const [command, vendor, file, ...rest] = positionals;
  if (command !== "sync") return usage(`unknown command ${JSON.stringify(command)}`);
  if (!vendor || !file || rest.length > 0) return usage("sync takes a vendor and a file");

  const stop = new AbortController();
  const abort = new AbortController();
  const onInterrupt = () => {
    if (!stop.signal.aborted) {
      process.stderr.write(
        "\nStopping: no more rows are read; waiting for the calls in flight (Ctrl-C again aborts them).\n",
      );
      stop.abort();
    } else abort.abort(new Error("interrupted"));
  };
  process.on("SIGINT", onInterrupt);
  try {
    return await sync(
      {
        vendor,
        file,
        results: values.results,
        format: values.format,
        credentials: values.credentials,
        dryRun: values["dry-run"],
        skipInvalid: values["skip-invalid"],
        retryFailed: values["retry-failed"],
        batchSize: count(values["batch-size"], "--batch-size"),
        concurrency: count(values.concurrency, "--concurrency"),
        maxInFlight: count(values["max-in-flight"], "--max-in-flight"),
        limits: values.limits,
        rates: values.rate,
        baseUrl: values["base-url"],
        quiet: values.quiet,
      },
      { stdout: process.stdout, stderr: process.stderr, env: process.env, stop: stop.signal, abort: abort.signal },
    );
  } catch (error) {
    if (error instanceof UsageError) return usage(error.message);
    throw error;
  } finally {
    process.off("SIGINT", onInterrupt);
  }
}

function count(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) throw new UsageError(`${name} must be a whole number of at least 1`);
  return number;
}

function usage(message: string): number {
  process.stderr.write(`customer-clients: ${message}\nRun "customer-clients --help" for usage.\n`);
  return 2;
}

process.exitCode = await main(process.argv.slice(2));
