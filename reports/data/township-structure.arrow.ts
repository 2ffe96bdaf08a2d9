// The townships page (乡镇), reported term only (issue 7: not the structure table of every term and
// scope): per township its "两委" figures (both bodies together).
import { structure } from "../../src/warehouse/tables.ts";
import { readRows, reportTerms, writeArrowRows } from "./lib/warehouse.ts";

const METRICS = ["members", "women", "college_plus", "age_le_35", "avg_age"];
const { term } = await reportTerms();
const COLUMNS = ["scope_id", "metric", "value"];
const rows = await readRows(structure, {
  columns: COLUMNS,
  where: `term = ${Number(term ?? -1)} AND scope = 'township' AND body = 'both' AND metric IN (${METRICS.map((m) => `'${m}'`).join(", ")})`,
  orderBy: ["scope_id", "metric"],
});
writeArrowRows(rows, COLUMNS, structure, ["scope_id", "metric"]);
