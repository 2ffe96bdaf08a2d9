// Structure metrics at county and township scope (metrics.md), every term (the page's term filter), with
// the columns the structure page shows (issue 7: not prev_count, change_pct, count_change_pct). Scope,
// township and body dictionary-encoded (written once each).
import { structure } from "../../src/warehouse/tables.ts";
import { readRows, writeArrowRows } from "./lib/warehouse.ts";

const COLUMNS = [
  "term",
  "scope",
  "scope_id",
  "body",
  "metric",
  "count",
  "base",
  "value",
  "prev_value",
  "delta",
];
const rows = await readRows(structure, {
  columns: COLUMNS,
  where: "scope <> 'unit'",
  orderBy: ["term", "scope", "scope_id", "body", "metric"],
});
writeArrowRows(rows, COLUMNS, structure, ["scope", "scope_id", "body", "metric"]);
