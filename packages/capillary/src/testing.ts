// MSW handlers for every operation of Capillary's spec, answering its documented examples.
// Import from "@customer-clients/capillary/testing"; needs msw 2 (a peer dependency).
import { createMocks, type Mocks, type MockOptions } from "@customer-clients/mock-kit";
import { operations } from "./generated/examples.js";

export type { DocumentedStatus, HandlerOptions, MockOptions, RecordedRequest } from "@customer-clients/mock-kit";

export type CapillaryMocks = Mocks<typeof operations>;

/** Handlers for Capillary's API, and helpers to make one answer differently. */
export function createCapillaryMocks(options?: MockOptions): CapillaryMocks {
  return createMocks<typeof operations>(operations, options);
}
