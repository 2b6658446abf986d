// The global setup of every vendor package's tests: a Prism mock of the package's own spec.
import { prismGlobalSetup } from "./index.js";

export default prismGlobalSetup();
