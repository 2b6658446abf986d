// Compares two versions of an OpenAPI 3.1 document and judges every change for a client generated
// from it: breaking when code written against the old client can stop compiling or working.
//
//   request side (what the client sends): removing a path, operation, parameter, field, enum
//   value or media type; a parameter, body or field newly required; a type or constraint
//   narrowed (fewer types, an enum where there was none, a shorter maxLength, a new pattern...).
//   response side (what the client reads): removing a field, a response or an enum value; a field
//   no longer required or made nullable; a type widened; an enum value added.
//   anywhere: an operationId renamed (it names the generated method), security or a security
//   scheme changed, a server removed.
// Descriptions, examples, summaries and x- extensions never count.
import { readFile } from "node:fs/promises";
import { dirname, join, normalize } from "node:path";
import { parse } from "yaml";

const METHODS = ["get", "put", "post", "patch", "delete", "head", "options", "trace"];
const JSON_POINTER_UNESCAPE = (key) => key.replace(/~1/g, "/").replace(/~0/g, "~");

/**
 * A spec with every `$ref` inlined, from its root file. `read(path)` returns a file's text
 * (from a git ref or the disk), so that two versions load the same way.
 */
export async function loadSpec(rootPath, read = (path) => readFile(path, "utf8")) {
  const files = new Map();
  const load = async (path) => {
    if (!files.has(path)) files.set(path, parse(await read(path)));
    return files.get(path);
  };
  const inline = async (node, file, seen) => {
    if (Array.isArray(node)) return Promise.all(node.map((item) => inline(item, file, seen)));
    if (!node || typeof node !== "object") return node;
    if (typeof node.$ref === "string") {
      const [target, pointer = ""] = node.$ref.split("#");
      const targetFile = target ? normalize(join(dirname(file), target)) : file;
      const key = `${targetFile}#${pointer}`;
      if (seen.has(key)) return { $recursive: key };
      const document = await load(targetFile);
      const found = pointer
        .split("/")
        .filter(Boolean)
        .map(JSON_POINTER_UNESCAPE)
        .reduce((parent, part) => parent?.[part], document);
      if (found === undefined) throw new Error(`${file}: $ref ${node.$ref} points nowhere`);
      return inline(found, targetFile, new Set([...seen, key]));
    }
    const out = {};
    for (const [key, value] of Object.entries(node)) out[key] = await inline(value, file, seen);
    return out;
  };
  return inline(await load(rootPath), rootPath, new Set());
}

const typesOf = (schema) => {
  const types = new Set([schema.type ?? []].flat());
  if (schema.nullable === true) types.add("null");
  if (types.has("number")) types.add("integer"); // a number accepts every integer
  return types;
};
const isAnnotation = (key) =>
  key.startsWith("x-") ||
  ["description", "summary", "title", "example", "examples", "externalDocs", "$comment", "deprecated", "tags"].includes(
    key,
  );

