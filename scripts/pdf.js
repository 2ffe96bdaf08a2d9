#!/usr/bin/env node
/**
 * `npm run pdf`: print the built site (dist/, or HUANJIE_SITE_DIST) to a
 * folder of A4 PDFs with Debian's chromium. Run `npm run build` first.
 * Output: dist/pdf/, or the folder given as the first argument, holding
 *   NN_<page>.pdf      every top-level page, in the sidebar's order (01_总览.pdf…);
 *   乡镇/<township>.pdf  one bulletin per township (its township page).
 * Site paths after the folder (`/units`, `/township?t=<slug>`) print only those pages, under the same names.
 * Every page has a header naming the jurisdiction (the dataset) and the build
 * date, both read from the site's own data (never the clock), and a footer
 * "第 n 页 / 共 N 页". Tables print every row (components/dataTable.js).
 */
import {
  createReadStream,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
} from "node:fs";
import { createServer } from "node:http";
import { dirname, extname, join, normalize, resolve } from "node:path";
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

async function main() {
  const dist = resolve(process.env.HUANJIE_SITE_DIST ?? "dist");
  const out = resolve(process.argv[2] ?? join(dist, "pdf"));
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
  const context = siteData(dist, "context");
  const build = siteData(dist, "build");
  const header = headerTemplate(context?.dataset ?? "本县", build?.built ?? null);
  const only = process.argv.slice(3);
  const jobs = printJobs(dist).filter((j) => !only.length || only.includes(j.path));
  if (only.length && jobs.length !== only.length) {
    console.error(
      `pdf: not pages of the site: ${only.filter((p) => !jobs.some((j) => j.path === p)).join(" ")}`,
    );
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
    rmSync(out, { recursive: true, force: true });
    // About A4's width at 96 dpi, so that charts are drawn for the paper, not for a wide screen.
    const page = await browser.newPage({ viewport: { width: 794, height: 1123 } });
    for (const job of jobs) {
      const file = join(out, job.file);
      mkdirSync(dirname(file), { recursive: true });
      await page.emulateMedia({ media: "screen" });
      await page.goto(`http://127.0.0.1:${server.address().port}${job.path}`, { waitUntil: "networkidle" });
      await page.waitForFunction(() => !document.querySelector(".observablehq--loading"));
      await printMedia(page);
      await page.pdf({
        path: file,
        format: "A4",
        printBackground: true,
        preferCSSPageSize: true,
        displayHeaderFooter: true,
        headerTemplate: header,
        footerTemplate: FOOTER,
      });
      console.log(`pdf: ${file}`);
    }
  } finally {
    await browser.close();
    server.close();
  }
}

/**
 * Switch a rendered page to print media and wait until every table renders all its rows
 * (data-print="all", components/dataTable.js), as before its PDF is made (also used by test/site).
 */
export async function printMedia(page) {
  await page.emulateMedia({ media: "print" });
  await page.waitForFunction(
    () => document.querySelectorAll(".data-table:has(table.dt):not([data-print='all'])").length === 0,
  );
}

/** The page number on every sheet (Chromium fills pageNumber and totalPages). */
const FOOTER =
  '<div style="width:100%;text-align:center;font-size:8px;font-family:sans-serif;color:#555">' +
  '第 <span class="pageNumber"></span> 页 / 共 <span class="totalPages"></span> 页</div>';

/** The jurisdiction and the build date at the top of every sheet, as escaped text. */
export function headerTemplate(dataset, built) {
  const date = built
    ? `${Number(built.slice(0, 4))}年${Number(built.slice(5, 7))}月${Number(built.slice(8, 10))}日`
    : "未注明";
  return (
    '<div style="width:100%;margin:0 12mm;display:flex;justify-content:space-between;font-size:8px;font-family:sans-serif;color:#555">' +
    `<span>${escapeHtml(dataset)} · 村(社区)“两委”换届报告</span><span>生成日期:${escapeHtml(date)}</span></div>`
  );
}

function escapeHtml(s) {
  return String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A JSON file of the built site's data by its name (`_file/data/<name>.<hash>.json`), or null. */
function siteData(dist, name) {
  const dir = join(dist, "_file", "data");
  const file = existsSync(dir)
    ? readdirSync(dir).find((n) => new RegExp(`^${name}\\.[0-9a-f]+\\.json$`).test(n))
    : null;
  return file ? JSON.parse(readFileSync(join(dir, file), "utf8")) : null;
}

/** The pages that show the jurisdiction their address names (township?t=…): printed per township, or not at all. */
const ADDRESSED = new Set(["township", "unit", "region"]);

/**
 * What to print: the top-level pages in the sidebar's order (then any other top-level page, by name),
 * named by their sidebar label, and every township's page (`/township?t=<slug>`; above county level
 * `/township?c=<county slug>&t=<slug>`, its files being its county's) under 乡镇/, named by its township (the
 * list the build writes beside the pages, `_data/townships.json`).
 */
export function printJobs(dist) {
  const index = readFileSync(join(dist, "index.html"), "utf8");
  const sidebar = index.slice(index.indexOf('id="observablehq-sidebar"'));
  const labels = new Map();
  for (const [, href, label] of sidebar.matchAll(/<a href="\.\/([^"#?]*)"[^>]*>([^<]+)<\/a>/g))
    labels.set(href, decodeEntities(label).trim()); // the last: the home link comes first
  const top = readdirSync(dist)
    .filter((n) => n.endsWith(".html") && n !== "404.html" && !ADDRESSED.has(n.slice(0, -5)))
    .map((n) => (n === "index.html" ? "" : n.slice(0, -5)))
    .sort((a, b) => order(labels, a) - order(labels, b) || a.localeCompare(b));
  const jobs = top.map((p, i) => ({
    path: `/${p}`,
    file: `${String(i + 1).padStart(2, "0")}_${safe(labels.get(p) ?? titleOf(join(dist, `${p || "index"}.html`)) ?? p)}.pdf`,
  }));
  const townships = join(dist, "_data", "townships.json");
  for (const { slug, name, county } of existsSync(townships)
    ? JSON.parse(readFileSync(townships, "utf8"))
    : [])
    jobs.push({
      path: `/township?${county ? `c=${county}&` : ""}t=${slug}`,
      file: join("乡镇", `${safe(name)}.pdf`),
    });
  return jobs;
}

function order(labels, path) {
  const i = [...labels.keys()].indexOf(path);
  return i < 0 ? labels.size : i;
}

function titleOf(file) {
  const m = readFileSync(file, "utf8").match(/<title>([^<|]+)/);
  return m ? decodeEntities(m[1]).trim() : null;
}

function decodeEntities(s) {
  return s
    .replace(/&#(\d+);/g, (_, n) => String.fromCodePoint(Number(n)))
    .replace(/&#x([0-9a-f]+);/gi, (_, n) => String.fromCodePoint(Number.parseInt(n, 16)))
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&");
}

/** A file name without path separators or characters Windows refuses. */
function safe(name) {
  return [...name].map((c) => (/[\\/:*?"<>|]/.test(c) || c.charCodeAt(0) < 32 ? "_" : c)).join("");
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await main();
