/** A vitest global setup: a Prism mock of the tested package's spec, its URL provided as `prismUrl`. */
declare const setup: ReturnType<typeof import("./index.js").prismGlobalSetup>;
export default setup;
