// The files of a new vendor package, made from what scripts/vendor-spec.mjs reads in its spec.
// Every vendor is written this way: options with its credentials, core's auth strategy, one
// method per operation (`input` the generated parts, `read` the documented 2xx body), the bulk
// method, and tests that drive the client against Prism, the fault suite and its own mocks.
// `pnpm new-vendor` writes them; what the spec cannot say (a friendlier input shape, a richer
// error parser) the vendor then changes by hand.

const json = (value) => JSON.stringify(value);
/** A property name as code: bare when it is an identifier. */
const key = (name) => (/^[A-Za-z_$][\w$]*$/.test(name) ? name : json(name));
/** A JSON value as a JavaScript literal over several lines, identifier keys bare, each line after the first indented by `indent`. */
const pretty = (value, indent = "") =>
  JSON.stringify(value, null, 2)
    .replace(/^(\s*)"([A-Za-z_$][\w$]*)":/gm, "$1$2:")
    .replace(/\n/g, `\n${indent}`);
/** A doc comment of `text`, its lines at most `width` long, each starting with `indent`. */
function docComment(text, indent, width = 100) {
  const lines = [];
  for (const word of text.split(/\s+/)) {
    const last = lines.length - 1;
    if (last >= 0 && `${indent} * ${lines[last]} ${word}`.length <= width) lines[last] += ` ${word}`;
    else lines.push(word);
  }
  if (`${indent}/** ${lines.join(" ")} */`.length <= width) return `${indent}/** ${lines.join(" ")} */`;
  return [`${indent}/**`, ...lines.map((line) => `${indent} * ${line}`), `${indent} */`].join("\n");
}
/** An object's entries as a one-line literal. */
const inline = (object) =>
  `{ ${Object.entries(object)
    .map(([name, value]) => `${key(name)}: ${json(value)}`)
    .join(", ")} }`;

/** Per kind of authentication: the options, core's strategy, and what tests and docs say about it. */
function authParts(v) {
  const kind = authKind(v);
  // A literal credential, as the tests, bench and matrix give it: the option with a string.
  return { ...kind, credentials: (secret) => kind.withCredential(json(secret)) };
}

