// A loopback server answering every request with one case's documented success response.
// Runs as a child process so that it works on its own core, not the measured one.
import { createServer } from "node:http";
import { pathToFileURL } from "node:url";

const { default: benchCase } = await import(pathToFileURL(process.argv[2]).href);
const { status = 200, contentType, body } = benchCase.success;
const payload = Buffer.from(body);
const headers = { "content-type": contentType, "content-length": String(payload.length) };

const server = createServer((req, res) => {
  // Drain the request before answering, as a real server would.
  req.resume();
  req.on("end", () => res.writeHead(status, headers).end(payload));
});
server.keepAliveTimeout = 60_000;
server.listen(0, "127.0.0.1", () => process.send?.({ port: server.address().port }));
// Ends with the parent, whichever way the parent ends.
process.on("disconnect", () => process.exit(0));
