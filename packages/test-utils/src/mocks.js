import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";

export function documentedCases(operations) {
  const cases = [];
  for (const [operation, { responses }] of Object.entries(operations)) {
    for (const [key, response] of Object.entries(responses)) {
      // A range answers with a code of the range that the spec does not document on its own; `default` with an error code it does not list.
      const first = key === "default" ? 400 : Number(key[0]) * 100;
      const span = key === "default" ? 200 : 100;
      const status = /^\d+$/.test(key)
        ? Number(key)
        : [...Array(span).keys()]
            .map((n) => first + n)
            .find((code) => !(String(code) in responses) && !(`${String(code)[0]}XX` in responses));
      const names = Object.keys(response.examples);
      for (const example of names.length ? names : [undefined]) cases.push({ operation, status, key, example });
    }
  }
  return cases;
}

export function requestFor(operation) {
  const path = operation.path.replace(/\{[^}]+\}/g, "x1");
  const body = operation.method === "get" || operation.method === "delete" ? undefined : "{}";
  return new Request(`${operation.server ?? "https://api.example.test"}${path}`, {
    method: operation.method.toUpperCase(),
    body,
    headers: { "content-type": "application/json" },
  });
}

export function specChecker(vendor) {
  const specFile = fileURLToPath(new URL(`../../specs/dist/${vendor}.json`, import.meta.url));
  const spec = JSON.parse(readFileSync(specFile, "utf8"));
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false, logger: false });
  addFormats(ajv);
  ajv.addSchema(spec, "spec");
  const pointer = (...keys) =>
    `spec#/${keys.map((key) => String(key).replace(/~/g, "~0").replace(/\//g, "~1")).join("/")}`;
  const resolve = (node) => {
    while (node?.$ref)
      node = node.$ref
        .slice(2)
        .split("/")
        .reduce((parent, key) => parent[key.replace(/~1/g, "/").replace(/~0/g, "~")], spec);
    return node;
  };
  const located = new Map();
  for (const [path, item] of Object.entries(spec.paths)) {
    for (const [method, op] of Object.entries(item))
      if (op?.operationId) located.set(op.operationId, { path, method, op });
  }
  const errorsOf = (ref, value) => {
    const validate = ajv.getSchema(ref) ?? ajv.compile({ $ref: ref });
    return validate(value) ? [] : validate.errors.map((error) => `${error.instancePath || "/"} ${error.message}`);
  };

  return {
    has: (operationId) => located.has(operationId),
    async check(operationId, key, response) {
      const where = located.get(operationId);
      if (!where) return [`the spec has no operation ${operationId}`];
      const documented = resolve(where.op.responses[key]);
      if (!documented) return [`the spec documents no ${key} response for ${operationId}`];
      const problems = [];
      const text = await response.text();
      const types = Object.keys(documented.content ?? {});
      const type = response.headers.get("content-type")?.split(";")[0].trim();
      if (types.length === 0) {
        if (text !== "") problems.push(`a body where the spec documents none: ${text.slice(0, 80)}`);
      } else if (type === undefined || !types.includes(type)) {
        if (text !== "" || type !== undefined) problems.push(`content-type ${type} is not one of ${types.join(", ")}`);
      } else {
        let body = text;
        if (type.includes("json")) {
          try {
            body = JSON.parse(text);
          } catch {
            problems.push(`not JSON: ${text.slice(0, 80)}`);
          }
        }
        // The schema is located through the response as the operation refers to it, $refs and all.
        const base = where.op.responses[key].$ref
          ? where.op.responses[key].$ref.slice(2).split("/")
          : ["paths", where.path, where.method, "responses", key];
        problems.push(...errorsOf(pointer(...base, "content", type, "schema"), body).map((error) => `body ${error}`));
      }
      for (const [name, header] of Object.entries(documented.headers ?? {})) {
        const value = response.headers.get(name);
        if (value === null) continue;
        const schema = resolve(resolve(header).schema);
        const types = [schema?.type].flat();
        const parsed = types.includes("integer") || types.includes("number") ? Number(value) : value;
        const valid = ajv.compile(schema);
        if (!valid(parsed)) problems.push(`header ${name}: ${valid.errors.map((error) => error.message).join(", ")}`);
      }
      return problems;
    },
  };
}

