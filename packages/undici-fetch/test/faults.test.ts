// The whole fault-injection suite, with a vendor client sending through this transport: every
// failure must come out as the same error class as with fetch.
import { describeFaults } from "@customer-clients/test-utils/faults";
import { afterAll } from "vitest";
import { experienceFaultCase } from "../../experience/test/fault-case.js";
import { createUndiciFetch } from "../src/index.js";

const fetch = createUndiciFetch();
afterAll(() => fetch.close());

describeFaults(experienceFaultCase(fetch));
