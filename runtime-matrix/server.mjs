// The loopback server every runtime calls: `/<mode>/<vendor>/...` answers as that vendor would,
// from the examples of its bundled spec (as installed from the specs tarball). Modes: `ok` (the
// documented success), `unauthorized` (the documented 401), `retry-<id>` (429 with Retry-After
// once, then success), `hang` (never answers), `unreachable` (500: a call that should never
// be sent). Every answer carries each request-id header a spec names. CORS as a vendor would have
// to set it for browsers: request ids and Retry-After exposed.
// `/page/*` serves the browser page and its bundle.
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import { join } from "node:path";
import { requestIdOf } from "./scenario.mjs";

/** Core's request-id header when a vendor names none. */
const DEFAULT_REQUEST_ID_HEADER = "x-request-id";
/** Header names that carry a request id, by the names vendors give them. */
const REQUEST_ID = /(request|correlation|trace)[-_]?id$/i;
const METHODS = ["get", "put", "post", "patch", "delete"];

const dereferencer = (spec) => {
  const deref = (node) =>
    node?.$ref
      ? deref(
          node.$ref
            .slice(2)
            .split("/")
            .reduce((at, key) => at[key], spec),
        )
      : node;
  return deref;
};

/** The request-id headers the spec names: in its responses, or sent by the client for the server to echo. */
function requestIdHeaders(spec) {
  const deref = dereferencer(spec);
  const names = Object.values(spec.paths).flatMap((item) =>
    Object.entries(item)
      .filter(([method]) => METHODS.includes(method))
      .flatMap(([, operation]) => [
        ...[...(item.parameters ?? []), ...(operation.parameters ?? [])]
          .map(deref)
          .filter((parameter) => parameter.in === "header")
          .map((parameter) => parameter.name),
        ...Object.values(operation.responses).flatMap((response) => Object.keys(deref(response).headers ?? {})),
      ]),
  );
  return names.filter((name) => REQUEST_ID.test(name)).map((name) => name.toLowerCase());
}

/** The first example of each response of the spec's one operation, by status. */
function examples(spec) {
  const [item] = Object.values(spec.paths);
  const operation = Object.entries(item).find(([method]) => METHODS.includes(method))[1];
  const deref = dereferencer(spec);
  const byStatus = {};
  for (const [status, ref] of Object.entries(operation.responses)) {
    const response = deref(ref);
    const [type, media] = Object.entries(response.content ?? {})[0] ?? [];
    if (!media) continue;
    const example = media.example ?? deref(Object.values(media.examples ?? {})[0])?.value;
    if (example !== undefined)
      byStatus[status] = { type, body: typeof example === "string" ? example : JSON.stringify(example) };
  }
  return byStatus;
}

export async function startServer({ specsDir, vendors, page }) {
  const specs = vendors.map((vendor) => [vendor, JSON.parse(readFileSync(join(specsDir, `${vendor}.json`), "utf8"))]);
  const responses = Object.fromEntries(specs.map(([vendor, spec]) => [vendor, examples(spec)]));
  const REQUEST_ID_HEADERS = [
    ...new Set([DEFAULT_REQUEST_ID_HEADER, ...specs.flatMap(([, spec]) => requestIdHeaders(spec))]),
  ];
  const retried = new Set();
  const hanging = new Set();
  const server = createServer((request, response) => {
    const cors = {
      "access-control-allow-origin": "*",
      "access-control-expose-headers": [...REQUEST_ID_HEADERS, "retry-after"].join(", "),
    };
    if (request.method === "OPTIONS") {
      response.writeHead(204, {
        ...cors,
        "access-control-allow-methods": "GET, POST, PUT, PATCH, DELETE",
        "access-control-allow-headers": request.headers["access-control-request-headers"] ?? "",
        "access-control-max-age": "600",
      });
      return response.end();
    }
    const [, mode, vendor] = new URL(request.url, "http://localhost").pathname.split("/");
    if (mode === "page") {
      const file = page[vendor || "index.html"];
      response.writeHead(file ? 200 : 404, {
        "content-type": vendor?.endsWith(".js") ? "text/javascript" : "text/html",
      });
      return response.end(file ?? "");
    }
    request.resume();
    request.on("end", () => {
      const send = (status, example, headers = {}) => {
        const ids = Object.fromEntries(
          REQUEST_ID_HEADERS.map((name) => [name, request.headers[name] ?? requestIdOf(vendor)]),
        );
        response.writeHead(status, {
          ...cors,
          "content-type": example?.type ?? "application/json",
          ...ids,
          ...headers,
        });
        response.end(example?.body ?? JSON.stringify({ error: "unexpected" }));
      };
      const documented = responses[vendor] ?? {};
      const success = Object.entries(documented).find(([status]) => status.startsWith("2"));
      if (mode === "hang") return hanging.add(response);
      if (mode === "unauthorized")
        return send(401, documented["401"] ?? { body: JSON.stringify({ error: "Unauthorized" }) });
      if (mode?.startsWith("retry-") && !retried.has(mode)) {
        retried.add(mode);
        return send(429, documented["429"], { "retry-after": "0" });
      }
      if ((mode === "ok" || mode?.startsWith("retry-")) && success) return send(Number(success[0]), success[1]);
      send(500, undefined);
    });
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: server.address().port,
    close: () => {
      for (const response of hanging) response.destroy();
      server.closeAllConnections();
      return new Promise((resolve) => server.close(resolve));
    },
  };
}