function authKind(v) {
  const { auth, upper } = v;
  switch (auth.kind) {
    case "bearer":
      return {
        imports: ["bearerAuth"],
        options: `${docComment(`${auth.description ?? "The access token"}: sent as \`Authorization: Bearer <token>\`. A string or a function returning one.`, "  ")}\n  token: CredentialSource;`,
        strategy: () => `bearerAuth("token", options.token)`,
        withCredential: (source) => `token: ${source}`,
        wireHeaders: (secret) => ({ Authorization: `Bearer ${secret}` }),
        env: [`${upper}_TOKEN`],
        demoOptions: `token: process.env.${upper}_TOKEN ?? "demo-token"`,
        settingsOptions: `token: required(settings, "${upper}_TOKEN")`,
        readmeOptions: [
          [
            "token",
            "The access token, a string or a (sync or async) function returning one. Sent as `Authorization: Bearer <token>`.",
          ],
        ],
        summary: "bearer token",
      };
    case "apiKey":
      return {
        imports: ["headerAuth"],
        options: `${docComment(`${auth.description ?? "The API key"}: sent as \`${auth.header}\`. A string or a function returning one.`, "  ")}\n  apiKey: CredentialSource;`,
        strategy: () => `headerAuth(${json(auth.header)}, { apiKey: options.apiKey }, (values) => values.apiKey!)`,
        withCredential: (source) => `apiKey: ${source}`,
        wireHeaders: (secret) => ({ [auth.header]: secret }),
        env: [`${upper}_API_KEY`],
        settingsOptions: `apiKey: required(settings, "${upper}_API_KEY")`,
        demoOptions: `apiKey: process.env.${upper}_API_KEY ?? "demo-api-key"`,
        readmeOptions: [
          [
            "apiKey",
            `The API key, a string or a (sync or async) function returning one. Sent as the \`${auth.header}\` header.`,
          ],
        ],
        summary: `API key in \`${auth.header}\``,
      };
    case "basic":
      return {
        imports: ["basicAuthValue", "headerAuth"],
        options: `  /** The user name of HTTP Basic authentication. A string or a function returning one. */\n  username: CredentialSource;\n${docComment(`${auth.description ?? "The password"}. A string or a function returning one.`, "  ")}\n  password: CredentialSource;`,
        strategy: () =>
          `headerAuth("Authorization", { username: options.username, password: options.password }, (values) => basicAuthValue(values.username!, values.password!))`,
        withCredential: (source) => `username: "user", password: ${source}`,
        wireHeaders: (secret) => ({ Authorization: `Basic ${Buffer.from(`user:${secret}`).toString("base64")}` }),
        env: [`${upper}_USERNAME`, `${upper}_PASSWORD`],
        settingsOptions: `username: required(settings, "${upper}_USERNAME"), password: required(settings, "${upper}_PASSWORD")`,
        demoOptions: `username: process.env.${upper}_USERNAME ?? "demo-user",\n  password: process.env.${upper}_PASSWORD ?? "demo-password"`,
        readmeOptions: [
          ["username", "The user name, a string or a (sync or async) function returning one."],
          ["password", "The password, likewise. Sent as `Authorization: Basic base64(username:password)`."],
        ],
        summary: "HTTP Basic",
        encodesCredential: true,
      };
    case "oauth2":
      return {
        imports: ["bearerAuth", "clientCredentialsAuth", "type AuthStrategy"],
        options: `  /** A ready access token, or OAuth2 client credentials to exchange for one at \`tokenUrl\`. */\n  auth: { accessToken: CredentialSource } | { clientId: CredentialSource; clientSecret: CredentialSource; scope?: string };\n  /** Overrides the token endpoint (default \`${v.pascal.toUpperCase()}_TOKEN_URL\`), e.g. for a mock server. */\n  tokenUrl?: string;`,
        strategy: () => `authStrategy(options)`,
        withCredential: (source) => `auth: { accessToken: ${source} }`,
        wireHeaders: (secret) => ({ Authorization: `Bearer ${secret}` }),
        env: [`${upper}_ACCESS_TOKEN`],
        demoOptions: `auth: { accessToken: process.env.${upper}_ACCESS_TOKEN ?? "demo-access-token" }`,
        settings: [`${upper}_ACCESS_TOKEN, or ${upper}_CLIENT_ID and ${upper}_CLIENT_SECRET`],
        settingsOptions: `auth: tokenOrClientCredentials(settings, "${upper}")`,
        readmeOptions: [
          [
            "auth",
            "`{ accessToken }`, or `{ clientId, clientSecret, scope? }` exchanged for a token (OAuth2 client credentials, cached and renewed before it expires). Each a string or a (sync or async) function returning one.",
          ],
          ["tokenUrl", `The token endpoint, default \`${auth.tokenUrl}\`.`],
        ],
        summary: "OAuth2 client credentials, or a token",
        helper: `
/** The spec's token endpoint for the client credentials flow. */
export const ${v.pascal.toUpperCase()}_TOKEN_URL = ${json(auth.tokenUrl)};

/** A ready token as a bearer token; client credentials exchanged at the token endpoint, cached and renewed. */
function authStrategy(options: ${v.pascal}ClientOptions): AuthStrategy {
  const { auth } = options;
  if ("accessToken" in auth) return bearerAuth("auth.accessToken", auth.accessToken);
  return clientCredentialsAuth({
    credentials: { "auth.clientId": auth.clientId, "auth.clientSecret": auth.clientSecret },
    tokenRequest: (values) => ({
      url: options.tokenUrl ?? ${v.pascal.toUpperCase()}_TOKEN_URL,
      form: { grant_type: "client_credentials", client_id: values["auth.clientId"]!, client_secret: values["auth.clientSecret"]!, ...(auth.scope === undefined ? {} : { scope: auth.scope }) },
    }),
    readToken(body) {
      const { access_token: token, expires_in: expiresInSeconds } = (isObject(body) ? body : {}) as { access_token?: unknown; expires_in?: unknown };
      return typeof token === "string" && typeof expiresInSeconds === "number" ? { token, expiresInSeconds } : undefined;
    },
  });
}
`,
        oauth: true,
      };
    default:
      throw new Error(`unknown auth kind ${auth.kind}`);
  }
}

/** The TypeScript type of an operation's 2xx body, from the generated `operations`. */
function responseType(op) {
  if (op.responseKind === "none") return "undefined";
  return `Operations[${json(op.name)}]["responses"][${op.status}]["content"][${json(op.responseMedia)}]`;
}

/** The `read` of an operation: the documented body, or an InvalidResponseError when it is not the documented kind. */
function readFor(op) {
  if (op.responseKind === "none") return "read: () => undefined";
  if (op.responseKind === "text")
    return `read: (data, { fail }) => (typeof data === "string" ? (data as ${op.typeName}Response) : fail(InvalidResponseError, "the response is not text"))`;
  const check = op.responseKind === "array" ? "Array.isArray(data)" : "isObject(data)";
  const what = op.responseKind === "array" ? "a JSON array" : "a JSON object";
  return `read: (data, { fail }) => (${check} ? (data as ${op.typeName}Response) : fail(InvalidResponseError, "the response is not ${what}"))`;
}

