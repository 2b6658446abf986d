import { describeFaults } from "@customer-clients/test-utils/faults";
import { experienceFaultCase } from "./fault-case.js";

describeFaults(experienceFaultCase());
