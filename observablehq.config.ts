/**
 * Observable Framework configuration of the report site (Chinese, offline).
 * Offline: no Google Fonts (globalStylesheets: []), a local stylesheet with a
 * CJK system-font stack, no search (its index is fetched from a CDN-free path
 * but adds weight), and every import from node_modules. `lang`, the
 * Content-Security-Policy and stable timestamps are added by scripts/build-site.js.
 */
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { type Level, levelsOf } from "./loaders/lib/levels.ts";

const WAREHOUSE = resolve(process.env.HUANJIE_WAREHOUSE ?? "data/out");

/**
 * The scope one level below the warehouse's level (manifest.json; county when absent), which the sidebar's
 * ranking page is named after. The pages are the same for every warehouse: the township, unit and region
 * pages choose their jurisdiction from the address (`township?t=`, `unit?t=&u=`, `region?r=`) and load its
 * files, which scripts/build-site.js writes beside the pages, so the number of pages does not grow with the
 * warehouse (docs/decisions.md, "The report site at every level").
 */
function childLevel(): Level {
  const file = resolve(WAREHOUSE, "manifest.json");
  const level = existsSync(file)
    ? (JSON.parse(readFileSync(file, "utf8")) as { level?: Level }).level
    : undefined;
  return levelsOf(level ?? "county").child;
}

/** The sidebar's name of the ranking of the jurisdictions one level down. */
const CHILD_NAV: Record<string, string> = { township: "乡镇", county: "县", city: "市", province: "省" };

export default {
  root: "reports",
  // The tests build into a temporary directory; `npm run build` writes dist/.
  output: process.env.HUANJIE_SITE_DIST ?? "dist",
  title: "村(社区)“两委”换届报告",
  home: "换届报告",
  // The sidebar, in order: a line per page, its path (the file under reports/) and its name.
  pages: `
    / 总览
    /structure 班子结构
    /targets 目标任务
    /townships ${CHILD_NAV[childLevel()] ?? "乡镇"}
    /units 村社
    /elections 选举
    /progress 进度
    /bulletin 通报表
    /vetting 资格审查
    /quality 数据质量
    /about 关于`
    .trim()
    .split(/\s*\n\s*/)
    .map((line) => {
      const [path, name] = line.split(" ");
      return { name, path };
    }),
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
