// The real client against a Prism mock of specs/pexip/openapi.yaml.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import {
  AuthenticationError,
  InvalidRequestError,
  NotFoundError,
  UnprocessableEntityError,
  unwrap,
} from "@customer-clients/core";
import { forwardingFetch } from "@customer-clients/test-utils";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createPexipClient, PEXIP_BUSINESS_CODES, type CustomerPatch } from "../src/index.js";
import { brokenRules, everyField } from "./fixtures.js";

const baseUrl = inject("prismUrl");
const common = { enterprise: "acme", baseUrl, maxRetries: 0 };

describe("pexip contract (Prism)", () => {
  it("updates a customer with every documented field and returns the customer", async () => {
    const client = createPexipClient({ ...common, auth: "token-1" });
    const result = await client.updateCustomer("123", everyField, {
      correlationId: "a4f0048e-c983-11ed-afa1-0242ac120002",
      language: "en",
    });
    expect(result.error).toBeUndefined();
    expect(result.data).toMatchObject({
      id: "123",
      firstName: "John",
      deletedAt: null,
      location: { countryCode: "BE", geolocation: { latitude: 51.0479466 } },
    });
    await expect(unwrap(client.updateCustomer("123", { firstName: "John" }))).resolves.toMatchObject({
      id: "123",
      existing: true,
    });
  });

  it("accepts null for every nullable field (null clears it)", async () => {
    const client = createPexipClient({ ...common, auth: "token-1" });
    const clearAll: CustomerPatch = {
      externalId: null,
      customerNumber: null,
      email: null,
      firstName: null,
      lastName: null,
      company: null,
      language: null,
      notes: null,
      phoneNumber: null,
      existing: null,
      timeZone: null,
      location: null,
    };
    expect((await client.updateCustomer("123", clearAll)).error).toBeUndefined();
    const noGeolocation: CustomerPatch = {
      location: {
        countryCode: "BE",
        postalCode: null,
        geolocation: null,
        translations: {
          city: [{ language: "nl", value: "Gent" }],
          street1: [{ language: "nl", value: "Veldstraat 1" }],
        },
      },
    };
    expect((await client.updateCustomer("123", noGeolocation)).error).toBeUndefined();
  });

  describe.each(brokenRules)("a body with %s", (_name, { body, prism, pointer, keyword }) => {
    it("is refused by the client before sending", async () => {
      const fetch = forwardingFetch();
      const client = createPexipClient({ ...common, auth: "token-1", fetch });
      const { error } = await client.updateCustomer("123", body as CustomerPatch, { correlationId: "corr-local" });
      expect(error).toBeInstanceOf(InvalidRequestError);
      expect(error?.details).toContainEqual(expect.objectContaining({ path: pointer, code: keyword }));
      expect(error?.requestId).toBe("corr-local");
      expect(fetch.requests).toHaveLength(0);
    });

    it("is rejected by the mock with 422, the violation named", async () => {
      const client = createPexipClient({ ...common, auth: "token-1", fetch: forwardingFetch({ body }) });
      const result = await client.updateCustomer("123", { firstName: "John" }, { correlationId: "corr-prism" });
      expect(result.error).toBeInstanceOf(UnprocessableEntityError);
      expect(result.error).toMatchObject({ status: 422, requestId: "corr-prism", retryable: false });
      const violations = JSON.parse(result.response?.headers.get("sl-violations") ?? "[]") as Array<{
        location: string[];
        code: string;
      }>;
      expect(violations.map((v) => [v.location.slice(2).join("."), v.code])).toContainEqual([prism, keyword]);
    });
  });

  it("rejects an empty customer id", async () => {
    const client = createPexipClient({ ...common, auth: "token-1" });
    const { error } = await client.updateCustomer("", { firstName: "John" });
    expect(error?.details).toEqual([expect.objectContaining({ path: "/path/id", code: "minLength" })]);
  });

  it.each(PEXIP_BUSINESS_CODES.map((code) => [code]))(
    "keeps the business code %s of a documented 422",
    async (code) => {
      const example = code.toLowerCase().replace(/_(\w)/g, (_, letter: string) => letter.toUpperCase());
      const client = createPexipClient({
        ...common,
        auth: "token-1",
        fetch: forwardingFetch({ headers: { prefer: `code=422, example=${example}` } }),
      });
      const { error } = await client.updateCustomer("123", { firstName: "John" }, { correlationId: "corr-422" });
      expect(error).toBeInstanceOf(UnprocessableEntityError);
      expect(error).toMatchObject({ code, status: 422, requestId: "corr-422" });
      expect(error?.details).toEqual([expect.objectContaining({ code })]);
    },
  );

  it("normalises the documented 404", async () => {
    const client = createPexipClient({
      ...common,
      auth: "token-1",
      fetch: forwardingFetch({ headers: { prefer: "code=404" } }),
    });
    const { error } = await client.updateCustomer("404", { firstName: "John" }, { correlationId: "corr-404" });
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({
      status: 404,
      code: "NOT_FOUND",
      requestId: "corr-404",
      message: "pexip updateCustomer: Customer 1234 not found",
    });
  });

  it("is rejected with 401 when the request carries no token", async () => {
    const client = createPexipClient({
      ...common,
      auth: "token-1",
      fetch: forwardingFetch({ headers: { authorization: null } }),
    });
    const { error } = await client.updateCustomer("123", { firstName: "John" }, { correlationId: "corr-401" });
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({ status: 401, requestId: "corr-401" });
  });

  describe("with client credentials", () => {
    let tokenServer: Server;
    let tokenUrl: string;
    const forms: URLSearchParams[] = [];
    beforeAll(async () => {
      tokenServer = createServer((request, response) => {
        let body = "";
        request.on("data", (chunk) => (body += chunk));
        request.on("end", () => {
          forms.push(new URLSearchParams(body));
          response.writeHead(200, { "content-type": "application/json" });
          response.end(JSON.stringify({ access_token: `jwt-${forms.length}`, expires_in: 300, token_type: "Bearer" }));
        });
      });
      await new Promise<void>((resolve) => tokenServer.listen(0, "127.0.0.1", resolve));
      tokenUrl = `http://127.0.0.1:${(tokenServer.address() as AddressInfo).port}/realms/acme/protocol/openid-connect/token`;
    });
    afterAll(() => new Promise<void>((resolve) => tokenServer.close(() => resolve())));

    it("exchanges them and updates through the mock with the token", async () => {
      const fetch = forwardingFetch();
      const client = createPexipClient({
        ...common,
        auth: { clientId: "engage-client", clientSecret: "engage-secret-value", tokenUrl },
        fetch,
      });
      expect((await client.updateCustomer("123", { firstName: "John" })).data?.id).toBe("123");
      expect(forms).toHaveLength(1);
      expect(Object.fromEntries(forms[0]!)).toEqual({
        grant_type: "client_credentials",
        client_id: "engage-client",
        client_secret: "engage-secret-value",
        scope: "engage:customers:readWrite",
      });
      expect(
        fetch.requests
          .filter((request) => request.url.startsWith(baseUrl))
          .map((request) => request.headers.get("authorization")),
      ).toEqual(["Bearer jwt-1"]);
    });
  });
});
