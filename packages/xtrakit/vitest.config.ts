export { vendorConfig as default } from "../../vitest.shared.js";
