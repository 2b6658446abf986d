import { prismGlobalSetup } from "@customer-clients/test-utils";

export default prismGlobalSetup("pexip");
