// Node: the packages require()d, as a CommonJS project loads them.
"use strict";
const { run } = require("./scenario.cjs");

const vendors = Object.fromEntries(
  ["experience", "capillary", "commercelayer", "xtrakit", "pexip"].map((name) => [
    name,
    require(`@customer-clients/${name}`),
  ]),
);
run({ core: require("@customer-clients/core"), vendors }, JSON.parse(process.env.MATRIX_CONFIG)).then((results) => {
  console.log(`MATRIX_RESULT ${JSON.stringify(results)}`);
});
