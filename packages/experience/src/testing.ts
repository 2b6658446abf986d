// MSW handlers for every operation of Experience's spec, answering its documented examples.
// Import from "@customer-clients/experience/testing"; needs msw 2 (a peer dependency).
import { createMocks, type Mocks, type MockOptions } from "@customer-clients/mock-kit";
import { operations } from "./generated/examples.js";

export type { DocumentedStatus, HandlerOptions, MockOptions, RecordedRequest } from "@customer-clients/mock-kit";

export type ExperienceMocks = Mocks<typeof operations>;

/** Handlers for Experience's API, and helpers to make one answer differently. */
export function createExperienceMocks(options?: MockOptions): ExperienceMocks {
  return createMocks<typeof operations>(operations, options);
}
