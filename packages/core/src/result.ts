import type { ApiError } from "./errors.js";

/** A call's outcome as a value: exactly one of `data` and `error` is set. */
export type Result<T> =
  | { data: T; error?: undefined; response: Response }
  | { data?: undefined; error: ApiError; response?: Response };

/** The data of a result, or its error thrown: `const count = await unwrap(client.updateCustomers(...))`. */
export async function unwrap<T>(result: Result<T> | Promise<Result<T>>): Promise<T> {
  const settled = await result;
  if (settled.error) throw settled.error;
  return settled.data as T;
}
