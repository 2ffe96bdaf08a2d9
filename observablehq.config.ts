/**
 * Observable Framework configuration of the report site (Chinese, offline).
 * Offline: no Google Fonts (globalStylesheets: []), a local stylesheet with a
 * CJK system-font stack, no search (its index is fetched from a CDN-free path
 * but adds weight), and every import from node_modules. `lang`, the
 * Content-Security-Policy and stable timestamps are added by scripts/build-site.js.
 */
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { type Level, type Levels, levelsOf, places } from "./loaders/lib/levels.ts";
import { townshipSlug } from "./loaders/lib/slug.ts";
import { withWarehouse } from "./src/warehouse/directory.ts";
import { literal } from "./src/warehouse/duckdb.ts";

const WAREHOUSE = resolve(process.env.HUANJIE_WAREHOUSE ?? "data/out");

/** The warehouse's level (manifest.json; county when absent) and the scope one level below it. */
function warehouseLevels(): Levels {
  const file = resolve(WAREHOUSE, "manifest.json");
  const level = existsSync(file)
    ? (JSON.parse(readFileSync(file, "utf8")) as { level?: Level }).level
    : undefined;
  return levelsOf(level ?? "county");
}
const LEVELS_OF_SITE = warehouseLevels();

/**
 * Two pages per township, from units.parquet (none when the warehouse is absent): the township's own
 * and its unit page, which shows the unit named in its URL (`unit/<township slug>?u=<unit slug>`), so
 * the page count grows with townships, not units (issue 7, docs/decisions.md). Above county level, first a
 * page per region (every county of a city; every city and county of a province…: `region/<slug>`).
 */
async function* dynamicPaths(): AsyncGenerator<string> {
  const file = resolve(WAREHOUSE, "units.parquet");
  if (!existsSync(file)) return;
  if (LEVELS_OF_SITE.regions.length) {
    const regions = await withWarehouse(WAREHOUSE, async (wh) =>
      (await places(wh, LEVELS_OF_SITE)).filter((p) => p.scope !== "township"),
    );
    for (const { slug } of regions) yield `/region/${slug}`;
  }
  const conn = await (await DuckDBInstance.create(":memory:", { threads: "1" })).connect();
  const reader = await conn.runAndReadAll(
    `SELECT DISTINCT township FROM read_parquet(${literal(file)}) ORDER BY township`,
  );
  const townships = (reader.getRowObjectsJS() as { township: string }[]).map((r) => townshipSlug(r.township));
  for (const slug of townships) yield `/township/${slug}`;
  for (const slug of townships) yield `/unit/${slug}`;
}

/** The sidebar's name of the ranking of the jurisdictions one level down. */
const CHILD_NAV: Record<string, string> = { township: "乡镇", county: "县", city: "市", province: "省" };

export default {
  root: "reports",
  // The tests build into a temporary directory; `npm run build` writes dist/.
  output: process.env.HUANJIE_SITE_DIST ?? "dist",
  title: "村(社区)“两委”换届报告",
  home: "换届报告",
  pages: [
    { name: "总览", path: "/" },
    { name: "班子结构", path: "/structure" },
    { name: "目标任务", path: "/targets" },
    { name: CHILD_NAV[LEVELS_OF_SITE.child] ?? "乡镇", path: "/townships" },
    { name: "村社", path: "/units" },
    { name: "选举", path: "/elections" },
    { name: "进度", path: "/progress" },
    { name: "通报表", path: "/bulletin" },
    { name: "资格审查", path: "/vetting" },
    { name: "数据质量", path: "/quality" },
    { name: "关于", path: "/about" },
  ],
  dynamicPaths,
  globalStylesheets: [],
  style: "style.css",
  head: '<link rel="icon" href="favicon.svg" type="image/svg+xml">',
  footer: "换届报告 · 数据来自各乡镇上报的原始台账,由 huanjie 生成",
  toc: { show: false, label: "本页目录" },
  pager: false,
  search: false,
  preserveExtension: false,
  preserveIndex: false,
};
