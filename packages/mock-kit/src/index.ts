// MSW handlers built from a spec's documented responses (src/generated/examples.ts in each vendor
// package), and the helpers that make a test pick another answer. Bundled into every vendor
// package's `testing` export; msw itself stays the application's own (a peer dependency).
import { HttpResponse, delay as wait, http, type HttpHandler } from "msw";

export interface DocumentedResponse {
  readonly contentType: string | null;
  /** Example values of the response's documented headers. */
  readonly headers: Readonly<Record<string, string>>;
  /** The spec's named examples of the body, in the spec's order. */
  readonly examples: Readonly<Record<string, unknown>>;
}

export interface DocumentedOperation {
  readonly method: "get" | "put" | "post" | "patch" | "delete";
  /** The spec's path template, `{name}` for a path parameter. */
  readonly path: string;
  /** A host of the operation's own (a token endpoint), or null for the API's servers. */
  readonly server: string | null;
  /** By status: "200", a range such as "4XX", or "default" (every error status not listed). */
  readonly responses: Readonly<Record<string, DocumentedResponse>>;
}

export type DocumentedOperations = Readonly<Record<string, DocumentedOperation>>;

type Digit = "0" | "1" | "2" | "3" | "4" | "5" | "6" | "7" | "8" | "9";
/** "4XX" as the numbers 400 to 499. */
type RangeCodes<Range> = Range extends `${infer First extends Digit}XX`
  ? `${First}${Digit}${Digit}` extends infer Code
    ? Code extends `${infer N extends number}`
      ? N
      : never
    : never
  : never;

/** The statuses an operation documents: its exact codes, every code of a documented range ("4XX"), and every 4xx and 5xx code when it documents `default`. */
export type DocumentedStatus<Op extends DocumentedOperation> = {
  [Key in keyof Op["responses"]]: Key extends `${infer Code extends number}`
    ? Code
    : Key extends "default"
      ? RangeCodes<"4XX" | "5XX">
      : RangeCodes<Key>;
}[keyof Op["responses"]];

/** The response entry that answers `Status`: its own code, else the ranges. */
type ResponseKey<Op extends DocumentedOperation, Status extends number> = `${Status}` extends keyof Op["responses"]
  ? `${Status}`
  : Extract<keyof Op["responses"], `${number}XX` | "default">;

/** The names of the examples documented for a status. */
export type ExampleName<Op extends DocumentedOperation, Status extends number> = Extract<
  keyof Op["responses"][ResponseKey<Op, Status>]["examples"],
  string
>;

export interface RecordedRequest {
  /** The operationId the request matched. */
  operation: string;
  method: string;
  url: URL;
  headers: Headers;
  /** Parsed JSON, form fields as an object, other text as a string; undefined when empty. */
  body: unknown;
}

export interface MockOptions {
  /**
   * Where the API's operations answer, e.g. "https://acme.commercelayer.io". Default "*": any
   * origin and base path, so a client built with its default host is answered too. Operations on
   * a host of their own (token endpoints) answer on any origin.
   */
  baseUrl?: string;
}

export interface HandlerOptions {
  /** Answer only the next matching request, then fall back to the handlers before it. */
  once?: boolean;
}

export interface Mocks<Ops extends DocumentedOperations> {
  /** One handler per operation, answering its first documented success example. */
  handlers: HttpHandler[];
  /** The documented example of a status (the first, or the one named). */
  reply<Name extends keyof Ops & string, Status extends DocumentedStatus<Ops[Name]>>(
    operation: Name,
    status: Status,
    options?: HandlerOptions & { example?: ExampleName<Ops[Name], Status> },
  ): HttpHandler;
  /** 429 with `Retry-After` (seconds, default 1) and the documented 429 (or 4XX) body. */
  rateLimit(operation: keyof Ops & string, options?: HandlerOptions & { retryAfter?: number }): HttpHandler;
  /** A failed connection: `fetch` rejects with a TypeError. */
  networkError(operation: keyof Ops & string, options?: HandlerOptions): HttpHandler;
  /** The default answer, `ms` milliseconds late. */
  delay(operation: keyof Ops & string, ms: number, options?: HandlerOptions): HttpHandler;
  /** Every request a handler of these mocks answered, oldest first. */
  readonly requests: readonly RecordedRequest[];
  /** The requests one operation answered. */
  requestsTo(operation: keyof Ops & string): RecordedRequest[];
  /** Forgets the recorded requests (e.g. in `afterEach`). */
  clearRequests(): void;
}

