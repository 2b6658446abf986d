// The one scenario every runtime runs: for each vendor a success call and a normalised-error call
// against the loopback server, plus invalid input, retries, a refused connection, a timeout and
// an abort. No imports: each runtime's entry loads the packages its own way and passes them in.
// Returns [{ check, ok, detail }] as plain JSON, so that it crosses worker and VM boundaries.

/**
 * Per vendor of the workspace: its client with test credentials, a valid and an invalid call, and
 * the credentials an error must not show. Written per vendor, as each client shapes its options
 * and input; scripts/check-consistency.mjs names a vendor without an entry.
 */
const VENDORS = {
  experience: {
    create: (m, baseUrl, options) =>
      m.createExperienceClient({
        baseUrl,
        partnerToken: "matrix-partner-token",
        hotelToken: "matrix-hotel-token",
        ...options,
      }),
    valid: (client, options) =>
      client.updateCustomers([{ reference: "123456", firstname: "John", country: "FR", language: "en" }], options),
    invalid: (client) => client.updateCustomers([{ reference: "123456", country: "France", birthdate: "23/04/1982" }]),
    secrets: ["matrix-partner-token", "matrix-hotel-token"],
  },
  capillary: {
    create: (m, baseUrl, options) =>
      m.createCapillaryClient({
        baseUrl,
        auth: { username: "matrix.till", password: "matrix-till-password" },
        ...options,
      }),
    valid: (client, options) =>
      client.updateCustomers({ mobile: "919111111111", firstname: "Tom", lastname: "Sawyer" }, options),
    invalid: (client) => client.updateCustomers([{ firstname: "No identifier", registered_on: "11/09/2016" }]),
    secrets: ["matrix-till-password"],
  },
  commercelayer: {
    create: (m, baseUrl, options) =>
      m.createCommerceLayerClient({
        organization: "yourdomain",
        baseUrl,
        auth: { accessToken: "matrix-access-token" },
        ...options,
      }),
    valid: (client, options) => client.updateCustomer("xYZkjABcde", { email: "john@example.com" }, options),
    invalid: (client) => client.updateCustomer("xYZkjABcde", { metadata: "vip", customerGroupId: "" }),
    secrets: ["matrix-access-token"],
  },
  xtrakit: {
    create: (m, baseUrl, options) => m.createXtrakitClient({ baseUrl, apiKey: "matrix-api-key", ...options }),
    valid: (client, options) =>
      client.updateCustomer(
        "1",
        {
          customer_group_id: 1,
          customer_name: "Jane Doe",
          customer_phone: "+233244567890",
          customer_country: "Ghana",
          customer_city: "Accra",
          customer_state: "Greater Accra",
          address1: "123 Main Street",
          created_by: "Edward",
        },
        options,
      ),
    invalid: (client) => client.updateCustomer("1", { customer_name: "Jane Doe", customer_group_id: "1" }),
    secrets: ["matrix-api-key"],
  },
  pexip: {
    create: (m, baseUrl, options) =>
      m.createPexipClient({ enterprise: "acme", baseUrl, auth: "matrix-token", ...options }),
    valid: (client, options) => client.updateCustomer("123", { email: "john.doe@pexip.com" }, options),
    invalid: (client) =>
      client.updateCustomer("123", {
        language: "it",
        location: { countryCode: "BEL", translations: { city: [], street1: [] } },
      }),
    secrets: ["matrix-token"],
  },
};

/** The request-id header each vendor's server sends, and the value the loopback server puts in it. */
export const requestIdOf = (vendor) => `req-${vendor}`;

/**
 * @param {{ core: any, vendors: Record<string, any>, commonJsVendor?: any }} modules
 *   the packages as this runtime loaded them, `vendors` every vendor's by name; `commonJsVendor`: xtrakit loaded with require()
 *   while `core` was imported as ESM, where the runtime can mix the two.
 * @param {{ api: string, refused: string, id: string, refusedIsRecognised: boolean }} config
 *   `api`: the loopback server; `refused`: a URL nothing listens on; `id`: this run's name.
 */
