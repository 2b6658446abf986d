import { assertType, describe, expectTypeOf, it } from "vitest";
import type { ApiError, RateLimitError, Result } from "../src/index.js";
import { unwrap } from "../src/index.js";

declare const result: Result<{ count: number }>;

describe("Result", () => {
  it("narrows to data once error is ruled out", () => {
    if (result.error) {
      expectTypeOf(result.error).toEqualTypeOf<ApiError>();
      // @ts-expect-error data is undefined on the error branch
      assertType<number>(result.data.count);
    } else {
      expectTypeOf(result.data).toEqualTypeOf<{ count: number }>();
    }
  });

  it("narrows the error family on kind", () => {
    if (result.error?.kind === "rate_limited") expectTypeOf(result.error).toEqualTypeOf<RateLimitError>();
  });

  it("unwraps to the data type", () => {
    expectTypeOf(unwrap(result)).toEqualTypeOf<Promise<{ count: number }>>();
  });
});
