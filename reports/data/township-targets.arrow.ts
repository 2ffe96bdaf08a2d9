// The townships page (乡镇), reported term only: whether each target is met, per township.
import { targets } from "../../src/warehouse/tables.ts";
import { readRows, reportTerms, writeArrowRows } from "./lib/warehouse.ts";

const { term } = await reportTerms();
const rows = await readRows(targets, {
  columns: ["scope_id", "met"],
  where: `term = ${Number(term ?? -1)} AND scope = 'township'`,
  orderBy: ["scope_id", "target_id"],
});
writeArrowRows(rows, ["scope_id", "met"], targets, ["scope_id"]);
