// Jest, which loads everything through its own CommonJS module system.
"use strict";
const { writeFileSync } = require("node:fs");
const { run } = require("./scenario.cjs");

test("runtime matrix scenario", async () => {
  const vendors = {
    experience: require("@customer-clients/experience"),
    capillary: require("@customer-clients/capillary"),
    commercelayer: require("@customer-clients/commercelayer"),
    xtrakit: require("@customer-clients/xtrakit"),
    pexip: require("@customer-clients/pexip"),
  };
  const results = await run(
    { core: require("@customer-clients/core"), vendors },
    JSON.parse(process.env.MATRIX_CONFIG),
  );
  writeFileSync(process.env.MATRIX_OUT, JSON.stringify(results));
}, 60_000);
