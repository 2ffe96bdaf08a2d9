// The townships page (乡镇), reported term only: both bodies' completion on the last day of the progress
// series any township has (the page's `lastDay`). The page sums and divides.
import { progress } from "../../src/warehouse/tables.ts";
import { queryRows, reportTerms, writeArrowRows } from "./lib/warehouse.ts";

const { term } = await reportTerms();
const ofTerm = `term = ${Number(term ?? -1)} AND scope = 'township'`;
const rows = await queryRows(
  [progress],
  (table) => `
    SELECT scope_id, strftime(day, '%Y-%m-%d') AS day, units_done, units_total FROM ${table}
    WHERE ${ofTerm} AND day = (SELECT max(day) FROM ${table} WHERE ${ofTerm})
    ORDER BY scope_id, body`,
);
writeArrowRows(rows, ["scope_id", "day", "units_done", "units_total"], progress, ["scope_id", "day"]);