/** A documented status's entry: the exact code, else its range ("4XX"), else `default` for an error status. */
function responseKey(op: DocumentedOperation, status: number): string | undefined {
  const exact = String(status);
  if (exact in op.responses) return exact;
  const range = `${exact[0]}XX`;
  if (range in op.responses) return range;
  // `default` stands for every status the operation does not list; a mock answers it only with an error.
  return status >= 400 && status <= 599 && "default" in op.responses ? "default" : undefined;
}

async function readBody(request: Request): Promise<unknown> {
  const text = await request.text();
  if (text === "") return undefined;
  const type = request.headers.get("content-type") ?? "";
  if (type.includes("application/x-www-form-urlencoded")) return Object.fromEntries(new URLSearchParams(text));
  if (type.includes("json")) {
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  }
  return text;
}

export function createMocks<Ops extends DocumentedOperations>(operations: Ops, options: MockOptions = {}): Mocks<Ops> {
  const baseUrl = (options.baseUrl ?? "*").replace(/\/+$/, "");
  const requests: RecordedRequest[] = [];

  const operationNamed = (name: string): DocumentedOperation => {
    const op = operations[name];
    if (!op) throw new Error(`No operation "${name}"; the spec has ${Object.keys(operations).join(", ")}`);
    return op;
  };

  /** An MSW handler for one operation that records the request, then answers. */
  const handler = (
    name: string,
    answer: () => Response | Promise<Response>,
    { once = false }: HandlerOptions = {},
  ): HttpHandler => {
    const op = operationNamed(name);
    const url = `${op.server ? "*" : baseUrl}${op.path.replace(/\{([^}]+)\}/g, ":$1")}`;
    return http[op.method](
      url,
      async ({ request }) => {
        requests.push({
          operation: name,
          method: request.method,
          url: new URL(request.url),
          headers: new Headers(request.headers),
          body: await readBody(request.clone()),
        });
        return answer();
      },
      { once },
    );
  };

  const documented = (
    name: string,
    status: number,
    example?: string,
    extraHeaders: Record<string, string> = {},
  ): Response => {
    const op = operationNamed(name);
    const key = responseKey(op, status);
    if (!key)
      throw new Error(`${name} documents no ${status} response; it documents ${Object.keys(op.responses).join(", ")}`);
    const response = op.responses[key]!;
    if (example !== undefined && !(example in response.examples)) {
      throw new Error(
        `${name} ${key} has no example "${example}"; it has ${Object.keys(response.examples).join(", ") || "none"}`,
      );
    }
    const chosen = example ?? Object.keys(response.examples)[0];
    const headers = new Headers({ ...response.headers, ...extraHeaders });
    // A documented response without an example answers with an empty body.
    if (chosen === undefined) return new HttpResponse(null, { status, headers });
    const body = response.examples[chosen];
    if (response.contentType) headers.set("content-type", response.contentType);
    return new HttpResponse(response.contentType?.includes("json") ? JSON.stringify(body) : String(body), {
      status,
      headers,
    });
  };

  const successStatus = (name: string): number => {
    const code = Object.keys(operationNamed(name).responses).find((key) => /^2\d\d$/.test(key));
    if (!code) throw new Error(`${name} documents no success response with a code`);
    return Number(code);
  };

  return {
    handlers: Object.keys(operations).map((name) => handler(name, () => documented(name, successStatus(name)))),
    reply: (name, status, { example, ...rest } = {}) => {
      documented(name, status, example); // fails now, in the test's own line, on an undocumented status or example
      return handler(name, () => documented(name, status, example), rest);
    },
    rateLimit: (name, { retryAfter = 1, ...rest } = {}) =>
      handler(
        name,
        () =>
          responseKey(operationNamed(name), 429)
            ? documented(name, 429, undefined, { "Retry-After": String(retryAfter) })
            : new HttpResponse(null, { status: 429, headers: { "Retry-After": String(retryAfter) } }),
        rest,
      ),
    networkError: (name, rest = {}) => handler(name, () => HttpResponse.error(), rest),
    delay: (name, ms, rest = {}) =>
      handler(
        name,
        async () => {
          await wait(ms);
          return documented(name, successStatus(name));
        },
        rest,
      ),
    requests,
    requestsTo: (name) => requests.filter((request) => request.operation === name),
    clearRequests: () => {
      requests.length = 0;
    },
  };
}