/** src/index.ts: what the package exports. The same for every vendor. */
const INDEX_SOURCE = `// Core is re-exported here, as a nested \`export *\` of another package defeats bundlers' tree shaking.
export * from "@customer-clients/core";
export * from "./generated/index.js";
export * from "./errors.js";
export * from "./client.js";
`;

/** src/client.ts: the client, one method per operation. */
function clientSource(v) {
  const a = authParts(v);
  const usesInvalidResponse = v.operations.some((op) => op.responseKind !== "none");
  const usesIsObject = a.oauth || v.operations.some((op) => op.responseKind === "object");
  const coreValues = [
    ...new Set([
      ...(usesInvalidResponse ? ["InvalidResponseError"] : []),
      ...(usesIsObject ? ["isObject"] : []),
      ...a.imports.filter((name) => !name.startsWith("type ")),
      "bulkUpdates",
      "createVendorClient",
    ]),
  ].sort();
  const coreTypes = [
    "CallOptions",
    "CommonClientOptions",
    "CredentialSource",
    "Result",
    ...a.imports.filter((name) => name.startsWith("type ")).map((name) => name.slice(5)),
  ].sort();
  const opNames = v.operations.map((op) => op.name);
  const partTypes = v.operations.map((op) => `${op.typeName}Parts`);
  const definition = [
    `vendor: ${json(v.vendor)}`,
    `baseUrl: ${v.upper}_BASE_URL`,
    `auth: ${a.strategy()}`,
    "parseErrorBody",
    ...(v.requestIdHeaders.length > 0 ? [`requestIdHeaders: ${json(v.requestIdHeaders)}`] : []),
    ...(v.rateLimited ? [`rateLimits: rateLimits.${v.rateLimited}`] : []),
  ];
  const methods = v.operations.map(
    (op) => `${docComment(
      `${op.summary} (\`${op.method} ${op.path}\`): the parts as the spec names them, checked against it before anything is sent. ${
        op.idempotent
          ? "Idempotent: connection failures, timeouts, 429 and 5xx are retried (`maxRetries`, default 2)."
          : "Not idempotent: only failures that prove the server did not act are retried, unless the call passes `retryNonIdempotent: true`."
      }`,
      "    ",
    )}
    ${op.name}(parts: ${op.typeName}Parts, callOptions?: CallOptions): Promise<Result<${op.typeName}Response>> {
      return client.call(${op.name}, { options: callOptions, input: () => parts, ${readFor(op)} });
    },`,
  );
  const b = v.bulk;
  return `// The ${v.display} client: one method per operation of specs/${v.vendor}/openapi.yaml. What the spec
// says (method, path, schemas, idempotency) is generated into src/generated/operations.ts; this
// file adds the credentials and the value each call returns, src/errors.ts how error bodies are read.
import { ${coreValues.join(", ")} } from "@customer-clients/core";
import type { ${coreTypes.join(", ")} } from "@customer-clients/core";
import type { operations as Operations } from "./generated/openapi.js";
${v.rateLimited ? `import { rateLimits } from "./generated/index.js";\n` : ""}import { ${opNames.join(", ")}, ${partTypes.map((name) => `type ${name}`).join(", ")} } from "./generated/operations.js";
import { parseErrorBody } from "./errors.js";

export type { ${partTypes.join(", ")} } from "./generated/operations.js";
${v.operations.map((op) => `\n/** The ${op.status} body of \`${op.name}\`. */\nexport type ${op.typeName}Response = ${responseType(op)};`).join("\n")}

/** The spec's first server: the default host. */
export const ${v.upper}_BASE_URL = ${json(v.baseUrl)};

export interface ${v.pascal}ClientOptions extends CommonClientOptions {
${a.options}
}
${a.helper ?? ""}
export function ${v.factory}(options: ${v.pascal}ClientOptions) {
  const client = createVendorClient({ ${definition.join(", ")} }, options);

  const single = {
${methods.join("\n\n")}
  };

  return {
    ...single,
    // \`updateCustomersBulk\` runs \`${b.name}\` for many inputs.
    ...bulkUpdates<${b.typeName}Parts, ${b.typeName}Response>((parts, signal) => single.${b.name}(parts, { signal })),
  };
}

export type ${v.pascal}Client = ReturnType<typeof ${v.factory}>;
`;
}

/** src/errors.ts: the error body parser, core's reader of the fields error bodies commonly carry until the vendor writes its own. Core reads text bodies and request ids. */
function errorsSource(v) {
  return `// How ${v.display}'s JSON error bodies are read: the fields error bodies commonly carry, until a
// parser of its own documented error body replaces this line.
export { parseCommonErrorBody as parseErrorBody } from "@customer-clients/core";
`;
}

function testingSource(v) {
  return `// MSW handlers for every operation of ${v.display}'s spec, answering its documented examples.
// Import from "@customer-clients/${v.vendor}/testing"; needs msw 2 (a peer dependency).
import { createMocks, type Mocks, type MockOptions } from "@customer-clients/mock-kit";
import { operations } from "./generated/examples.js";

export type { DocumentedStatus, HandlerOptions, MockOptions, RecordedRequest } from "@customer-clients/mock-kit";

export type ${v.pascal}Mocks = Mocks<typeof operations>;

/** Handlers for ${v.display}'s API, and helpers to make one answer differently. */
export function create${v.pascal}Mocks(options?: MockOptions): ${v.pascal}Mocks {
  return createMocks<typeof operations>(operations, options);
}
`;
}

/** test/fixtures.ts: each operation's request parts, as the spec's examples give them. */
function fixturesSource(v) {
  const a = authParts(v);
  return `// Each operation's request parts, from the examples in specs/${v.vendor}/openapi.yaml.
import type { ${v.operations.map((op) => `${op.typeName}Parts`).join(", ")} } from "../src/index.js";

/** The credentials the tests give the client; none may appear in any error. */
export const credentials = { ${a.credentials(`${v.vendor}-test-secret`)} };
export const secret = ${json(`${v.vendor}-test-secret`)};
${v.operations.map((op) => `\nexport const ${op.name}Parts: ${op.typeName}Parts = ${pretty(op.parts)};`).join("\n")}
`;
}

/** The request header that carries the credential, as Prism checks it. */
const credentialHeader = (v) => v.auth.header.toLowerCase();

function contractSource(v) {
  const b = v.bulk;
  const firstExample = (op) => `Object.values(operations.${op.name}.responses[${json(op.status)}].examples)[0]`;
  const calls = v.operations.map(
    (op) => `  it("${op.name}: sends the spec's example and reads the documented ${op.status} answer", async () => {
    const { data, error } = await client().${op.name}(${op.name}Parts);
    expect(error).toBeUndefined();
    expect(data).toEqual(${op.responseKind === "none" ? "undefined" : firstExample(op)});
  });`,
  );
  return `// The ${v.display} client against a Prism mock of specs/${v.vendor}/openapi.yaml: the spec's own
// request examples are sent, and its response examples come back.
import { AuthenticationError, InvalidRequestError } from "@customer-clients/core";
import { forwardingFetch } from "@customer-clients/test-utils";
import { describe, expect, inject, it } from "vitest";
import { operations } from "../src/generated/examples.js";
import { ${v.factory}, type ${v.pascal}ClientOptions } from "../src/index.js";
import { ${[...v.operations.map((op) => `${op.name}Parts`), "credentials", "secret"].join(", ")} } from "./fixtures.js";

const baseUrl = inject("prismUrl");
const client = (options: Partial<${v.pascal}ClientOptions> = {}) => ${v.factory}({ baseUrl, maxRetries: 0, ...credentials, ...options });

describe("${v.vendor} contract (Prism)", () => {
${calls.join("\n\n")}

  it("${b.name}: a request without the credential is refused by the mock with 401, an AuthenticationError without the secret", async () => {
    const { error } = await client({ fetch: forwardingFetch({ headers: { ${json(credentialHeader(v))}: null } }) }).${b.name}(${b.name}Parts);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({ vendor: ${json(v.vendor)}, operation: ${json(b.name)}, status: 401, retryable: false });
    expect(JSON.stringify(error) + String(error?.stack)).not.toContain(secret);
  });

  it("${b.name}: a body the spec refuses is refused before anything is sent", async () => {
    const fetch = forwardingFetch();
    const { error } = await client({ fetch }).${b.name}({ ...${b.name}Parts, body: 42 as never });
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect(error?.message).toMatch(/nothing was sent/);
    expect(fetch.requests).toHaveLength(0);
  });

  it("${b.name}: a body the client would refuse is refused by the mock too (422, or a documented 400)", async () => {
    const { error } = await client({ fetch: forwardingFetch({ body: 42 }) }).${b.name}(${b.name}Parts);
    expect([400, 422]).toContain(error?.status);
    expect(error?.retryable).toBe(false);
  });
});
`;
}

function faultsSource(v) {
  const a = authParts(v);
  const b = v.bulk;
  const pathParam = Object.keys(b.parts.path ?? {})[0];
  const tokenPath = a.oauth ? new URL(v.auth.tokenUrl).pathname : undefined;
  return `// ${v.display} joins the fault-injection suite: a hostile server, broken answers, bad input.
import { describeFaults${b.responseKind === "none" ? "" : ", documentedSuccess"} } from "@customer-clients/test-utils/faults";${b.responseKind === "none" ? "" : `\nimport { operations } from "../src/generated/examples.js";`}
import { ${v.factory} } from "../src/index.js";
import { ${b.name}Parts, credentials, secret } from "./fixtures.js";

describeFaults({
  vendor: ${json(v.vendor)},
  idempotent: ${b.idempotent},
  success: ${b.responseKind === "none" ? `{ contentType: ${json(b.responseMedia ?? "application/json")}, body: "" }` : `documentedSuccess(operations.${b.name}${b.status === "200" ? "" : `, ${json(b.status)}`})`},
  secrets: [secret],${a.encodesCredential ? "\n  encodesCredential: true," : ""}${b.closedBody ? "\n  closedInput: true," : ""}
  createClient: (options) => ${v.factory}({ ...options, ...credentials }),
  createClientWithCredential: (options, source) => ${v.factory}({ ...options, ${a.withCredential("source")} }),
  call: (client, options) => client.${b.name}(${b.name}Parts, options as never),
  callWithField: (client, name, value) => client.${b.name}({ ...${b.name}Parts, body: { ...${b.name}Parts.body, [name]: value } }),${
    pathParam
      ? `\n  callWithId: (client, id) => client.${b.name}({ ...${b.name}Parts, path: { ...${b.name}Parts.path, ${key(pathParam)}: id } }),`
      : ""
  }${
    a.oauth
      ? `\n  oauth: {\n    tokenPath: ${json(tokenPath)},\n    secrets: ["${v.vendor}-client-secret"],\n    createClient: (options) =>\n      ${v.factory}({ ...options, tokenUrl: \`\${options.baseUrl}${tokenPath}\`, auth: { clientId: "${v.vendor}-client-id", clientSecret: "${v.vendor}-client-secret" } }),\n  },`
      : ""
  }
});
`;
}

function typesSource(v) {
  const b = v.bulk;
  const pathParam = Object.keys(b.parts.path ?? {})[0];
  return `import type { Result } from "@customer-clients/core";
import { describe, expectTypeOf, it } from "vitest";
import { ${v.factory}, ${v.operations.map((op) => `type ${op.typeName}Response`).join(", ")} } from "../src/index.js";
import { ${v.operations.map((op) => `${op.name}Parts`).join(", ")}, credentials } from "./fixtures.js";

const client = ${v.factory}(credentials);

describe("${v.vendor} client types", () => {
  it("returns each operation's documented body", () => {
${v.operations.map((op) => `    expectTypeOf(client.${op.name}(${op.name}Parts)).toEqualTypeOf<Promise<Result<${op.typeName}Response>>>();`).join("\n")}
  });

  it("refuses at compile time what the spec refuses", () => {
    // @ts-expect-error the credentials are required
    ${v.factory}({});
    // @ts-expect-error the parts are an object of path, query, header and body
    void client.${b.name}("${b.name}");${
      b.bodyRequired
        ? `\n    // @ts-expect-error the body is required\n    void client.${b.name}({ ...${b.name}Parts, body: undefined });`
        : ""
    }${pathParam ? `\n    // @ts-expect-error the path parameter ${pathParam} is required\n    void client.${b.name}({ ...${b.name}Parts, path: {} });` : ""}
  });
});
`;
}

function testingTestSource(v) {
  const b = v.bulk;
  const setup = `import { useVendorMocks } from "@customer-clients/test-utils/mocks";
import { describe, expect, it } from "vitest";
import { operations } from "../src/generated/examples.js";
import { ${v.factory} } from "../src/index.js";
import { create${v.pascal}Mocks } from "../src/testing.js";
import { ${b.name}Parts, credentials } from "./fixtures.js";

const mocks = create${v.pascal}Mocks();
const server = useVendorMocks({ vendor: ${json(v.vendor)}, operations, mocks });
`;
  return `// The mocks of "@customer-clients/${v.vendor}/testing": every canned answer checked against the
// spec, and the client driven through them as an application's tests would.
${setup}
describe("an application's client against the mocks", () => {
  const client = (options = {}) => ${v.factory}({ ...credentials, maxRetries: 0, ...options });

  it("reads the documented answer, and the recorded request shows what was sent", async () => {
    const { data, error } = await client().${b.name}(${b.name}Parts);
    expect(error).toBeUndefined();
    expect(data).toEqual(${b.responseKind === "none" ? "undefined" : `Object.values(operations.${b.name}.responses[${json(b.status)}].examples)[0]`});
    const [request] = mocks.requestsTo(${json(b.name)});
    expect(request?.method).toBe(${json(b.method)});
    expect(request?.body).toEqual(${b.name}Parts.body);
  });

  it("reads a rate limit's Retry-After, and times out on a slow answer", async () => {
    server.use(mocks.rateLimit(${json(b.name)}, { retryAfter: 9, once: true }), mocks.delay(${json(b.name)}, 2_000));
    expect((await client().${b.name}(${b.name}Parts)).error).toMatchObject({ kind: "rate_limited", retryAfterSeconds: 9 });
    expect((await client({ timeoutMs: 50 }).${b.name}(${b.name}Parts)).error?.kind).toBe("timeout");
  });
});
`;
}

function demoSource(v) {
  const a = authParts(v);
  const b = v.bulk;
  return `// Calls ${v.display} through the built package. Run by \`pnpm demo\` against a Prism mock; point
// ${v.upper}_BASE_URL at the real host (${v.baseUrl}) and set ${a.env.join(" and ")} to use it for real.
import { ${v.factory} } from "@customer-clients/${v.vendor}";

const client = ${v.factory}({
  baseUrl: process.env.${v.upper}_BASE_URL,
  ${a.demoOptions},
});
${v.operations
  .map(
    (op) => `
const ${op.name} = await client.${op.name}(${pretty(op.parts)});
if (${op.name}.error) throw ${op.name}.error;
console.log("${op.name}:", ${op.name}.data);`,
  )
  .join("\n")}

// Input the spec refuses never leaves the process.
const invalid = await client.${b.name}(${pretty({ ...b.parts, body: 42 })});
console.log("normalised error:", invalid.error?.toJSON());
`;
}

function benchSource(v) {
  const a = authParts(v);
  const b = v.bulk;
  const secret = `bench-${v.vendor}-secret`;
  const headers = a.wireHeaders(secret);
  const typecheckHeaders = a.wireHeaders("k");
  const query = b.parts.query
    ? `?\${new URLSearchParams(Object.entries(parts.query).map(([name, value]) => [name, String(value)]))}`
    : "";
  const url = (base) =>
    `\`${base}${b.path.replace(/\{([^}]+)\}/g, (_, name) => `\${encodeURIComponent(parts.path${key(name) === name ? `.${name}` : `[${json(name)}]`})}`)}${query}\``;
  const params = ["path", "query", "header"].filter((location) => b.parts[location]);
  // The bulk operation always has a JSON body (vendor-spec picks the first that has one).
  const sendHeaders = (extra) =>
    `{ ${[extra, ...(b.parts.header ? ["...parts.header"] : []), `"Content-Type": ${json("application/json")}`].join(", ")} }`;
  return `// ${v.display}: ${b.method} ${b.path}, answered with its documented ${b.status} body.
import { ${v.factory} } from "../../packages/${v.vendor}/dist/index.js";
import { sendJson } from "../lib/cases.mjs";
${b.responseKind === "none" ? "" : `import { operations } from "../../packages/${v.vendor}/src/generated/examples.ts";\n`}import { ${b.name}Parts as parts } from "../../packages/${v.vendor}/test/fixtures.ts";

const body = ${
    b.responseKind === "none"
      ? '""'
      : `${b.responseKind === "text" ? "String" : "JSON.stringify"}(Object.values(operations.${b.name}.responses[${json(b.status)}].examples)[0])`
  };

export default {
  vendor: ${json(v.vendor)},
  success: { status: ${Number(b.status)}, contentType: ${json(b.responseMedia ?? "application/json")}, body },
  authHeaders: ${inline(headers)},

  createClient: (options) => ${v.factory}({ ...options, ${a.credentials(secret)} }),
  call: (client) => client.${b.name}(parts),

  openapiFetch: (api) => api.${b.method}(${json(b.path)}, { params: { ${params.map((location) => `${location}: parts.${location}`).join(", ")} }, body: parts.body }),
  rawFetch: (baseUrl, headers) =>
    sendJson(${json(b.method)}, \`\${baseUrl}${url("").slice(1)}, ${b.parts.header ? "{ ...headers, ...parts.header }" : "headers"}, parts.body, "text"),

  typecheck: {
    imports: \`import { ${v.factory} } from "@customer-clients/${v.vendor}";\`,
    client: \`
      const client = ${v.factory}({ ${a.credentials("k")} });
      const { data, error } = await client.${b.name}(\${JSON.stringify(parts)});
      return error ? error.message : data;\`,
    fetch: \`
      const parts = \${JSON.stringify(parts)};
      const response = await fetch(${url(v.baseUrl).replace(/`/g, "\\`").replace(/\$\{/g, "\\${")}, {
        method: ${json(b.method)},
        headers: ${sendHeaders(
          Object.entries(typecheckHeaders)
            .map(([name, value]) => `${key(name)}: ${json(value)}`)
            .join(", "),
        )},
        body: JSON.stringify(parts.body),
      });
      const json = (await response.json()) as unknown;
      return response.ok ? json : undefined;\`,
  },
};
`;
}

