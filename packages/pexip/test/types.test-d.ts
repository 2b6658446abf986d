import type { Result } from "@customer-clients/core";
import { describe, expectTypeOf, it } from "vitest";
import { createPexipClient, type Customer, type CustomerPatch } from "../src/index.js";

const client = createPexipClient({ enterprise: "acme", auth: { clientId: "id", clientSecret: async () => "secret" } });
const translations = {
  city: [{ language: "en" as const, value: "Gent" }],
  street1: [{ language: "en" as const, value: "Veldstraat 1" }],
};

describe("pexip client types", () => {
  it("returns the customer as a typed result", () => {
    expectTypeOf(client.updateCustomer("1", {})).toEqualTypeOf<Promise<Result<Customer>>>();
    expectTypeOf<Customer["deletedAt"]>().toEqualTypeOf<string | null>();
    expectTypeOf<Customer["existing"]>().toEqualTypeOf<boolean>();
  });

  it("tells leaving a field unchanged (absent) from clearing it (null)", () => {
    expectTypeOf<CustomerPatch>().toHaveProperty("firstName").toEqualTypeOf<string | null | undefined>();
    expectTypeOf({}).toExtend<CustomerPatch>();
    expectTypeOf<{ firstName: null; location: null; existing: null; language: null }>().toExtend<CustomerPatch>();
    void client.updateCustomer("1", {
      location: { countryCode: "BE", geolocation: null, postalCode: null, translations },
    });
  });

  it("accepts both auth styles and the call options", () => {
    createPexipClient({ enterprise: "acme", auth: "token" });
    createPexipClient({ enterprise: "acme", environment: "development", auth: async () => "token" });
    createPexipClient({
      enterprise: "acme",
      auth: { clientId: "id", clientSecret: "secret", tokenUrl: "http://127.0.0.1:1/token" },
    });
    void client.updateCustomer(
      "1",
      {},
      { correlationId: "c", language: "en", timeoutMs: 1000, signal: AbortSignal.timeout(1) },
    );
  });

  it("rejects what the spec does not allow", () => {
    // @ts-expect-error language is one of the documented values
    void client.updateCustomer("1", { language: "it" });
    // @ts-expect-error countryCode is required in a location
    void client.updateCustomer("1", { location: { translations } });
    // @ts-expect-error countryCode cannot be cleared on its own
    void client.updateCustomer("1", { location: { countryCode: null, translations } });
    // @ts-expect-error translations are required in a location
    void client.updateCustomer("1", { location: { countryCode: "BE" } });
    const noValue = { ...translations, city: [{ language: "en" as const }] };
    // @ts-expect-error a translation needs a value
    void client.updateCustomer("1", { location: { countryCode: "BE", translations: noValue } });
    const textLatitude = { latitude: "51", longitude: 3.7 };
    // @ts-expect-error the coordinates are numbers
    void client.updateCustomer("1", { location: { countryCode: "BE", geolocation: textLatitude, translations } });
    // @ts-expect-error existing is a boolean
    void client.updateCustomer("1", { existing: "yes" });
    // @ts-expect-error the id is not part of the patch
    void client.updateCustomer("1", { id: "2" });
    // @ts-expect-error the correlation id is a string
    void client.updateCustomer("1", {}, { correlationId: 42 });
    // @ts-expect-error the environment is production, staging or development
    createPexipClient({ enterprise: "acme", environment: "prod", auth: "token" });
    // @ts-expect-error client credentials need a secret
    createPexipClient({ enterprise: "acme", auth: { clientId: "id" } });
    // @ts-expect-error the enterprise is required
    createPexipClient({ auth: "token" });
  });
});
