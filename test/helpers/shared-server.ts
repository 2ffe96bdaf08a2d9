/**
 * The run's coordinator of shared outputs (test/helpers/shared.ts), started by the global setup
 * (test/global-setup.ts) on 127.0.0.1. Test files run in several worker processes; for each key the
 * first that asks is told to make the output, and every other that asks is answered only once it is
 * made (or failed), so an output is made once per run and no test file reads it half made. Nothing
 * waits on a timer: a waiting request is answered when the maker reports.
 *
 *   GET  /claim/KEY          → "make" (you make it), then "ready" or "failed\n…" when it is made or failed
 *   GET  /claim/KEY?wait=0   → the same, but "busy" at once while another is making it
 *   POST /ready/KEY          the maker made it
 *   POST /failed/KEY (body)  the maker failed, with its message
 */
import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** The variable holding the coordinator's address in the test workers (set by test/global-setup.ts). */
export const SHARED_VARIABLE = "HUANJIE_TEST_SHARED";

interface Entry {
  state: "making" | "ready" | "failed";
  message: string;
  waiting: ServerResponse[];
}

export interface SharedServer {
  url: string;
  close: () => Promise<void>;
}

export async function startSharedServer(): Promise<SharedServer> {
  const entries = new Map<string, Entry>();
  const answer = (res: ServerResponse, text: string) =>
    res.writeHead(200, { "content-type": "text/plain; charset=utf-8" }).end(text);
  const outcome = (entry: Entry) => (entry.state === "ready" ? "ready" : `failed\n${entry.message}`);

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    const [, verb, key] = url.pathname.split("/");
    if (!key || !/^[0-9a-f]{64}$/.test(key)) return void res.writeHead(404).end();
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => (body += chunk));
    req.on("end", () => {
      const entry = entries.get(key);
      if (verb === "claim") {
        if (!entry) {
          entries.set(key, { state: "making", message: "", waiting: [] });
          return answer(res, "make");
        }
        if (entry.state !== "making") return answer(res, outcome(entry));
        if (url.searchParams.get("wait") === "0") return answer(res, "busy");
        entry.waiting.push(res);
        return;
      }
      if ((verb === "ready" || verb === "failed") && entry?.state === "making") {
        entry.state = verb;
        entry.message = body;
        for (const waiting of entry.waiting.splice(0)) answer(waiting, outcome(entry));
        return answer(res, "ok");
      }
      res.writeHead(409).end();
    });
  });
  // A claim may wait as long as the output takes to make.
  server.requestTimeout = 0;
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      }),
  };
}
