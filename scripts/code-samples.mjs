// Code samples for the docs pages, made from each operation's first request example: the typed
// client call, curl and fetch. Added to a copy of the bundled spec as `x-codeSamples` (the
// hand-written specs stay free of them); the docs test compiles the TypeScript and runs the fetch.
/** The tabs of the code sample panel, in order: Redoc matches a sample to its tab by label. */
export const SAMPLE_TABS = [
  { lang: "TypeScript", label: "TypeScript client" },
  { lang: "Shell", label: "curl" },
  { lang: "JavaScript", label: "fetch" },
];
const json = (value, indent = 2) => JSON.stringify(value, null, indent);
const METHODS = ["get", "put", "post", "patch", "delete"];
const env = (vendor, name) => `${vendor.toUpperCase()}_${name}`;

/**
 * How each vendor's client is created, and called with an operation's example, by operationId:
 * written per vendor, as each client shapes its options and input for its callers. An operation
 * without a call here (a token endpoint) gets no TypeScript sample; a vendor without an entry is
 * named by scripts/check-consistency.mjs.
 */
const CLIENTS = {
  experience: {
    factory: "createExperienceClient",
    options: (v) =>
      `partnerToken: process.env.${env(v, "PARTNER_TOKEN")} ?? "",\n  hotelToken: process.env.${env(v, "HOTEL_TOKEN")} ?? "",`,
    calls: { updateCustomers: ({ body }) => `updateCustomers(${json(body.customers)})` },
  },
  capillary: {
    factory: "createCapillaryClient",
    options: (v) =>
      `auth: { username: process.env.${env(v, "TILL_USERNAME")} ?? "", password: process.env.${env(v, "TILL_PASSWORD")} ?? "" },`,
    calls: { updateCustomers: ({ body }) => `updateCustomers(${json(body.root.customer)})` },
  },
  commercelayer: {
    factory: "createCommerceLayerClient",
    options: (v) =>
      `organization: "yourdomain",\n  auth: { accessToken: process.env.${env(v, "ACCESS_TOKEN")} ?? "" },`,
    calls: {
      updateCustomer: ({ body, params }) => `updateCustomer(${json(params.id)}, ${json(body.data.attributes)})`,
    },
  },
  xtrakit: {
    factory: "createXtrakitClient",
    options: (v) => `apiKey: process.env.${env(v, "API_KEY")} ?? "",`,
    calls: { updateCustomer: ({ body, params }) => `updateCustomer(${json(params.id)}, ${json(body)})` },
  },
  pexip: {
    factory: "createPexipClient",
    options: (v) => `enterprise: "acme",\n  auth: process.env.${env(v, "ACCESS_TOKEN")} ?? "",`,
    calls: { updateCustomer: ({ body, params }) => `updateCustomer(${json(params.id)}, ${json(body)})` },
  },
};

const deref = (spec, node) =>
  node?.$ref
    ? deref(
        spec,
        node.$ref
          .slice(2)
          .split("/")
          .reduce((at, key) => at[key], spec),
      )
    : node;
const exampleOf = (spec, node) =>
  node.example ??
  node.schema?.example ??
  deref(spec, Object.values(node.examples ?? {})[0])?.value ??
  node.schema?.default ??
  node.schema?.enum?.[0];

/** The Authorization header (as a JS expression and a shell word) for the operation's first scheme. */
function auth(spec, vendor, operation) {
  const [name] = Object.keys((operation.security ?? spec.security ?? [{}])[0] ?? {});
  const scheme = deref(spec, spec.components?.securitySchemes?.[name]);
  if (!scheme) return undefined;
  if (scheme.type === "apiKey")
    return { header: scheme.name, js: `process.env.${env(vendor, "API_KEY")}`, sh: `$${env(vendor, "API_KEY")}` };
  if (scheme.type === "http" && scheme.scheme === "basic") {
    // Capillary's till login sends the MD5 hex digest of the password, not the password.
    const [user, password] = [env(vendor, "TILL_USERNAME"), env(vendor, "TILL_PASSWORD_MD5")];
    return {
      header: "Authorization",
      js: `\`Basic \${btoa(\`\${process.env.${user}}:\${process.env.${password}}\`)}\``,
      sh: `Basic $(printf '%s:%s' "$${user}" "$${password}" | base64)`,
    };
  }
  const token = vendor === "experience" ? "PARTNER_TOKEN:HOTEL_TOKEN" : "ACCESS_TOKEN";
  const jsToken = token
    .split(":")
    .map((part) => `\${process.env.${env(vendor, part)}}`)
    .join(":");
  return {
    header: "Authorization",
    js: `\`Bearer ${jsToken}\``,
    sh: `Bearer ${token
      .split(":")
      .map((part) => `$${env(vendor, part)}`)
      .join(":")}`,
  };
}

