// Jest, which loads everything through its own CommonJS module system.
"use strict";
const { writeFileSync } = require("node:fs");
const { run } = require("./scenario.cjs");

test("runtime matrix scenario", async () => {
  const vendors = require("./vendors.cjs");
  const results = await run(
    { core: require("@customer-clients/core"), vendors },
    JSON.parse(process.env.MATRIX_CONFIG),
  );
  writeFileSync(process.env.MATRIX_OUT, JSON.stringify(results));
}, 60_000);