/** Every change between two inlined specs, each `{ breaking, where, change }`. */
export function diffSpecs(before, after) {
  const changes = [];
  const note = (breaking, where, change) => changes.push({ breaking, where, change });

  /** A schema seen from one side: "request" (the client writes it) or "response" (it reads it). */
  const schemas = (a, b, where, side) => {
    if (a === undefined || b === undefined || a === null || b === null) return;
    if (typeof a !== "object" || typeof b !== "object") return;
    const request = side === "request";
    const oldTypes = typesOf(a);
    const newTypes = typesOf(b);
    if (oldTypes.size && newTypes.size) {
      const removed = [...oldTypes].filter(
        (type) => !newTypes.has(type) && !(type === "integer" && newTypes.has("number")),
      );
      const added = [...newTypes].filter(
        (type) => !oldTypes.has(type) && !(type === "integer" && oldTypes.has("number")),
      );
      if (removed.length) note(request, where, `type no longer ${removed.join(", ")}`);
      if (added.length)
        note(!request, where, added.includes("null") ? "made nullable" : `type may now be ${added.join(", ")}`);
    } else if (newTypes.size && !oldTypes.size) note(request, where, `type now ${[...newTypes].join(", ")}`);
    else if (oldTypes.size && !newTypes.size) note(!request, where, "type no longer constrained");

    if (a.enum || b.enum) {
      if (!a.enum) note(request, where, "now an enum");
      else if (!b.enum) note(!request, where, "no longer an enum");
      else {
        const gone = a.enum.filter((value) => !b.enum.some((other) => JSON.stringify(other) === JSON.stringify(value)));
        const added = b.enum.filter(
          (value) => !a.enum.some((other) => JSON.stringify(other) === JSON.stringify(value)),
        );
        if (gone.length) note(true, where, `enum values removed: ${gone.map((v) => JSON.stringify(v)).join(", ")}`);
        if (added.length) note(!request, where, `enum values added: ${added.map((v) => JSON.stringify(v)).join(", ")}`);
      }
    }
    if (JSON.stringify(a.const) !== JSON.stringify(b.const)) note(true, where, "const changed");

    // Constraints narrow what a client may send; a client reading a response does not see them.
    const narrower = [
      ["maxLength", (x, y) => y < x],
      ["minLength", (x, y) => y > x],
      ["maximum", (x, y) => y < x],
      ["minimum", (x, y) => y > x],
      ["exclusiveMaximum", (x, y) => y < x],
      ["exclusiveMinimum", (x, y) => y > x],
      ["maxItems", (x, y) => y < x],
      ["minItems", (x, y) => y > x],
      ["maxProperties", (x, y) => y < x],
      ["minProperties", (x, y) => y > x],
    ];
    for (const [keyword, isNarrower] of narrower) {
      const x = a[keyword];
      const y = b[keyword];
      if (x === y) continue;
      const narrowed = x === undefined ? true : y === undefined ? false : isNarrower(x, y);
      note(request && narrowed, where, `${keyword} ${x ?? "none"} → ${y ?? "none"}`);
    }
    for (const keyword of ["pattern", "format", "multipleOf"]) {
      if (a[keyword] !== b[keyword])
        note(
          request && b[keyword] !== undefined,
          where,
          `${keyword} ${a[keyword] ?? "none"} → ${b[keyword] ?? "none"}`,
        );
    }
    if (a.additionalProperties !== false && b.additionalProperties === false)
      note(request, where, "no longer accepts other properties");

    const oldRequired = new Set(a.required ?? []);
    const newRequired = new Set(b.required ?? []);
    const oldProperties = a.properties ?? {};
    const newProperties = b.properties ?? {};
    for (const name of Object.keys(oldProperties)) {
      if (!(name in newProperties)) note(true, `${where}/${name}`, "field removed");
    }
    for (const name of Object.keys(newProperties)) {
      if (!(name in oldProperties))
        note(
          request && newRequired.has(name),
          `${where}/${name}`,
          newRequired.has(name) ? "required field added" : "optional field added",
        );
      else schemas(oldProperties[name], newProperties[name], `${where}/${name}`, side);
    }
    for (const name of newRequired) {
      if (!oldRequired.has(name) && name in oldProperties) note(request, `${where}/${name}`, "newly required");
    }
    for (const name of oldRequired) {
      if (!newRequired.has(name) && name in newProperties) note(!request, `${where}/${name}`, "no longer required");
    }
    if (typeof a.additionalProperties === "object" && typeof b.additionalProperties === "object")
      schemas(a.additionalProperties, b.additionalProperties, `${where}/*`, side);
    schemas(a.items, b.items, `${where}/[]`, side);
    for (const keyword of ["oneOf", "anyOf", "allOf"]) {
      const x = a[keyword] ?? [];
      const y = b[keyword] ?? [];
      for (let i = 0; i < Math.min(x.length, y.length); i++) schemas(x[i], y[i], `${where}/${keyword}/${i}`, side);
      if (y.length < x.length) note(true, where, `${keyword} alternatives removed`);
      if (y.length > x.length) note(keyword === "allOf" ? request : !request, where, `${keyword} alternatives added`);
    }
  };

  const parametersOf = (item, op) => {
    const all = new Map();
    for (const parameter of [...(item.parameters ?? []), ...(op.parameters ?? [])])
      all.set(`${parameter.in} ${parameter.name}`, parameter);
    return all;
  };
  const content = (a = {}, b = {}, where, side) => {
    for (const type of Object.keys(a)) {
      if (!(type in b)) note(true, where, `media type ${type} removed`);
      else schemas(a[type].schema, b[type].schema, `${where} ${type}`, side);
    }
    for (const type of Object.keys(b)) if (!(type in a)) note(false, where, `media type ${type} added`);
  };
  const security = (a, b, where) => {
    if (JSON.stringify(a ?? null) !== JSON.stringify(b ?? null)) note(true, where, "security requirements changed");
  };

  for (const [path, oldItem] of Object.entries(before.paths ?? {})) {
    const newItem = after.paths?.[path];
    if (!newItem) {
      note(true, path, "path removed");
      continue;
    }
    for (const method of METHODS) {
      const oldOp = oldItem[method];
      const newOp = newItem[method];
      const where = `${method.toUpperCase()} ${path}`;
      if (!oldOp) {
        if (newOp) note(false, where, "operation added");
        continue;
      }
      if (!newOp) {
        note(true, where, "operation removed");
        continue;
      }
      if (oldOp.operationId !== newOp.operationId)
        note(true, where, `operationId ${oldOp.operationId} → ${newOp.operationId}`);
      security(oldOp.security ?? before.security, newOp.security ?? after.security, where);
      const oldServers = (oldOp.servers ?? oldItem.servers ?? []).map((server) => server.url);
      const newServers = (newOp.servers ?? newItem.servers ?? []).map((server) => server.url);
      for (const url of oldServers) if (!newServers.includes(url)) note(true, where, `server ${url} removed`);

      const oldParameters = parametersOf(oldItem, oldOp);
      const newParameters = parametersOf(newItem, newOp);
      for (const [key, parameter] of oldParameters) {
        const next = newParameters.get(key);
        if (!next) note(true, `${where} ${key}`, "parameter removed");
        else {
          if (next.required && !parameter.required) note(true, `${where} ${key}`, "parameter newly required");
          schemas(parameter.schema, next.schema, `${where} ${key}`, "request");
        }
      }
      for (const [key, parameter] of newParameters) {
        if (!oldParameters.has(key))
          note(
            parameter.required === true,
            `${where} ${key}`,
            parameter.required ? "required parameter added" : "optional parameter added",
          );
      }

      const oldBody = oldOp.requestBody;
      const newBody = newOp.requestBody;
      if (oldBody && !newBody) note(true, `${where} body`, "request body removed");
      else if (!oldBody && newBody) note(newBody.required === true, `${where} body`, "request body added");
      else if (oldBody && newBody) {
        if (newBody.required && !oldBody.required) note(true, `${where} body`, "request body newly required");
        content(oldBody.content, newBody.content, `${where} body`, "request");
      }

      for (const [status, response] of Object.entries(oldOp.responses ?? {})) {
        const next = newOp.responses?.[status];
        if (!next) {
          note(true, `${where} ${status}`, "response removed");
          continue;
        }
        content(response.content, next.content, `${where} ${status}`, "response");
        for (const name of Object.keys(response.headers ?? {})) {
          if (!next.headers?.[name]) note(true, `${where} ${status} header ${name}`, "header removed");
          else
            schemas(
              response.headers[name].schema,
              next.headers[name].schema,
              `${where} ${status} header ${name}`,
              "response",
            );
        }
      }
      for (const status of Object.keys(newOp.responses ?? {}))
        if (!oldOp.responses?.[status]) note(false, `${where} ${status}`, "response added");
    }
  }
  for (const path of Object.keys(after.paths ?? {})) if (!before.paths?.[path]) note(false, path, "path added");

  const oldSchemes = before.components?.securitySchemes ?? {};
  const newSchemes = after.components?.securitySchemes ?? {};
  const strip = (scheme) => JSON.stringify(scheme, (key, value) => (isAnnotation(key) ? undefined : value));
  for (const name of new Set([...Object.keys(oldSchemes), ...Object.keys(newSchemes)])) {
    if (strip(oldSchemes[name]) !== strip(newSchemes[name]))
      note(
        oldSchemes[name] !== undefined,
        `security scheme ${name}`,
        !newSchemes[name] ? "removed" : !oldSchemes[name] ? "added" : "changed",
      );
  }
  for (const url of (before.servers ?? []).map((server) => server.url)) {
    if (!(after.servers ?? []).some((server) => server.url === url)) note(true, "servers", `server ${url} removed`);
  }
  return changes;
}