/**
 * Every operation of `spec` with the request its first examples make: its server with variables
 * at their defaults (`baseUrl`), the full `url`, the example `params` by name and the example
 * `body` of its first `contentType`.
 */
export function exampleRequests(spec) {
  return Object.entries(spec.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([key]) => METHODS.includes(key))
      .map(([method, operation]) => {
        const server = operation.servers?.[0] ?? item.servers?.[0] ?? spec.servers?.[0] ?? { url: "" };
        const baseUrl = Object.entries(server.variables ?? {}).reduce(
          (url, [name, variable]) => url.replace(`{${name}}`, variable.default),
          server.url,
        );
        const parameters = [...(item.parameters ?? []), ...(operation.parameters ?? [])].map((parameter) =>
          deref(spec, parameter),
        );
        const [contentType, media] = Object.entries(operation.requestBody?.content ?? {})[0] ?? [];
        const body = media && exampleOf(spec, media);
        // A JSON:API body names the resource's id; the path takes the same one.
        const params = Object.fromEntries(
          parameters.map((parameter) => [
            parameter.name,
            exampleOf(spec, parameter) ?? (parameter.in === "path" ? body?.data?.id : undefined),
          ]),
        );
        const query = parameters
          .filter((p) => p.in === "query" && p.required)
          .map((p) => `${p.name}=${encodeURIComponent(params[p.name])}`);
        const url =
          baseUrl +
          path.replace(/\{(\w+)\}/g, (_, name) => encodeURIComponent(params[name])) +
          (query.length ? `?${query.join("&")}` : "");
        return { method, operation, baseUrl, url, parameters, params, contentType, body };
      }),
  );
}

/** Adds x-codeSamples to every operation of `spec` (in place); returns the samples. */
export function addCodeSamples(vendor, spec) {
  const client = CLIENTS[vendor] ?? { calls: {} };
  const samples = [];
  for (const { method, operation, baseUrl, url, parameters, params, contentType, body } of exampleRequests(spec)) {
    const authorization = auth(spec, vendor, operation);
    const required = parameters
      .filter((p) => p.in === "header" && p.required)
      .map((p) => [p.name, String(params[p.name])]);
    const headers = [
      ...(contentType ? [["Content-Type", contentType]] : []),
      ...required,
      ...(authorization ? [[authorization.header, authorization]] : []),
    ];

    const call = client.calls[operation.operationId];
    const typescript = () => `import { ${client.factory} } from "@customer-clients/${vendor}";

const client = ${client.factory}({
  ${client.options(vendor)}
});

const { data, error } = await client.${call({ body, params })};
if (error) console.error(error.kind, error.status, error.message, error.requestId);
else console.log(data);
`;
    const curl = [
      `curl -X ${method.toUpperCase()} '${url}'`,
      ...headers.map(([name, value]) => `-H "${name}: ${typeof value === "string" ? value : value.sh}"`),
      ...(body === undefined ? [] : [`--data '${json(body).replace(/'/g, "'\\''")}'`]),
    ].join(" \\\n  ");
    const fetchHeaders = headers
      .map(([name, value]) => `    ${json(name)}: ${typeof value === "string" ? json(value) : value.js},`)
      .join("\n");
    const fetchSample = `const response = await fetch(${json(url)}, {
  method: "${method.toUpperCase()}",
  headers: {
${fetchHeaders}
  },${body === undefined ? "" : `\n  body: JSON.stringify(${json(body).replace(/\n/g, "\n  ")}),`}
});
console.log(response.status, await response.text());
`;
    operation["x-codeSamples"] = [
      ...(call ? [{ ...SAMPLE_TABS[0], source: typescript() }] : []),
      { ...SAMPLE_TABS[1], source: curl },
      { ...SAMPLE_TABS[2], source: fetchSample },
    ];
    samples.push(
      ...operation["x-codeSamples"].map((sample) => ({ operation: operation.operationId, baseUrl, ...sample })),
    );
  }
  return samples;
}
