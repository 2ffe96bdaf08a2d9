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

/**
 * The URL of every unit's page (`/unit/<township slug>?u=<unit slug>`), from the built per-township Arrow
 * files of units (`_file/data/townships/<township slug>/units.<hash>.arrow`) the unit pages load.
 */
export function unitUrls(dist: string): string[] {
  const dir = join(dist, "_file", "data", "townships");
  const urls: string[] = [];
  for (const slug of readdirSync(dir).sort()) {
    const file = readdirSync(join(dir, slug)).find((n) => /^units\.[0-9a-f]+\.arrow$/.test(n));
    if (!file) throw new Error(`no units Arrow file for township ${slug}`);
    const units = tableFromIPC(readFileSync(join(dir, slug, file))).getChild("slug");
    for (const u of units?.toArray() ?? []) urls.push(`/unit/${slug}?u=${u}`);
  }
  return urls;
}

export interface Visit {
  page: Page;
  /** Console errors and warnings, uncaught errors, dialogs and off-origin requests, as they come. */
  errors: string[];
  offOrigin: string[];
  /** Paths of the data files the page requested. */
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
    } else if (u.pathname.startsWith("/_file/data/")) files.push(u.pathname);
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
