#!/usr/bin/env node
/**
 * `npm run pdf`: print the overview page of the built site (dist/, or
 * HUANJIE_SITE_DIST) to an A4 PDF with Debian's chromium. Run `npm run build`
 * first. Output: dist/总览.pdf, or the path given as the first argument.
 */
import { createReadStream, existsSync, statSync } from "node:fs";
import { createServer } from "node:http";
import { extname, join, normalize, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";

/** Flags for headless Debian chromium with no network beyond 127.0.0.1 (also used by test/site). */
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await main();

async function main() {
  const dist = resolve(process.env.HUANJIE_SITE_DIST ?? "dist");
  const out = resolve(process.argv[2] ?? join(dist, "总览.pdf"));
  const executablePath = process.env.CHROMIUM ?? "/usr/bin/chromium";
  if (!existsSync(join(dist, "index.html"))) {
    console.error(`pdf: ${dist}/index.html not found; run npm run build first`);
    process.exitCode = 2;
    return;
  }
  if (!existsSync(executablePath)) {
    console.error(`pdf: ${executablePath} not found (apt-get install -y chromium fonts-noto-cjk)`);
    process.exitCode = 2;
    return;
  }

  const types = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript",
    ".css": "text/css",
    ".json": "application/json",
    ".svg": "image/svg+xml",
  };
  const server = createServer((req, res) => {
    let file = join(
      dist,
      normalize(decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname)).replace(/^[/\\]+/, ""),
    );
    if (!file.startsWith(dist)) return void res.writeHead(403).end();
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, "index.html");
    if (!existsSync(file) && existsSync(`${file}.html`)) file = `${file}.html`;
    if (!existsSync(file)) return void res.writeHead(404).end();
    res.writeHead(200, { "content-type": types[extname(file)] ?? "application/octet-stream" });
    createReadStream(file).pipe(res);
  });
  await new Promise((done) => server.listen(0, "127.0.0.1", done));
  const browser = await chromium.launch({
    executablePath,
    args: CHROMIUM_ARGS,
  });
  try {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${server.address().port}/`, { waitUntil: "networkidle" });
    await page.waitForFunction(() => !document.querySelector(".observablehq--loading"));
    await page.emulateMedia({ media: "print" });
    await page.pdf({ path: out, format: "A4", printBackground: true, preferCSSPageSize: true });
    console.log(`pdf: ${out}`);
  } finally {
    await browser.close();
    server.close();
  }
}
