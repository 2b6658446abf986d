export interface MockServer {
  url: string;
  stop(): Promise<void>;
}
/** The repository's `specs/<vendor>/openapi.yaml`. */
export function specPath(vendor: string): string;
export function freePort(): Promise<number>;
/** Starts a Prism mock of a spec on loopback and resolves once it listens. */
export function startPrism(spec: string, port?: number): Promise<MockServer>;
/** A vitest global setup that mocks one vendor's spec (default: the tested package's folder name) and provides its URL as `prismUrl`. */
export function prismGlobalSetup(
  vendor?: string,
): (context: {
  provide: (key: "prismUrl", value: string) => void;
  config: { root: string };
}) => Promise<(() => Promise<void>) | undefined>;

type Answer = (request: Request) => Response | Promise<Response>;

/**
 * A fetch for unit tests: records a copy of every request in `requests`, and answers each with
 * `answer(request)`. Requests whose path ends with `tokenPath` are answered by `token` and listed
 * in `tokenRequests`; the others in `apiRequests`.
 */
export function fakeFetch(
  answer: Answer,
  oauth?: { tokenPath?: string; token?: Answer },
): ((request: Request, init?: RequestInit) => Promise<Response>) & {
  requests: Request[];
  apiRequests: Request[];
  tokenRequests: Request[];
};

/**
 * A fetch that changes each request after the client built and checked it, then sends it on, so
 * that the server (a Prism mock) judges it: `headers` set (null removes one), `body` sent as JSON
 * instead. Records what it sent in `requests` and the answers in `responses`.
 */
export function forwardingFetch(change?: {
  headers?: Record<string, string | null>;
  body?: unknown;
}): ((request: Request, init?: RequestInit) => Promise<Response>) & { requests: Request[]; responses: Response[] };

declare module "vitest" {
  export interface ProvidedContext {
    prismUrl: string;
  }
}
