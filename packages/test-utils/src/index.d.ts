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

declare module "vitest" {
  export interface ProvidedContext {
    prismUrl: string;
  }
}
