import type { HttpHandler } from "msw";
import type { SetupServerApi } from "msw/node";

export interface DocumentedCase<Operation extends string = string> {
  operation: Operation;
  /** The status to ask for: the documented code, or one code of a documented range. */
  status: number;
  /** The response entry in the spec: "200", "4XX"... */
  key: string;
  /** The example's name, undefined when the response documents none. */
  example: string | undefined;
}

/** Every (operation, status, example) a vendor's generated examples document. */
export function documentedCases<
  Operations extends Record<string, { responses: Record<string, { examples: Record<string, unknown> }> }>,
>(operations: Operations): DocumentedCase<keyof Operations & string>[];

/** A mocks object's `reply`, loosened for a table of cases that the types cannot follow one by one. */
export type AnyReply = (operation: string, status: number, options?: { example?: string | undefined }) => HttpHandler;

/** A request that the operation's handler matches: path parameters filled in, on an example host. */
export function requestFor(operation: { method: string; path: string; server: string | null }): Request;

/**
 * Checks responses against a bundled spec (packages/specs/dist/<vendor>.json) with JSON Schema
 * 2020-12: the media type, the body against its schema, documented headers against theirs.
 */
export function specChecker(vendor: string): {
  /** Whether the spec has the operation. */
  has(operationId: string): boolean;
  /** Problems found, [] when the response is what the spec documents for `key`. */
  check(operationId: string, key: string, response: Response): Promise<string[]>;
};

/** Registers the tests every vendor's mocks pass (see mocks.js). Call at the top level of a test file. */
export function cannedAnswerSuite(options: {
  vendor: string;
  operations: Record<
    string,
    {
      method: string;
      path: string;
      server: string | null;
      responses: Record<string, { contentType: string | null; examples: Record<string, unknown> }>;
    }
  >;
  /** A vendor's mocks (`create<Vendor>Mocks()`); the suite calls its helpers with every documented case. */
  mocks: object;
  server: { use(...handlers: HttpHandler[]): void };
}): void;

/**
 * Starts an MSW server with the mocks' handlers for the file (unhandled requests fail), resets
 * handlers and recorded requests after each test, and registers `cannedAnswerSuite`. Call at the
 * top level of a test file; returns the server for `server.use(...)`.
 */
export function useVendorMocks(options: {
  vendor: string;
  operations: Parameters<typeof cannedAnswerSuite>[0]["operations"];
  mocks: { handlers: HttpHandler[]; clearRequests(): void };
}): SetupServerApi;

export type { HttpHandler };