function readmeSource(v) {
  const a = authParts(v);
  const b = v.bulk;
  const envOptions = {
    bearer: `token: process.env.${v.upper}_TOKEN ?? ""`,
    apiKey: `apiKey: process.env.${v.upper}_API_KEY ?? ""`,
    basic: `username: process.env.${v.upper}_USERNAME ?? "", password: process.env.${v.upper}_PASSWORD ?? ""`,
    oauth2: `auth: { clientId: process.env.${v.upper}_CLIENT_ID ?? "", clientSecret: process.env.${v.upper}_CLIENT_SECRET ?? "" }`,
  }[v.auth.kind];
  return `# @customer-clients/${v.vendor}

Typed client for ${v.display}'s API (${v.operations.map((op) => `\`${op.method} ${op.path}\``).join(", ")}), generated from the
contract in [\`specs/${v.vendor}/openapi.yaml\`](../../specs/${v.vendor}/openapi.yaml). Runs on every maintained Node.js
release, Bun, Deno, browsers and edge runtimes (only \`fetch\`).

## Install

\`\`\`sh
npm install @customer-clients/${v.vendor}
\`\`\`

## Quick start

\`\`\`ts
import { ${v.factory} } from "@customer-clients/${v.vendor}";

const ${v.vendor} = ${v.factory}({ ${envOptions} });

const { data, error } = await ${v.vendor}.${b.name}(${pretty(b.parts)});
if (error) console.error(error.kind, error.status, error.message, error.requestId);
else console.log(data);
\`\`\`

Each method takes the request's parts as the spec names them (\`path\`, \`query\`, \`header\`,
\`body\`), checks them against the spec before anything is sent, and resolves to \`{ data }\` (the
documented ${b.status} body) or \`{ error }\` (core's \`CustomerApiError\`); \`unwrap\` from
\`@customer-clients/core\` turns that into a value or a thrown error.

| method | operation | retried by default |
| --- | --- | --- |
${v.operations.map((op) => `| \`${op.name}(parts)\` | \`${op.method} ${op.path}\` | ${op.idempotent ? "connection failures, timeouts, 408, 429, 5xx" : "refused connections, 408, 429"} |`).join("\n")}
| \`updateCustomersBulk(items)\` | \`${b.name}\` for each item, at the client's rate limits | as \`${b.name}\` |

## Options

| option | |
| --- | --- |
${a.readmeOptions.map(([name, text]) => `| \`${name}\` | ${text} |`).join("\n")}
| \`baseUrl\` | Default \`${v.upper}_BASE_URL\` (\`${v.baseUrl}\`). |
| \`fetch\`, \`timeoutMs\`, \`maxRetries\`, \`retryDelay\`, \`hooks\`, \`rateLimiter\` | As in \`@customer-clients/core\`. |

Authentication: ${a.summary}. A credential is never shown in an error, a message or a hook event.

## Testing your code

\`@customer-clients/${v.vendor}/testing\` exports \`create${v.pascal}Mocks()\`: [MSW](https://mswjs.io) handlers for
every operation, answering the spec's examples, with helpers for documented errors, rate limits,
network failures and slow answers (msw 2 is an optional peer dependency).
`;
}

