// A fetch-compatible function over undici's request API, for servers: a keep-alive connection
// pool and none of fetch's per-request WHATWG machinery (Request copies, body stream pipes).
// Node only: a separate package, so that browser bundles never see it.
import { STATUS_CODES } from "node:http";
import { pipeline, type Transform } from "node:stream";
import { createBrotliDecompress, createGunzip, createInflate } from "node:zlib";
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

/** Decoders for the encodings fetch decodes, so that callers see (and count) the same bytes. */
const DECODERS: Record<string, () => Transform> = {
  gzip: createGunzip,
  "x-gzip": createGunzip,
  deflate: createInflate,
  br: createBrotliDecompress,
};

/** The socket's body as the Response's stream, decoded: read as the caller reads, closed when it cancels. */
function webStream(
  body: Dispatcher.ResponseData["body"],
  encoding: string | undefined,
  signal: AbortSignal | undefined,
): ReadableStream<Uint8Array> {
  const decoder = encoding === undefined ? undefined : DECODERS[encoding.trim().toLowerCase()];
  // `pipeline` passes a reset socket on to the decoder, so the reader sees the failure.
  const source: AsyncIterable<Uint8Array> = decoder ? pipeline(body, decoder(), () => undefined) : body;
  const chunks = source[Symbol.asyncIterator]();
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
  const dispatcher =
    options.dispatcher ??
    new Agent({ keepAliveTimeout: options.keepAliveTimeoutMs ?? 10_000, connections: options.connections ?? null });

  const undiciFetch = async (input: Request, init?: RequestInit): Promise<Response> => {
    const signal = init?.signal ?? undefined;
    const headers: Record<string, string> = {};
    for (const [name, value] of input.headers) headers[name] = value;
    for (const [name, value] of new Headers(init?.headers)) headers[name] = value;
    // The clients hand over the request only: its body is read once, as bytes.
    const requestBody =
      typeof init?.body === "string"
        ? init.body
        : input.body === null
          ? undefined
          : Buffer.from(await input.arrayBuffer());

    let response: Dispatcher.ResponseData;
    try {
      response = await request(input.url, {
        method: input.method as Dispatcher.HttpMethod,
        headers,
        body: requestBody,
        signal,
        dispatcher,
      });
    } catch (error) {
      throw asFetchError(error, signal, "fetch failed");
    }
    const responseHeaders = new Headers();
    for (const [name, value] of Object.entries(response.headers)) {
      for (const item of Array.isArray(value) ? value : value === undefined ? [] : [value])
        responseHeaders.append(name, item);
    }
    const { statusCode } = response;
    const noBody = input.method === "HEAD" || statusCode === 204 || statusCode === 205 || statusCode === 304;
    if (noBody) await response.body.dump();
    const encoding = responseHeaders.get("content-encoding") ?? undefined;
    const body = noBody ? null : webStream(response.body, encoding, signal);
    if (statusCode >= 200 && statusCode <= 599)
      return new Response(body, {
        status: statusCode,
        statusText: STATUS_CODES[statusCode] ?? "",
        headers: responseHeaders,
      });
    // `Response` refuses other statuses, which fetch hands over as they are: so does this.
    const odd = new Response(body, { status: 500, headers: responseHeaders });
    return Object.defineProperties(odd, {
      status: { value: statusCode },
      ok: { value: false },
      statusText: { value: "" },
    });
  };
  return Object.assign(undiciFetch, { close: () => dispatcher.close() });
}
