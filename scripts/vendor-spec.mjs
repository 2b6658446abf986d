// What `pnpm new-vendor` reads from a vendor's OpenAPI document: its name as people write it,
// its host, how it authenticates, and each operation with the examples the spec gives. Pure
// functions of the parsed document, so that the scaffold's templates and its test share them.

const HTTP_METHODS = ["get", "put", "post", "patch", "delete"];
/** As scripts/generate-request-schemas.mjs decides idempotency when `x-idempotent` is absent. */
const IDEMPOTENT_METHODS = new Set(["get", "put", "delete"]);
/** Response headers that carry a request id, by the names vendors give them. */
const REQUEST_ID_HEADER = /(request|correlation|trace)[-_]?id$/i;

/** Thrown for a spec the scaffold cannot turn into a client; the message says what to change. */
export class SpecError extends Error {}

/** `"hubspot"` -> `"Hubspot"`; `display` wins when it spells the same name (`"Commerce Layer"` -> `"CommerceLayer"`). */
export function pascalName(vendor, display = "") {
  const joined = display.replace(/[^A-Za-z0-9]/g, "");
  if (joined.toLowerCase() === vendor) return joined[0].toUpperCase() + joined.slice(1);
  return vendor[0].toUpperCase() + vendor.slice(1);
}

/** Follows local `$ref`s (`#/components/...`); a reference to another file is returned as it is. */
export function resolver(spec) {
  const resolve = (node, seen = new Set()) => {
    if (!node?.$ref?.startsWith("#/") || seen.has(node.$ref)) return node;
    const target = node.$ref
      .slice(2)
      .split("/")
      .reduce((at, key) => at?.[key.replace(/~1/g, "/").replace(/~0/g, "~")], spec);
    return resolve(target, new Set([...seen, node.$ref]));
  };
  return resolve;
}

/** The value an example-bearing node (media type, parameter, schema) documents first. */
function exampleOf(node, resolve) {
  if (!node) return undefined;
  if (node.example !== undefined) return node.example;
  const named = Object.values(node.examples ?? {})[0];
  if (named !== undefined) return resolve(named)?.value;
  const schema = resolve(node.schema);
  if (schema?.example !== undefined) return schema.example;
  if (Array.isArray(schema?.examples) && schema.examples.length > 0) return schema.examples[0];
  return schema?.default ?? schema?.enum?.[0];
}

/** The server URL with its variables at their defaults. */
function serverUrl(server) {
  return Object.entries(server.variables ?? {}).reduce(
    (url, [name, variable]) => url.replace(`{${name}}`, variable.default),
    server.url,
  );
}

/**
 * How the client authenticates, from the first security requirement (the operation's, else the
 * document's) and its scheme. Each kind maps onto one of core's strategies.
 */
export function authOf(spec, operation, resolve = resolver(spec)) {
  const requirement = (operation?.security ?? spec.security ?? [])[0];
  const name = Object.keys(requirement ?? {})[0];
  if (name === undefined)
    throw new SpecError(
      "the spec has no security requirement: add `security` and a scheme under components.securitySchemes",
    );
  const scheme = resolve(spec.components?.securitySchemes?.[name]);
  if (!scheme) throw new SpecError(`the security scheme "${name}" is not defined under components.securitySchemes`);
  const description = typeof scheme.description === "string" ? scheme.description.trim().split("\n")[0] : undefined;
  if (scheme.type === "http" && /^bearer$/i.test(scheme.scheme))
    return { kind: "bearer", scheme: name, header: "Authorization", description };
  if (scheme.type === "http" && /^basic$/i.test(scheme.scheme))
    return { kind: "basic", scheme: name, header: "Authorization", description };
  if (scheme.type === "apiKey" && scheme.in === "header")
    return { kind: "apiKey", scheme: name, header: scheme.name, description };
  if (scheme.type === "oauth2" && scheme.flows?.clientCredentials?.tokenUrl) {
    return {
      kind: "oauth2",
      scheme: name,
      header: "Authorization",
      tokenUrl: scheme.flows.clientCredentials.tokenUrl,
      description,
    };
  }
  const what =
    scheme.type === "apiKey"
      ? `an API key in the ${scheme.in}`
      : scheme.type === "oauth2"
        ? `OAuth2 without a clientCredentials flow`
        : `"${scheme.type}${scheme.scheme ? ` ${scheme.scheme}` : ""}"`;
  throw new SpecError(
    `the security scheme "${name}" is ${what}; the scaffold knows http bearer, http basic, an API key in a header and OAuth2 client credentials (core's bearerAuth, basicAuthValue with headerAuth, headerAuth, clientCredentialsAuth)`,
  );
}

