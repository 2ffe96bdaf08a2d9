/**
 * The sharing of outputs between test files (shared.ts, shared-server.ts): the coordinator tells the
 * first asker to make an output, answers the others only when it is made or failed; `shared` makes an
 * output once however many ask, and leaves it read-only.
 */
import { createHash } from "node:crypto";
import { readFileSync, statSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { shared } from "./shared.ts";
import { type SharedServer, startSharedServer } from "./shared-server.ts";

const key = (name: string) => createHash("sha256").update(name).digest("hex");

describe("the coordinator", () => {
  let server: SharedServer;
  beforeAll(async () => {
    server = await startSharedServer();
  });
  afterAll(() => server.close());

  const ask = (path: string, body = "") =>
    new Promise<string>((resolve, reject) => {
      const req = request(`${server.url}${path}`, { method: body ? "POST" : "GET", agent: false }, (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => (text += chunk));
        res.on("end", () => resolve(`${res.statusCode} ${text}`));
      });
      req.on("error", reject);
      req.end(body);
    });

  it("has the first asker make an output and answers the others once it is made", async () => {
    const k = key("made");
    expect(await ask(`/claim/${k}`)).toBe("200 make");
    const waiting = ask(`/claim/${k}`);
    expect(await ask(`/claim/${k}?wait=0`)).toBe("200 busy");
    expect(await ask(`/ready/${k}`, "ready")).toBe("200 ok");
    expect(await waiting).toBe("200 ready");
    expect(await ask(`/claim/${k}`)).toBe("200 ready");
    expect(await ask(`/ready/${k}`, "ready")).toBe("409 "); // made once
  });

  it("answers the waiting and later askers with the maker's failure", async () => {
    const k = key("failed");
    expect(await ask(`/claim/${k}`)).toBe("200 make");
    const waiting = ask(`/claim/${k}`);
    expect(await ask(`/failed/${k}`, "Error: boom")).toBe("200 ok");
    expect(await waiting).toBe("200 failed\nError: boom");
    expect(await ask(`/claim/${k}?wait=0`)).toBe("200 failed\nError: boom");
  });

  it("refuses a key that is not a sha256", async () => {
    expect(await ask("/claim/../x")).toBe("404 ");
  });
});

describe("shared", () => {
  it("makes an output once for every asker, read-only", async () => {
    const k = key("test/helpers/shared.test.ts: once");
    let made = 0;
    const make = async (dir: string) => {
      made += 1;
      writeFileSync(join(dir, "out.txt"), "made");
    };
    const [a, b] = await Promise.all([shared(k, make), shared(k, make)]);
    expect(made).toBe(1);
    expect(a).toBe(b);
    expect(readFileSync(join(a as string, "out.txt"), "utf8")).toBe("made");
    expect(statSync(join(a as string, "out.txt")).mode & 0o222).toBe(0);
    expect(await shared(k, make)).toBe(a);
    expect(made).toBe(1);
  });

  it("hands the maker's failure to every asker", async () => {
    const k = key("test/helpers/shared.test.ts: failure");
    const make = async () => {
      throw new Error("boom");
    };
    const [a, b] = await Promise.allSettled([shared(k, make), shared(k, make)]);
    expect(a.status).toBe("rejected");
    expect(b.status).toBe("rejected");
  });
});
