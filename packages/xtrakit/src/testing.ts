// MSW handlers for every operation of Xtrakit's spec, answering its documented examples.
// Import from "@customer-clients/xtrakit/testing"; needs msw 2 (a peer dependency).
import { createMocks, type Mocks, type MockOptions } from "@customer-clients/mock-kit";
import { operations } from "./generated/examples.js";

export type { DocumentedStatus, HandlerOptions, MockOptions, RecordedRequest } from "@customer-clients/mock-kit";

export type XtrakitMocks = Mocks<typeof operations>;

/** Handlers for Xtrakit's API, and helpers to make one answer differently. */
export function createXtrakitMocks(options?: MockOptions): XtrakitMocks {
  return createMocks<typeof operations>(operations, options);
}
