// The leaders' profile (头雁, metrics.md) at county and township scope, every term (the structure page's
// term and township filters). Scope, township, role and metric dictionary-encoded.
import { leaders } from "../../src/warehouse/tables.ts";
import { readRows, writeArrowRows } from "./lib/warehouse.ts";

const COLUMNS = [
  "term",
  "scope",
  "scope_id",
  "role",
  "metric",
  "count",
  "base",
  "value",
  "prev_value",
  "delta",
];
const rows = await readRows(leaders, {
  columns: COLUMNS,
  where: "scope <> 'unit'",
  orderBy: ["term", "scope", "scope_id", "role", "metric"],
});
writeArrowRows(rows, COLUMNS, leaders, ["scope", "scope_id", "role", "metric"]);
