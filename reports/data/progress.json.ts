// Daily completion series by body (日报告日通报) for the progress page: the reported term, county and
// townships (issue 7: not every term and scope), a series per body and scope, its days as indexes into
// `days`. Rates are not written: the page divides units_done × 100 by units_total as the progress mart
// does (same IEEE operations, same numbers). Compact JSON: the page needs no Arrow library.
import { progress } from "../../src/warehouse.ts";
import { readRows, reportTerms, writeCompactJson } from "./lib/warehouse.ts";

const { term } = await reportTerms();
const rows = await readRows(progress, {
  columns: ["body", "scope", "scope_id", "day", "units_done", "units_total", "rank"],
  where: `term = ${Number(term ?? -1)} AND scope IN ('county', 'township')`,
  orderBy: ["body", "scope", "scope_id", "day"],
});
const days = [...new Set(rows.map((r) => String(r.day)))].sort();
const dayIndex = new Map(days.map((d, i) => [d, i]));
interface Series {
  body: unknown;
  scope: unknown;
  scope_id: unknown;
  units_total: unknown[];
  day: number[];
  units_done: unknown[];
  rank: unknown[];
}
const series = new Map<string, Series>();
for (const r of rows) {
  const key = JSON.stringify([r.body, r.scope, r.scope_id]);
  let s = series.get(key);
  if (!s) {
    s = {
      body: r.body,
      scope: r.scope,
      scope_id: r.scope_id,
      units_total: [],
      day: [],
      units_done: [],
      rank: [],
    };
    series.set(key, s);
  }
  s.day.push(dayIndex.get(String(r.day)) as number);
  s.units_done.push(r.units_done);
  s.units_total.push(r.units_total);
  s.rank.push(r.rank ?? null);
}
writeCompactJson({ term, days, series: [...series.values()] });
