// Requests and responses copied from the vendors' own documentation, samples and SDKs, each with
// where it comes from (samples.js).

export interface RequestSample {
  kind: "request";
  vendor: string;
  operationId: string;
  source: string;
  body: unknown;
  query?: Record<string, string>;
}

export interface ResponseSample {
  kind: "response";
  vendor: string;
  operationId: string;
  source: string;
  status: string;
  mediaType: string;
  body: unknown;
}

export type Sample = RequestSample | ResponseSample;

/** Every documented sample; each must be accepted as the vendor documents it. */
export const samples: Sample[];
/** Near-misses of documented samples that the specs must refuse. */
export const refused: Sample[];
/** The body of the first documented request sample of a vendor's operation (a copy). */
export function documentedRequest(vendor: string, operationId: string): unknown;
