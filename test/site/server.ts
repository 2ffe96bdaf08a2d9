/** A tiny static server for dist/ on 127.0.0.1 (clean URLs: /quality → quality.html). */
import { createReadStream, existsSync, statSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize, sep } from "node:path";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".arrow": "application/vnd.apache.arrow.file",
  ".png": "image/png",
};

export interface Served {
  url: string;
  close: () => Promise<void>;
}

/** Answer a request for a file of `dir`. */
export function sendFile(dir: string, req: IncomingMessage, res: ServerResponse): void {
  const path = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
  const safe = normalize(path).replace(/^([/\\])+/, "");
  let file = join(dir, safe);
  if (!file.startsWith(dir + sep) && file !== dir) return void res.writeHead(403).end();
  if (existsSync(file) && statSync(file).isDirectory()) file = join(file, "index.html");
  if (!existsSync(file) && existsSync(`${file}.html`)) file = `${file}.html`;
  if (!existsSync(file)) return void res.writeHead(404, { "content-type": "text/plain" }).end("not found");
  res.writeHead(200, {
    "content-type": TYPES[extname(file)] ?? "application/octet-stream",
    "content-length": statSync(file).size,
  });
  createReadStream(file).pipe(res);
}

/** Listen on a free port of 127.0.0.1 with `handle`. */
export async function listen(handle: (req: IncomingMessage, res: ServerResponse) => void): Promise<Served> {
  const server = createServer(handle);
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}

/** Serve the files of `dir`. */
export function serve(dir: string): Promise<Served> {
  return listen((req, res) => sendFile(dir, req, res));
}
