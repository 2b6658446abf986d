// A fetch-compatible function over undici's request API, for servers: a keep-alive connection
// pool and none of fetch's per-request WHATWG machinery (Request copies, body stream pipes).
// Node only: a separate package, so that browser bundles never see it.
import { STATUS_CODES } from "node:http";
import { Agent, request, type Dispatcher } from "undici";

export interface UndiciFetchOptions {
  /** How long an idle connection is kept for the next request. Default 10 000 ms. */
  keepAliveTimeoutMs?: number;
  /** Most connections per origin. Default: no limit. */
  connections?: number;
  /** Send through this dispatcher (a proxy agent, a mock) instead of a new keep-alive `Agent`. */
  dispatcher?: Dispatcher;
}

/** What the clients' `fetch` option takes, plus `close()` to end the pool's connections. */
export type UndiciFetch = ((input: Request, init?: RequestInit) => Promise<Response>) & { close(): Promise<void> };

/**
 * Errors as fetch reports them, so that clients classify them the same way: the caller's
 * abort reason when its signal fired, else a `TypeError` with the socket error as `cause`.
 */
function asFetchError(error: unknown, signal: AbortSignal | undefined, message: string): unknown {
  return signal?.aborted ? signal.reason : new TypeError(message, { cause: error });
}

/** The socket's body as the Response's stream: read as the caller reads, closed when it cancels. */
function webStream(body: Dispatcher.ResponseData["body"], signal: AbortSignal | undefined): ReadableStream<Uint8Array> {
  const chunks = body[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { value, done } = await chunks.next();
        if (done) controller.close();
        else controller.enqueue(value);
      } catch (error) {
        controller.error(asFetchError(error, signal, "terminated"));
      }
    },
    cancel() {
      body.destroy();
    },
  });
}

/**
 * A `fetch` for the clients' `fetch` option:
 *
 * ```ts
 * const fetch = createUndiciFetch();
 * const client = createExperienceClient({ partnerToken, hotelToken, fetch });
 * ```
 *
 * Unlike fetch it does not follow redirects: a 3xx comes back as it is.
 */
export function createUndiciFetch(options: UndiciFetchOptions = {}): UndiciFetch {
  const dispatcher = options.dispatcher ?? new Agent({ keepAliveTimeout: options.keepAliveTimeoutMs ?? 10_000, connections: options.connections ?? null });

  const undiciFetch = async (input: Request, init?: RequestInit): Promise<Response> => {
    const signal = init?.signal ?? undefined;
    const headers: Record<string, string> = {};
    input.headers.forEach((value, name) => (headers[name] = value));
    new Headers(init?.headers).forEach((value, name) => (headers[name] = value));
    // The clients hand over the request only: its body is read once, as bytes.
    const body = typeof init?.body === "string" ? init.body : input.body === null ? undefined : Buffer.from(await input.arrayBuffer());

    let response: Dispatcher.ResponseData;
    try {
      response = await request(input.url, { method: input.method as Dispatcher.HttpMethod, headers, body, signal, dispatcher });
    } catch (error) {
      throw asFetchError(error, signal, "fetch failed");
    }
    const responseHeaders = new Headers();
    for (const [name, value] of Object.entries(response.headers)) {
      for (const item of Array.isArray(value) ? value : value === undefined ? [] : [value]) responseHeaders.append(name, item);
    }
    const { statusCode } = response;
    const noBody = input.method === "HEAD" || statusCode === 204 || statusCode === 205 || statusCode === 304;
    if (noBody) await response.body.dump();
    return new Response(noBody ? null : webStream(response.body, signal), { status: statusCode, statusText: STATUS_CODES[statusCode] ?? "", headers: responseHeaders });
  };
  return Object.assign(undiciFetch, { close: () => dispatcher.close() });
}
