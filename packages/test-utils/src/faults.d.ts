import type { CommonClientOptions, Result } from "@customer-clients/core";

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
  call(client: Client): Promise<Result<unknown>>;
}

/** Registers the fault-injection suite for one vendor client. */
export function describeFaults<Client>(fault: FaultCase<Client>): void;
