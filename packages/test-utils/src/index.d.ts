export interface MockServer {
  url: string;
  stop(): Promise<void>;
}
/** The repository's `specs/<vendor>/openapi.yaml`. */
export function specPath(vendor: string): string;
export function freePort(): Promise<number>;
/** Starts a Prism mock of a spec on loopback and resolves once it listens. */
export function startPrism(spec: string, port?: number): Promise<MockServer>;
/** A vitest global setup that mocks one vendor's spec and provides its URL as `prismUrl`. */
export function prismGlobalSetup(vendor: string): (context: { provide: (key: "prismUrl", value: string) => void }) => Promise<(() => Promise<void>) | undefined>;

/** A fetch for unit tests: records a copy of every request in `requests`, and answers each with `answer(request)`. */
export function fakeFetch(answer: (request: Request) => Response | Promise<Response>): ((request: Request, init?: RequestInit) => Promise<Response>) & { requests: Request[] };

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
