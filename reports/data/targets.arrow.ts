// Completion per target at county and township scope for the targets page, reported term only (issue 7).
import { targets } from "../../src/warehouse/tables.ts";
import { readRows, reportTerms, writeArrowRows } from "./lib/warehouse.ts";

const { term } = await reportTerms();
const COLUMNS = [
  "target_id",
  "label",
  "scope",
  "scope_id",
  "units_met",
  "units_total",
  "rate",
  "goal",
  "met",
];
const rows = await readRows(targets, {
  columns: COLUMNS,
  where: `term = ${Number(term ?? -1)}`,
  orderBy: ["target_id", "scope", "scope_id"],
});
writeArrowRows(rows, COLUMNS, targets, ["target_id", "label", "scope", "scope_id"]);