function changesetSource(v) {
  return `---
"@customer-clients/${v.vendor}": minor
"@customer-clients/specs": minor
---

New package: \`@customer-clients/${v.vendor}\`, a typed client for ${v.display} (${v.operations.map((op) => `\`${op.name}\`, \`${op.method} ${op.path}\``).join("; ")}) generated from \`specs/${v.vendor}/openapi.yaml\`, with \`updateCustomersBulk\` and MSW mocks in \`@customer-clients/${v.vendor}/testing\`; the specs package ships its contract.
`;
}

/**
 * The files of packages/<vendor> and the vendor's files elsewhere, by path from the workspace
 * root. `shared` carries what is copied from the workspace's shared configuration: the
 * manifest, tsconfig, vitest config, the `testing` stub and the LICENSE.
 */
export function vendorFiles(v, shared) {
  const dir = `packages/${v.vendor}`;
  return {
    [`${dir}/package.json`]: `${JSON.stringify(shared.manifest, null, 2)}\n`,
    [`${dir}/tsconfig.json`]: shared.tsconfig,
    [`${dir}/vitest.config.ts`]: shared.vitestConfig,
    [`${dir}/testing/package.json`]: shared.testingStub,
    [`${dir}/LICENSE`]: shared.license,
    [`${dir}/README.md`]: readmeSource(v),
    [`${dir}/src/index.ts`]: INDEX_SOURCE,
    [`${dir}/src/client.ts`]: clientSource(v),
    [`${dir}/src/errors.ts`]: errorsSource(v),
    [`${dir}/src/testing.ts`]: testingSource(v),
    [`${dir}/test/fixtures.ts`]: fixturesSource(v),
    [`${dir}/test/contract.test.ts`]: contractSource(v),
    [`${dir}/test/faults.test.ts`]: faultsSource(v),
    [`${dir}/test/types.test-d.ts`]: typesSource(v),
    [`${dir}/test/testing.test.ts`]: testingTestSource(v),
    [`${dir}/examples/demo.mjs`]: demoSource(v),
    [`bench/cases/${v.vendor}.mjs`]: benchSource(v),
    [`.changeset/${v.vendor}-client.md`]: changesetSource(v),
  };
}

