// Structure metrics at county and township scope (metrics.md), every term (the page's term filter), with
// the columns the structure page shows (issue 7: not prev_count, change_pct, count_change_pct), grouped by
// term, scope and body so those are written once per group. Compact JSON: no Arrow library in the page.
import { structure } from "../../src/warehouse.ts";
import { grouped, readRows, writeCompactJson } from "./lib/warehouse.ts";

const KEYS = ["term", "scope", "scope_id", "body"];
const COLUMNS = ["metric", "count", "base", "value", "prev_value", "delta"];
const rows = await readRows(structure, {
  columns: [...KEYS, ...COLUMNS],
  where: "scope <> 'unit'",
  orderBy: ["term", "scope", "scope_id", "body", "metric"],
});
writeCompactJson(grouped(rows, KEYS, COLUMNS));
