/** Helpers of the browser tests: the built pages, every unit's URL, and a visit that weighs a page. */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { tableFromIPC } from "apache-arrow";
import type { Browser, Page } from "playwright-core";

export function htmlPages(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith(".html") && name !== "404.html")
        out.push(`/${relative(dir, p).replace(/\.html$/, "")}`);
    }
  };
  walk(dir);
  return out.map((p) => (p === "/index" ? "/" : p));
}

/** Every township of the built site: its page's slug and name (`_data/townships.json`, loaders/jurisdictions.ts). */
export function townshipsOf(dist: string): { slug: string; name: string }[] {
  return JSON.parse(readFileSync(join(dist, "_data", "townships.json"), "utf8"));
}

/** The rows of the Arrow file `name` of a jurisdiction's folder (`_data/townships/<slug>/<name>.arrow`). */
export function jurisdictionRows(dist: string, kind: "townships" | "regions", slug: string, name: string) {
  return tableFromIPC(readFileSync(join(dist, "_data", kind, slug, `${name}.arrow`))).toArray();
}

/**
 * The URL of every unit's page (`/unit?t=<township slug>&u=<unit slug>`), from the per-township Arrow files
 * of units the unit page loads (`_data/townships/<township slug>/units.arrow`).
 */
export function unitUrls(dist: string): string[] {
  return townshipsOf(dist).flatMap(({ slug }) =>
    jurisdictionRows(dist, "townships", slug, "units").map((u) => `/unit?t=${slug}&u=${u.slug}`),
  );
}

export interface Visit {
  page: Page;
  /** Console errors and warnings, uncaught errors, dialogs and off-origin requests, as they come. */
  errors: string[];
  offOrigin: string[];
  /** Paths of the data files the page requested (Framework's `_file/data/`, the jurisdictions' `_data/`). */
  files: string[];
  bytes: number;
  /** Bytes of each response, by path. */
  sizes: Map<string, number>;
}

/**
 * Open `path` of the site served at `origin` in a new context of `browser`, wait until the page has
 * rendered, and return what it loaded and any error (close `page.context()` when done).
 */
export async function visit(browser: Browser, origin: string, path: string): Promise<Visit> {
  const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors: string[] = [];
  const offOrigin: string[] = [];
  const files: string[] = [];
  let bytes = 0;
  const sizes = new Map<string, number>();
  const pending: Promise<unknown>[] = [];
  page.on(
    "console",
    (m) =>
      (m.type() === "error" || m.type() === "warning") && errors.push(`console ${m.type()}: ${m.text()}`),
  );
  page.on("pageerror", (e) => errors.push(`pageerror: ${e.message}`));
  page.on("dialog", (d) => {
    errors.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  page.on("request", (r) => {
    const u = new URL(r.url());
    if (!["blob:", "data:"].includes(u.protocol) && u.origin !== origin) {
      offOrigin.push(r.url());
      errors.push(`off-origin: ${r.url()}`);
    } else if (/^\/(_file\/data|_data)\//.test(u.pathname)) files.push(u.pathname);
  });
  page.on("response", (r) =>
    pending.push(
      r.body().then(
        (b) => {
          bytes += b.length;
          const path = new URL(r.url()).pathname;
          sizes.set(path, (sizes.get(path) ?? 0) + b.length);
        },
        () => {},
      ),
    ),
  );
  await page.goto(origin + path, { waitUntil: "networkidle" });
  await settled(page);
  await Promise.all(pending);
  return { page, errors, offOrigin, files, bytes, sizes };
}

/** Wait until every cell has rendered: Framework shows <observablehq-loading> where a cell is pending. */
export async function settled(page: Page): Promise<void> {
  await page.waitForFunction(
    () => !document.querySelector("observablehq-loading, .observablehq--loading"),
    null,
    { timeout: 20_000 },
  );
}
