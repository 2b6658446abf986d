import { documentedRequest } from "@customer-clients/test-utils/samples";
import type { CustomerPatch } from "../src/index.js";

/** The vendor's request example: every field set. */
export const everyField = documentedRequest("pexip", "updateCustomer") as CustomerPatch;

const translations = {
  city: [{ language: "en", value: "Gent" }],
  street1: [{ language: "en", value: "Veldstraat 1" }],
};

/**
 * Bodies that break one documented rule each: the body, where the rule sits (as Prism's
 * `sl-violations` and the client's details name it), and the JSON Schema keyword.
 */
export const brokenRules: Array<[string, { body: unknown; prism: string; pointer: string; keyword: string }]> = [
  [
    "countryCode longer than 2",
    {
      body: { location: { countryCode: "BEL", translations } },
      prism: "location.countryCode",
      pointer: "/location/countryCode",
      keyword: "maxLength",
    },
  ],
  [
    "countryCode shorter than 2",
    {
      body: { location: { countryCode: "B", translations } },
      prism: "location.countryCode",
      pointer: "/location/countryCode",
      keyword: "minLength",
    },
  ],
  [
    "countryCode missing",
    { body: { location: { translations } }, prism: "location", pointer: "/location/countryCode", keyword: "required" },
  ],
  [
    "latitude above 90",
    {
      body: { location: { countryCode: "BE", geolocation: { latitude: 90.5, longitude: 3.7 }, translations } },
      prism: "location.geolocation.latitude",
      pointer: "/location/geolocation/latitude",
      keyword: "maximum",
    },
  ],
  [
    "longitude below -180",
    {
      body: { location: { countryCode: "BE", geolocation: { latitude: 51, longitude: -180.1 }, translations } },
      prism: "location.geolocation.longitude",
      pointer: "/location/geolocation/longitude",
      keyword: "minimum",
    },
  ],
  [
    "an unknown location property",
    {
      body: { location: { countryCode: "BE", city: "Gent", translations } },
      prism: "location",
      pointer: "/location/city",
      keyword: "additionalProperties",
    },
  ],
  [
    "an unknown geolocation property",
    {
      body: {
        location: { countryCode: "BE", geolocation: { latitude: 51, longitude: 3.7, altitude: 10 }, translations },
      },
      prism: "location.geolocation",
      pointer: "/location/geolocation/altitude",
      keyword: "additionalProperties",
    },
  ],
  [
    "an unknown translations property",
    {
      body: { location: { countryCode: "BE", translations: { ...translations, country: [] } } },
      prism: "location.translations",
      pointer: "/location/translations/country",
      keyword: "additionalProperties",
    },
  ],
  [
    "empty city translations",
    {
      body: { location: { countryCode: "BE", translations: { ...translations, city: [] } } },
      prism: "location.translations.city",
      pointer: "/location/translations/city",
      keyword: "minItems",
    },
  ],
  [
    "street1 translations missing",
    {
      body: { location: { countryCode: "BE", translations: { city: translations.city } } },
      prism: "location.translations",
      pointer: "/location/translations/street1",
      keyword: "required",
    },
  ],
  [
    "an empty translated value",
    {
      body: {
        location: { countryCode: "BE", translations: { ...translations, street1: [{ language: "en", value: "" }] } },
      },
      prism: "location.translations.street1.0.value",
      pointer: "/location/translations/street1/0/value",
      keyword: "minLength",
    },
  ],
  [
    "a translation language outside the enum",
    {
      body: {
        location: { countryCode: "BE", translations: { ...translations, city: [{ language: "EN", value: "Gent" }] } },
      },
      prism: "location.translations.city.0.language",
      pointer: "/location/translations/city/0/language",
      keyword: "enum",
    },
  ],
  [
    "a customer language outside the enum",
    { body: { language: "it" }, prism: "language", pointer: "/language", keyword: "anyOf" },
  ],
  [
    "externalId longer than 255",
    { body: { externalId: "x".repeat(256) }, prism: "externalId", pointer: "/externalId", keyword: "maxLength" },
  ],
  ["an empty firstName", { body: { firstName: "" }, prism: "firstName", pointer: "/firstName", keyword: "minLength" }],
  ["existing as a string", { body: { existing: "yes" }, prism: "existing", pointer: "/existing", keyword: "type" }],
];
