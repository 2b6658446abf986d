import type { CommonClientOptions, CredentialSource, Result } from "@customer-clients/core";

export interface FaultCase<Client = unknown> {
  vendor: string;
  /** Whether the operation is retried after failures that may have reached the server. */
  idempotent: boolean;
  /** A documented success response, to truncate, stall or mislabel. */
  success: { contentType: string; body: string };
  /** Every credential the client is given; none may appear in any output. */
  secrets: string[];
  /** Text bodies may come with any content type. */
  acceptsAnyContentType?: boolean;
  createClient(options: CommonClientOptions & { baseUrl: string }): Client;
  /** The same client, its (first) credential replaced by `source`. */
  createClientWithCredential(options: CommonClientOptions & { baseUrl: string }, source: CredentialSource): Client;
  /** The documented call; `options` are its call options, passed as given. */
  call(client: Client, options?: unknown): Promise<Result<unknown>>;
  /** Whether the credential travels encoded (Basic), so that no value can break the header. */
  encodesCredential?: boolean;
  /** Whether the object `callWithField` adds to refuses unknown properties (`additionalProperties: false`). */
  closedInput?: boolean;
  /** The call with one more field on the customer, set to a value of any kind. */
  callWithField(client: Client, name: string, value: unknown): Promise<Result<unknown>>;
  /** For an operation with an id in its path: the call for that id. */
  callWithId?(client: Client, id: string): Promise<Result<unknown>>;
  /** For an operation with a header the caller sets: the call with that value. */
  callWithHeader?(client: Client, value: string): Promise<Result<unknown>>;
  /** For a client that exchanges credentials for a token at the same server, under `tokenPath`. */
  oauth?: {
    tokenPath: string;
    secrets: string[];
    createClient(options: CommonClientOptions & { baseUrl: string }): Client;
  };
}

/** A fault case's `success` from a vendor's generated examples: the media type and first example of its `status` (default 200) response. */
export function documentedSuccess<S extends string = "200">(
  operation: { responses: { [K in S]: { contentType: string; examples: Record<string, unknown> } } },
  status?: S,
): FaultCase["success"];

/** Registers the fault-injection suite for one vendor client. */
export function describeFaults<Client>(fault: FaultCase<Client>): void;
