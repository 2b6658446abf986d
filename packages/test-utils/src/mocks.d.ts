import type { HttpHandler } from "msw";

export interface DocumentedCase {
  operation: string;
  /** The status to ask for: the documented code, or one code of a documented range. */
  status: number;
  /** The response entry in the spec: "200", "4XX"... */
  key: string;
  /** The example's name, undefined when the response documents none. */
  example: string | undefined;
}

/** Every (operation, status, example) a vendor's generated examples document. */
export function documentedCases(operations: Record<string, { responses: Record<string, { examples: Record<string, unknown> }> }>): DocumentedCase[];

/** A request that the operation's handler matches: path parameters filled in, on an example host. */
export function requestFor(operation: { method: string; path: string; server: string | null }): Request;

/**
 * Checks responses against a bundled spec (packages/specs/dist/<vendor>.json) with JSON Schema
 * 2020-12: the media type, the body against its schema, documented headers against theirs.
 */
export function specChecker(vendor: string): {
  /** Problems found, [] when the response is what the spec documents for `key`. */
  check(operationId: string, key: string, response: Response): Promise<string[]>;
};

export type { HttpHandler };
