/**
 * The site built once per test run (global-setup.ts), for a browser test file: `siteReady()` waits for
 * the build and gives the Site with its server's origin; `openSite()` registers the vitest hooks that
 * wait for it and launch a chromium before the tests and close it after them; read its fields in tests.
 */
import { get } from "node:http";
import { type Browser, chromium } from "playwright-core";
import { afterAll, beforeAll, inject } from "vitest";
import { CHROMIUM, chromiumArgs, type Site } from "./build.ts";
import { SITE_PATH } from "./global-setup.ts";

export interface Served extends Site {
  /** The origin of the server of `dist`. */
  url: string;
}

export interface Session {
  site: Served;
  url: string;
  browser: Browser;
}

let ready: Promise<Served> | undefined;

/**
 * The built site, once its build has finished: the server of global-setup.ts answers `GET /__site` when
 * it has (node:http, which has no response timeout: the build may outlast any fixed limit).
 */
export function siteReady(): Promise<Served> {
  const url = inject("site");
  ready ??= new Promise<Served>((done, fail) => {
    get(url + SITE_PATH, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (body += chunk));
      res.on("end", () =>
        res.statusCode === 200 ? done({ ...(JSON.parse(body) as Site), url }) : fail(new Error(body)),
      );
    }).on("error", fail);
  });
  return ready;
}

export function openSite(): Session {
  const session = {} as Session;
  beforeAll(async () => {
    session.site = await siteReady();
    session.url = session.site.url;
    session.browser = await chromium.launch({ executablePath: CHROMIUM, args: chromiumArgs });
  }, 900_000);
  afterAll(() => session.browser?.close());
  return session;
}
