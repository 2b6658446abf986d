import { describe, expect, it } from "vitest";
import {
  AuthenticationError,
  BadRequestError,
  ConflictError,
  InternalServerError,
  InvalidResponseError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  UnprocessableEntityError,
  CustomerApiError,
  parseCommonErrorBody,
  errorForStatus,
  isRetryableStatus,
} from "../src/errors.js";

describe("errorForStatus", () => {
  it.each([
    [400, BadRequestError, "bad_request"],
    [401, AuthenticationError, "authentication"],
    [403, PermissionDeniedError, "permission_denied"],
    [404, NotFoundError, "not_found"],
    [405, BadRequestError, "bad_request"],
    [408, BadRequestError, "bad_request"],
    [409, ConflictError, "conflict"],
    [415, BadRequestError, "bad_request"],
    [422, UnprocessableEntityError, "unprocessable"],
    [429, RateLimitError, "rate_limited"],
    [500, InternalServerError, "server"],
    [503, InternalServerError, "server"],
    [200, InvalidResponseError, "invalid_response"],
    [302, InvalidResponseError, "invalid_response"],
    [600, InvalidResponseError, "invalid_response"],
    [0, InvalidResponseError, "invalid_response"],
  ] as const)("maps %i to %o", (status, cls, kind) => {
    const error = errorForStatus({ vendor: "v", operation: "op", status, message: "m" });
    expect(error).toBeInstanceOf(cls);
    expect(error).toMatchObject({ kind, status, retryable: false, name: cls.name });
  });

  it("narrows the union on kind", () => {
    const error = errorForStatus({ vendor: "v", operation: "op", status: 429, message: "m", retryAfterSeconds: 3 });
    if (error.kind === "rate_limited") expect(error.retryAfterSeconds).toBe(3);
    else expect.fail("expected a rate limit error");
  });
});

describe("isRetryableStatus", () => {
  it.each([
    [408, false, true],
    [429, false, true],
    [500, false, false],
    [503, false, false],
    [500, true, true],
    [599, true, true],
    [600, true, false],
    [400, true, false],
    [401, true, false],
    [200, true, false],
  ] as const)("%i with idempotent=%s is %s", (status, idempotent, want) => {
    expect(isRetryableStatus(status, idempotent)).toBe(want);
  });
});

describe("instanceof across copies of the package", () => {
  it("recognises an error branded by another copy by its kind", () => {
    const brand = Symbol.for("@customer-clients/core/CustomerApiError");
    const foreign = Object.assign(Object.create(Error.prototype), { [brand]: true, kind: "rate_limited" });
    expect(foreign).toBeInstanceOf(CustomerApiError);
    expect(foreign).toBeInstanceOf(RateLimitError);
    expect(foreign).not.toBeInstanceOf(NotFoundError);
  });

  it("refuses look-alikes without the brand", () => {
    expect({ kind: "rate_limited" }).not.toBeInstanceOf(RateLimitError);
    expect(new Error("x")).not.toBeInstanceOf(CustomerApiError);
    expect(null).not.toBeInstanceOf(CustomerApiError);
  });
});

describe("parseCommonErrorBody", () => {
  it("reads the message from the first field that has one, the code, and each listed error as a detail", () => {
    expect(
      parseCommonErrorBody({
        message: "  ",
        error_description: " Token expired ",
        error: "invalid_token",
        code: 4011,
        errors: [
          { message: "must be an email", field: "email", code: "format" },
          { message: "too long", path: "/name" },
          { message: "" },
          "not an object",
        ],
      }),
    ).toEqual({
      message: "Token expired",
      code: "4011",
      details: [
        { message: "must be an email", path: "/email", code: "format" },
        { message: "too long", path: "/name" },
      ],
    });
  });

  it("gives nothing for a body that is not an object, or has none of the fields", () => {
    for (const body of [undefined, null, "Bad Request", [{ message: "x" }], { errors: "x", code: true }])
      expect(parseCommonErrorBody(body)).toEqual({});
  });
});
