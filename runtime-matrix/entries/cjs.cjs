// Node: the packages require()d, as a CommonJS project loads them.
"use strict";
const { run } = require("./scenario.cjs");
const vendors = require("./vendors.cjs");

run({ core: require("@customer-clients/core"), vendors }, JSON.parse(process.env.MATRIX_CONFIG)).then((results) => {
  console.log(`MATRIX_RESULT ${JSON.stringify(results)}`);
});
