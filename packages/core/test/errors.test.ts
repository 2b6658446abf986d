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
  errorForStatus,
} from "../src/errors.js";

describe("errorForStatus", () => {
  it.each([
    [400, BadRequestError, "bad_request", false],
    [401, AuthenticationError, "authentication", false],
    [403, PermissionDeniedError, "permission_denied", false],
    [404, NotFoundError, "not_found", false],
    [405, BadRequestError, "bad_request", false],
    [408, BadRequestError, "bad_request", true],
    [409, ConflictError, "conflict", false],
    [415, BadRequestError, "bad_request", false],
    [422, UnprocessableEntityError, "unprocessable", false],
    [429, RateLimitError, "rate_limited", true],
    [500, InternalServerError, "server", true],
    [503, InternalServerError, "server", true],
    [200, InvalidResponseError, "invalid_response", false],
  ] as const)("maps %i to %o", (status, cls, kind, retryable) => {
    const error = errorForStatus({ vendor: "v", operation: "op", status, message: "m" });
    expect(error).toBeInstanceOf(cls);
    expect(error).toMatchObject({ kind, status, retryable, name: cls.name });
  });

  it("narrows the union on kind", () => {
    const error = errorForStatus({ vendor: "v", operation: "op", status: 429, message: "m", retryAfterSeconds: 3 });
    if (error.kind === "rate_limited") expect(error.retryAfterSeconds).toBe(3);
    else expect.fail("expected a rate limit error");
  });
});