export async function run(modules, config) {
  const results = [];
  const check = async (name, body) => {
    try {
      const detail = await body();
      results.push({ check: name, ok: detail === true, detail: detail === true ? "" : String(detail) });
    } catch (error) {
      results.push({ check: name, ok: false, detail: `threw ${error?.name}: ${error?.message}` });
    }
  };
  const expectError = (error, kind) =>
    error?.kind === kind ? true : `expected ${kind}, got ${error ? `${error.kind}: ${error.message}` : "data"}`;
  const fast = { retryDelay: { initialDelayMs: 1, maxDelayMs: 5 } };

  for (const [name, m] of Object.entries(modules.vendors)) {
    const vendor = VENDORS[name];
    if (!vendor) {
      results.push({
        check: `${name} scenario`,
        ok: false,
        detail: "runtime-matrix/scenario.mjs has no VENDORS entry",
      });
      continue;
    }
    await check(`${name} success`, async () => {
      const { data, error } = await vendor.valid(vendor.create(m, `${config.api}/ok/${name}`));
      return error ? `${error.kind}: ${error.message}` : data !== undefined || "no data";
    });
    await check(`${name} normalised error`, async () => {
      const { data, error } = await vendor.valid(vendor.create(m, `${config.api}/unauthorized/${name}`));
      if (!error) return `expected an error, got ${JSON.stringify(data)}`;
      const serialised = JSON.stringify(error) + error.message + String(error.stack);
      const leaked = vendor.secrets.find((secret) => serialised.includes(secret));
      if (error.kind !== "authentication" || error.status !== 401 || error.vendor !== name)
        return `got ${error.vendor} ${error.kind} ${error.status}`;
      if (!(error instanceof modules.core.CustomerApiError)) return "not an instance of core's CustomerApiError";
      // Pexip echoes the correlation id the client sends; the others send their own.
      const requestId = name === "pexip" ? error.requestId || "(none)" : requestIdOf(name);
      if (error.requestId !== requestId) return `request id ${error.requestId}, expected ${requestId}`;
      return leaked ? `the error shows a credential` : true;
    });
    await check(`${name} invalid input`, async () => {
      const { error } = await vendor.invalid(vendor.create(m, `${config.api}/unreachable/${name}`));
      return expectError(error, "invalid_request") === true && error.details.length > 0
        ? true
        : expectError(error, "invalid_request");
    });
  }

  const xtrakit = (baseUrl, options) =>
    VENDORS.xtrakit.create(modules.vendors.xtrakit, baseUrl, { ...fast, ...options });
  await check("retry after 429", async () => {
    const attempts = [];
    const client = xtrakit(`${config.api}/retry-${config.id}/xtrakit`, {
      hooks: { onAttempt: (event) => attempts.push(event.status) },
    });
    const { error } = await VENDORS.xtrakit.valid(client);
    if (error) return `${error.kind}: ${error.message}`;
    return attempts.join(",") === "429,200" || `attempts ${attempts.join(",")}`;
  });
  // Experience's update is a POST: of connection failures, only a refused one proves it was not
  // sent. Browsers and workerd report every network failure alike (documented): one attempt there.
  await check("refused connection", async () => {
    let attempts = 0;
    const options = { ...fast, maxRetries: 2, hooks: { onAttempt: () => attempts++ } };
    const { error } = await VENDORS.experience.valid(
      VENDORS.experience.create(modules.vendors.experience, `${config.refused}/experience`, options),
    );
    if (error?.kind !== "connection") return expectError(error, "connection");
    const expected = config.refusedIsRecognised ? 3 : 1;
    if (error.retryable !== config.refusedIsRecognised) return `retryable is ${error.retryable}`;
    return attempts === expected || `${attempts} attempt(s), expected ${expected}`;
  });
  await check("timeout", async () => {
    const { error } = await VENDORS.xtrakit.valid(
      xtrakit(`${config.api}/hang/xtrakit`, { timeoutMs: 300, maxRetries: 0 }),
    );
    return expectError(error, "timeout");
  });
  await check("abort", async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const { error } = await VENDORS.xtrakit.valid(xtrakit(`${config.api}/hang/xtrakit`, { maxRetries: 0 }), {
      signal: controller.signal,
    });
    return expectError(error, "aborted");
  });
  if (modules.commonJsVendor) {
    await check("instanceof across ESM core and CommonJS vendor", async () => {
      const client = VENDORS.xtrakit.create(modules.commonJsVendor, `${config.api}/unreachable/xtrakit`);
      const { error } = await VENDORS.xtrakit.invalid(client);
      if (!error) return "no error";
      return (
        error instanceof modules.core.CustomerApiError ||
        `${error.kind} error from require() is not an instance of the imported CustomerApiError`
      );
    });
  }
  return results;
}