/**
 * The tests every vendor's mocks pass: each documented (status, example) answered as the spec
 * documents it, the default answers, and the rate limit's Retry-After. Operations that are not
 * in the spec (a realm's token endpoint) are checked only for their status.
 */
export function cannedAnswerSuite({ vendor, operations, mocks, server }) {
  const spec = specChecker(vendor);
  const inSpec = (operation) => spec.has(operation);
  describe(`${vendor} mocks: canned answers`, () => {
    it.each(documentedCases(operations).filter(({ operation }) => inSpec(operation)))(
      "$operation answers $status ($key, example $example) as the spec documents",
      async ({ operation, status, key, example }) => {
        server.use(mocks.reply(operation, status, { example }));
        const response = await fetch(requestFor(operations[operation]));
        expect(response.status).toBe(status);
        expect(await spec.check(operation, key, response)).toEqual([]);
      },
    );

    it.each(Object.keys(operations))("%s answers its first success example by default", async (operation) => {
      const [key, documented] = Object.entries(operations[operation].responses).find(([code]) => /^2\d\d$/.test(code));
      const response = await fetch(requestFor(operations[operation]));
      expect(response.status).toBe(Number(key));
      const example = Object.values(documented.examples)[0];
      const text = await response.clone().text();
      expect(documented.contentType?.includes("json") ? JSON.parse(text) : text).toEqual(example);
      if (inSpec(operation)) expect(await spec.check(operation, key, response)).toEqual([]);
    });

    it.each(Object.keys(operations).filter(inSpec))(
      "%s answers a rate limit with Retry-After, as the spec documents a 429 if it does",
      async (operation) => {
        server.use(mocks.rateLimit(operation, { retryAfter: 7 }));
        const response = await fetch(requestFor(operations[operation]));
        expect(response.status).toBe(429);
        expect(response.headers.get("retry-after")).toBe("7");
        const { responses } = operations[operation];
        const key = ["429", "4XX", "default"].find((candidate) => candidate in responses);
        if (key) expect(await spec.check(operation, key, response)).toEqual([]);
      },
    );

    it.each(Object.keys(operations))("%s fails the connection on networkError", async (operation) => {
      server.use(mocks.networkError(operation));
      await expect(fetch(requestFor(operations[operation]))).rejects.toThrow(TypeError);
    });

    it("refuses an operation, status or example the spec does not document", () => {
      const [operation, { responses }] = Object.entries(operations)[0];
      expect(() => mocks.reply("noSuchOperation", 200)).toThrow('No operation "noSuchOperation"');
      if (!Object.keys(responses).some((key) => key.startsWith("1")))
        expect(() => mocks.reply(operation, 101)).toThrow("documents no 101 response");
      const firstKey = Object.keys(responses)[0];
      const firstStatus = firstKey === "default" ? 400 : Number(firstKey.replace("XX", "00"));
      expect(() => mocks.reply(operation, firstStatus, { example: "noSuchExample" })).toThrow(
        'no example "noSuchExample"',
      );
    });
  });
}

/**
 * The setup every vendor's mocks test shares: an MSW server with the mocks' handlers, listening
 * for the whole file and refusing unhandled requests, reset (handlers and recorded requests)
 * after each test, and the canned-answer suite. Call at the top level of a test file.
 */
export function useVendorMocks({ vendor, operations, mocks }) {
  const server = setupServer(...mocks.handlers);
  beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
  afterEach(() => {
    server.resetHandlers();
    mocks.clearRequests();
  });
  afterAll(() => server.close());
  cannedAnswerSuite({ vendor, operations, mocks, server });
  return server;
}