/** The vendor's rows in the root README's package, retry and rate-limit tables. */
export function readmeRows(v, limits) {
  const a = authParts(v);
  const b = v.bulk;
  return {
    package: `| [\`@customer-clients/${v.vendor}\`](packages/${v.vendor}/README.md) | \`${b.method} ${b.path}\` | ${a.summary} |`,
    retry: `| ${v.display} | \`${b.method} ${b.path}\` | ${b.idempotent ? `yes: ${b.idempotentReason}` : `no: ${b.idempotentReason}`} | ${b.idempotent ? "connection failures, timeouts, 408, 429, 5xx" : "refused connections, 408, 429"} |`,
    "rate-limit": `| ${v.display} | ${limits.limit} | ${limits.scope} |`,
  };
}

/** Each operation's example parts as a code sample's call makes them from `params` (by name) and `body`. */
function samplePartsExpression(op) {
  const locations = ["path", "query", "header"].filter((location) => op.parts[location]);
  const parts = locations.map(
    (location) =>
      `${location}: { ${Object.keys(op.parts[location])
        .map((name) => `${key(name)}: ${key(name) === name ? `params.${name}` : `params[${json(name)}]`}`)
        .join(", ")} }`,
  );
  return `{ ${[...parts, ...(op.hasBody ? ["body"] : [])].join(", ")} }`;
}

