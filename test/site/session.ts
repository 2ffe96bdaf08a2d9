/**
 * One built site, its server and a chromium for a test file: `openSite()` registers the vitest hooks that
 * build (buildSite), serve and launch before the tests and close after them; read its fields in tests.
 */
import { type Browser, chromium } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { buildSite, CHROMIUM, chromiumArgs, type Site } from "./build.ts";
import { serve } from "./server.ts";

export interface Session {
  site: Site;
  url: string;
  browser: Browser;
}

export function openSite(): Session {
  const session = {} as Session;
  let close = async () => {};
  beforeAll(async () => {
    session.site = await buildSite();
    const server = await serve(session.site.dist);
    session.url = server.url;
    session.browser = await chromium.launch({ executablePath: CHROMIUM, args: chromiumArgs });
    close = async () => Promise.all([session.browser.close(), server.close()]).then(() => {});
  }, 600_000);
  afterAll(() => close());
  return session;
}
