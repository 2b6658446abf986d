// Core is re-exported here, as a nested `export *` of another package defeats bundlers' tree shaking.
export * from "@customer-clients/core";
export * from "./generated/index.js";
export * from "./errors.js";
export * from "./client.js";
