/**
 * What every page of a built site weighs in Chromium, all in: the bytes of every response the page
 * received (HTML, JavaScript modules, CSS, data files, fonts and favicon), summed per page, against the
 * 500 KiB budget of a page (issue 13).
 *
 *   HUANJIE_WAREHOUSE=DIR npm run build         # the site of a warehouse into dist/
 *   npx tsx bench/page-weights.ts [dist]        # its pages' weights, a Markdown table
 *
 * The pages: every page of `dist` (the sidebar's, and the township, unit and region pages without an
 * address); the pages with a county picker (村社, 目标任务, 选举, 数据质量, 关于) again with a county chosen
 * (`?c=`); and one township, one unit and the region pages down to that county. Above county level the
 * county is the one with the most units and the township the one whose part of the county's files
 * (loaders/jurisdictions.ts) holds the most units, the heaviest a township or unit page loads; in a
 * county's site, the first township. Data is what came from Framework's `_file/data/` and the
 * jurisdictions' `_data/`; code is the rest.
 *
 * Served on 127.0.0.1 (test/site/server.ts), opened as the site tests open pages (test/site/visit.ts).
 * Exit status 1 when a page requested anything off the origin or logged an error, 2 when a page is over
 * the budget (after printing the table).
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { tableFromIPC } from "@uwdata/flechette";
import { chromium } from "playwright-core";
import { CHROMIUM, chromiumArgs } from "../test/site/build.ts";
import { serve } from "../test/site/server.ts";
import { htmlPages, visit } from "../test/site/visit.ts";

const BUDGET = 500 * 1024;
const PICKER = ["/units", "/targets", "/elections", "/quality", "/about"];

interface Place {
  scope: string;
  name: string;
  slug: string;
  units: number;
  part?: number;
}
interface Region extends Place {
  parent: Place | null;
  children: Place[];
}

const dist = resolve(process.argv[2] ?? "dist");
if (!existsSync(join(dist, "index.html"))) throw new Error(`${dist}: no built site (index.html)`);

/** The rows of the Arrow file `path` below `_data/`. */
const rows = (path: string) =>
  tableFromIPC(readFileSync(join(dist, "_data", path)), { useBigInt: false }).toArray() as Record<
    string,
    unknown
  >[];

/** The addresses to weigh beyond the plain pages, with what they name. */
function chosenPages(): { path: string; what: string }[] {
  const regionsDir = join(dist, "_data", "regions");
  const regions: Region[] = existsSync(regionsDir)
    ? readdirSync(regionsDir)
        .filter((d) => existsSync(join(regionsDir, d, "region.json")))
        .map((d) => JSON.parse(readFileSync(join(regionsDir, d, "region.json"), "utf8")) as Region)
    : [];
  const counties = regions.filter((r) => r.scope === "county");
  if (!counties.length) {
    // A county's site: its townships' folders.
    const [first] = JSON.parse(readFileSync(join(dist, "_data", "townships.json"), "utf8")) as Place[];
    if (!first) return [];
    const [unit] = rows(`townships/${first.slug}/units.arrow`);
    return [
      { path: `/township?t=${first.slug}`, what: `township ${first.name}` },
      { path: `/unit?t=${first.slug}&u=${unit?.slug}`, what: `unit ${unit?.unit}` },
    ];
  }
  const county = counties.reduce((a, b) =>
    b.units > a.units || (b.units === a.units && b.slug < a.slug) ? b : a,
  );
  const partUnits = new Map<number, number>();
  for (const t of county.children) partUnits.set(t.part ?? 0, (partUnits.get(t.part ?? 0) ?? 0) + t.units);
  const township = county.children.reduce((a, b) =>
    (partUnits.get(b.part ?? 0) ?? 0) > (partUnits.get(a.part ?? 0) ?? 0) ? b : a,
  );
  const part = township.part ?? 0;
  const [unit] = rows(`regions/${county.slug}/${part}/units.arrow`).filter(
    (u) => u.township === township.name,
  );
  const bySlug = new Map(regions.map((r) => [r.slug, r]));
  const chain: Region[] = [];
  for (let r: Region | undefined = county; r; r = r.parent ? bySlug.get(r.parent.slug) : undefined)
    chain.unshift(r);
  const c = `c=${county.slug}`;
  return [
    ...PICKER.map((p) => ({ path: `${p}?${c}`, what: `county ${county.name} chosen` })),
    ...chain.map((r) => ({ path: `/region?r=${r.slug}`, what: `${r.scope} ${r.name}` })),
    {
      path: `/township?${c}&t=${township.slug}`,
      what: `township ${township.name} (part ${part}: ${partUnits.get(part)} units)`,
    },
    { path: `/unit?${c}&t=${township.slug}&u=${unit?.slug}`, what: `unit ${unit?.unit} (the same part)` },
  ];
}

const kib = (n: number) => `${Math.round(n / 1024).toLocaleString("en-US")} KiB`;
const pages = [...htmlPages(dist).map((path) => ({ path, what: "" })), ...chosenPages()];
const server = await serve(dist);
const browser = await chromium.launch({ executablePath: CHROMIUM, args: chromiumArgs });
const lines = [
  "| page | all in | data | code and styles | responses | |",
  "| --- | ---: | ---: | ---: | ---: | --- |",
];
let failed = false;
let over = false;
try {
  for (const { path, what } of pages) {
    const v = await visit(browser, server.url, path);
    let data = 0;
    for (const [p, n] of v.sizes) if (/^\/(_file\/data|_data)\//.test(p)) data += n;
    const notes = [what, ...v.errors];
    if (v.offOrigin.length || v.errors.length) failed = true;
    if (v.bytes > BUDGET) {
      over = true;
      notes.unshift("**over 500 KiB**");
    }
    lines.push(
      `| \`${path}\` | ${kib(v.bytes)} | ${kib(data)} | ${kib(v.bytes - data)} | ${v.sizes.size} | ${notes.filter(Boolean).join("; ")} |`,
    );
    await v.page.context().close();
  }
} finally {
  await browser.close();
  await server.close();
}
console.log(`${dist}: ${pages.length} pages, all in, in Chromium\n\n${lines.join("\n")}`);
if (failed) process.exitCode = 1;
else if (over) process.exitCode = 2;