/** The spec's operations in document order, with what the templates need of each. */
export function operationsOf(spec, resolve = resolver(spec)) {
  const operations = [];
  for (const [path, item] of Object.entries(spec.paths ?? {})) {
    for (const method of HTTP_METHODS) {
      const op = item[method];
      if (!op) continue;
      const where = `${method.toUpperCase()} ${path}`;
      if (!/^[a-z][A-Za-z0-9]*$/.test(op.operationId ?? "")) {
        throw new SpecError(
          `${where} needs an operationId in camelCase (it names the client's method), found ${JSON.stringify(op.operationId)}`,
        );
      }
      const parameters = [...(item.parameters ?? []), ...(op.parameters ?? [])].map((parameter) => resolve(parameter));
      const parts = {};
      for (const location of ["path", "query", "header"]) {
        const values = {};
        for (const parameter of parameters.filter((p) => p.in === location)) {
          const value = exampleOf(parameter, resolve);
          if (value !== undefined) values[parameter.name] = value;
          else if (parameter.required)
            throw new SpecError(`${where}: the required ${location} parameter "${parameter.name}" needs an example`);
        }
        if (Object.keys(values).length > 0) parts[location] = values;
      }
      const requestBody = resolve(op.requestBody);
      const [requestMedia, requestContent] =
        Object.entries(requestBody?.content ?? {}).find(([type]) => /json/.test(type)) ?? [];
      if (requestMedia) {
        const body = exampleOf(requestContent, resolve);
        if (body === undefined) throw new SpecError(`${where}: the ${requestMedia} request body needs an example`);
        parts.body = body;
      }
      const [status, success] = Object.entries(op.responses ?? {}).find(([code]) => /^2\d\d$/.test(code)) ?? [];
      if (!status) throw new SpecError(`${where}: no 2xx response is documented`);
      const [responseMedia, responseContent] = Object.entries(resolve(success)?.content ?? {})[0] ?? [];
      const responseSchema = resolve(responseContent?.schema);
      const idempotent = op["x-idempotent"] ?? IDEMPOTENT_METHODS.has(method);
      const bodySchema = resolve(requestContent?.schema);
      operations.push({
        name: op.operationId,
        typeName: op.operationId[0].toUpperCase() + op.operationId.slice(1),
        method: method.toUpperCase(),
        path,
        summary: op.summary ?? op.operationId,
        idempotent,
        idempotentReason: op["x-idempotent"] !== undefined ? "`x-idempotent`" : `a ${method.toUpperCase()}`,
        parts,
        hasBody: requestMedia !== undefined,
        bodyRequired: requestBody?.required === true,
        bodyRef: requestContent?.schema?.$ref?.startsWith("#/components/schemas/")
          ? requestContent.schema.$ref.split("/").pop()
          : undefined,
        bodyRequiredFields: bodySchema?.required ?? [],
        closedBody: bodySchema?.additionalProperties === false,
        status,
        responseMedia,
        responseJson: responseMedia !== undefined && /json/.test(responseMedia),
        responseKind:
          responseSchema?.type === "array"
            ? "array"
            : responseMedia === undefined
              ? "none"
              : /json/.test(responseMedia)
                ? "object"
                : "text",
        responseExample: responseContent ? exampleOf(responseContent, resolve) : undefined,
        rateLimits: op["x-rate-limits"],
        requestIdHeaders: Object.values(op.responses ?? {}).flatMap((response) =>
          Object.keys(resolve(response)?.headers ?? {}).filter((name) => REQUEST_ID_HEADER.test(name)),
        ),
      });
    }
  }
  if (operations.length === 0) throw new SpecError("the spec has no operations under `paths`");
  return operations;
}

/** Everything the templates need, read from the spec; throws a SpecError naming what is missing. */
export function describeVendor(vendor, spec) {
  if (!/^[a-z][a-z0-9]*$/.test(vendor))
    throw new SpecError(`the vendor name "${vendor}" must be lower-case letters and digits, starting with a letter`);
  if (!/^3\.[01]\./.test(String(spec?.openapi)))
    throw new SpecError(`expected an OpenAPI 3.0 or 3.1 document, found openapi: ${JSON.stringify(spec?.openapi)}`);
  const resolve = resolver(spec);
  const title = String(spec.info?.title ?? "");
  const display = title.split(/\s+[—–-]\s+/)[0].trim() || pascalName(vendor);
  const server = spec.servers?.[0];
  if (!server?.url || !/^https?:\/\//.test(serverUrl(server)))
    throw new SpecError("the spec needs an absolute URL in servers[0]: the client's default host");
  const operations = operationsOf(spec, resolve);
  const bulk = operations.find((operation) => operation.hasBody);
  if (!bulk) throw new SpecError("no operation has a JSON request body: the bulk method and the fault suite send one");
  if (bulk.responseExample === undefined && bulk.responseKind !== "none") {
    throw new SpecError(
      `${bulk.method} ${bulk.path}: the ${bulk.status} response needs an example (the tests and the mocks answer with it)`,
    );
  }
  const pascal = pascalName(vendor, display);
  const limited = operations.find((operation) => operation.rateLimits);
  return {
    vendor,
    title,
    display,
    pascal,
    upper: vendor.toUpperCase(),
    factory: `create${pascal}Client`,
    baseUrl: serverUrl(server).replace(/\/+$/, ""),
    auth: authOf(spec, spec.paths[bulk.path][bulk.method.toLowerCase()], resolve),
    operations,
    bulk,
    rateLimited: limited?.name,
    requestIdHeaders: [
      ...new Set(operations.flatMap((operation) => operation.requestIdHeaders.map((name) => name.toLowerCase()))),
    ],
  };
}

/** `"100 requests in 10 s; 4 in flight"`, or `"none"`, for the root README's rate-limit table. */
export function describeLimits(limits) {
  if (!limits) return { limit: "none", scope: "" };
  const windows = (limits.windows ?? []).map(({ requests, seconds }) => `${requests} requests in ${seconds} s`);
  const parts = [...windows, ...(limits.concurrency === undefined ? [] : [`${limits.concurrency} in flight`])];
  return { limit: parts.length > 0 ? parts.join(", ") : "none", scope: limits.scope ?? "" };
}
