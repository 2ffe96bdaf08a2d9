// What every page needs to know: dataset name, current and previous term, townships with their page slugs.
import { members, units } from "../../src/warehouse.ts";
import { townshipSlug } from "./lib/slug.ts";
import { readJson, readRows, writeJson } from "./lib/warehouse.ts";

const summary = readJson("metrics/summary.json") as {
  dataset?: string;
  term?: number;
  prev_term?: number;
} | null;
const manifest = readJson("manifest.json") as { dataset?: string; name?: string } | null;
const terms = [
  ...new Set((await readRows(members, { columns: ["term"] })).map((r) => Number(r.term))),
].sort();
const townships = [
  ...new Set((await readRows(units, { columns: ["township"] })).map((r) => String(r.township))),
]
  .sort((a, b) => a.localeCompare(b, "zh-CN"))
  .map((name) => ({ name, slug: townshipSlug(name) }));
writeJson({
  dataset: summary?.dataset ?? manifest?.dataset ?? manifest?.name ?? null,
  term: summary?.term ?? terms.at(-1) ?? null,
  prev_term: summary?.prev_term ?? terms.at(-2) ?? null,
  terms,
  townships,
});
