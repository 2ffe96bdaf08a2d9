// What every page needs to know: dataset name, current and previous term, townships with their page slugs
// and number of units.
import { units } from "../../src/warehouse/tables.ts";
import { townshipSlug } from "./lib/slug.ts";
import { readJson, readRows, reportTerms, writeJson } from "./lib/warehouse.ts";

const summary = readJson("metrics/summary.json") as { dataset?: string } | null;
const manifest = readJson("manifest.json") as { dataset?: string; name?: string } | null;
const unitCount = new Map<string, number>();
for (const r of await readRows(units, { columns: ["township"] }))
  unitCount.set(String(r.township), (unitCount.get(String(r.township)) ?? 0) + 1);
const townships = [...unitCount.keys()]
  .sort((a, b) => a.localeCompare(b, "zh-CN"))
  .map((name) => ({ name, slug: townshipSlug(name), units: unitCount.get(name) }));
const { terms, term, prev_term } = await reportTerms();
writeJson({
  dataset: summary?.dataset ?? manifest?.dataset ?? manifest?.name ?? null,
  term,
  prev_term,
  terms,
  townships,
});
