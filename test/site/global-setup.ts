/**
 * Global setup of the "site" project (vitest.config.ts): the report site is built ONCE per test run and
 * served on 127.0.0.1 to every browser test file, which reads the server's address with `inject("site")`
 * (session.ts). The build starts here and is not awaited: it runs while the other project's tests run
 * (the site project's files come after theirs, sequence.groupOrder). The server holds every request until
 * the build has finished; `GET /__site` answers with the Site (build.ts) as JSON, or 500 and the build's
 * log if it failed, so a test file that asks early simply waits for it (no timer). Running only unit test
 * files never starts this setup, so never builds the site.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { buildSite, type Site } from "./build.ts";
import { listen, sendFile } from "./server.ts";

/** The path of the build's result on the server. */
export const SITE_PATH = "/__site";

declare module "vitest" {
  export interface ProvidedContext {
    /** The origin of the built site's server (global-setup.ts). */
    site: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // Not below HUANJIE_TEST_TMP: the root project's setup, which makes it, runs after the projects' own.
  const dir = mkdtempSync(join(tmpdir(), "huanjie-site-"));
  const built: Promise<Site> = buildSite(dir);
  // A failure is answered to the test files that ask for the site (below), not thrown here.
  built.catch(() => {});
  const server = await listen((req, res) => {
    built.then(
      (site) => {
        if (new URL(req.url ?? "/", "http://x").pathname !== SITE_PATH) return sendFile(site.dist, req, res);
        res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(site));
      },
      (error: unknown) => {
        res.writeHead(500, { "content-type": "text/plain; charset=utf-8" }).end(String(error));
      },
    );
  });
  project.provide("site", server.url);
  return async () => {
    await server.close();
    await built.catch(() => {});
    rmSync(dir, { recursive: true, force: true });
  };
}
