export { default } from "@customer-clients/test-utils/prism-setup";
