// MSW handlers for every operation of Commerce Layer's spec, answering its documented examples.
// Import from "@customer-clients/commercelayer/testing"; needs msw 2 (a peer dependency).
import { createMocks, type Mocks, type MockOptions } from "@customer-clients/mock-kit";
import { operations } from "./generated/examples.js";

export type { DocumentedStatus, HandlerOptions, MockOptions, RecordedRequest } from "@customer-clients/mock-kit";

export type CommerceLayerMocks = Mocks<typeof operations>;

/** Handlers for Commerce Layer's API, and helpers to make one answer differently. */
export function createCommerceLayerMocks(options?: MockOptions): CommerceLayerMocks {
  return createMocks<typeof operations>(operations, options);
}