/**
 * The vendor's entry in each table written per vendor (check-consistency's VENDOR_TABLES), by
 * table name: the docs' code samples (CLIENTS), the runtime matrix (VENDORS) and the CLI
 * (`vendors`, with the import its entry needs).
 */
export function tableEntries(v) {
  const a = authParts(v);
  const b = v.bulk;
  const secret = `matrix-${v.vendor}-secret`;
  const sampleCredential = a.withCredential(`process.env.${a.env.at(-1)} ?? ""`);
  const calls = v.operations.map(
    (op) => `      ${op.name}: ({ body, params }) => \`${op.name}(\${json(${samplePartsExpression(op)})})\`,`,
  );
  const codeSample = `  ${v.vendor}: {
    factory: ${json(v.factory)},
    options: () => ${json(`${sampleCredential},`)},
    calls: {
${calls.join("\n")}
    },
  },`;
  const runtimeMatrix = `  ${v.vendor}: {
    create: (m, baseUrl, options) => m.${v.factory}({ baseUrl, ${a.credentials(secret)}, ...options }),
    valid: (client, options) => client.${b.name}(${pretty(b.parts, "    ")}, options),
    invalid: (client) => client.${b.name}(${b.hasBody ? pretty({ ...b.parts, body: 42 }, "    ") : "{}"}),
    secrets: [${json(secret)}],
  },`;
  const settings = a.settings ?? a.env;
  const cliEntry = `  ${v.vendor}: {
    settings: ${json(settings)},
    limits: ${v.rateLimited ? `${v.vendor}Limits.${v.rateLimited}` : "{ windows: [] }"},
    batches: false,
    // A row is the request parts of \`${b.name}\`, as the spec names them.
    item: asIs,
    placeholder: { ${a.env.map((name) => `${key(name)}: "placeholder"`).join(", ")} },
    connect(settings, common) {
      const client = ${v.factory}({ ...common, ${a.settingsOptions} });
      return bulkOf(client.updateCustomersBulk);
    },
  },`;
  return {
    CLIENTS: { entry: codeSample },
    VENDORS: { entry: runtimeMatrix },
    vendors: {
      entry: cliEntry,
      importStatement: `import { ${v.factory}${v.rateLimited ? `, rateLimits as ${v.vendor}Limits` : ""} } from "@customer-clients/${v.vendor}";`,
    },
  };
}
