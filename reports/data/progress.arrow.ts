// Daily completion series by body (日报告日通报) for the progress page: the reported term, county and
// townships (issue 7: not every term and scope), a row per body, scope and day. Rates are not written: the
// page divides units_done × 100 by units_total as the progress mart does (same IEEE operations, same
// numbers). Body, scope, township and day dictionary-encoded (each written once).
import { progress } from "../../src/warehouse/tables.ts";
import { readRows, reportTerms, writeArrowRows } from "./lib/warehouse.ts";

const COLUMNS = ["body", "scope", "scope_id", "day", "units_done", "units_total", "rank"];
const { term } = await reportTerms();
const rows = await readRows(progress, {
  columns: COLUMNS,
  where: `term = ${Number(term ?? -1)} AND scope IN ('county', 'township')`,
  orderBy: ["body", "scope", "scope_id", "day"],
});
writeArrowRows(rows, COLUMNS, progress, ["body", "scope", "scope_id", "day"]);
