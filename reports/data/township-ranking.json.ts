// The townships page (乡镇), reported term only (issue 7: not the structure, target and progress tables of
// every term and scope): per township its "两委" figures (both bodies together), whether each target is met,
// and the completion on the last day of the progress series. The page sums and divides as before.
import { progress, structure, targets } from "../../src/warehouse.ts";
import { columnar, queryRows, readRows, reportTerms, writeCompactJson } from "./lib/warehouse.ts";

const METRICS = ["members", "women", "college_plus", "age_le_35", "avg_age"];
const { term } = await reportTerms();
const ofTerm = `term = ${Number(term ?? -1)} AND scope = 'township'`;
const figures = await readRows(structure, {
  columns: ["scope_id", "metric", "value"],
  where: `${ofTerm} AND body = 'both' AND metric IN (${METRICS.map((m) => `'${m}'`).join(", ")})`,
  orderBy: ["scope_id", "metric"],
});
const met = await readRows(targets, {
  columns: ["scope_id", "met"],
  where: ofTerm,
  orderBy: ["scope_id", "target_id"],
});
// Both bodies' rows of the last day any township has (the page's former `lastDay`).
const completion = await queryRows(
  [progress],
  (table) => `
    SELECT scope_id, strftime(day, '%Y-%m-%d') AS day, units_done, units_total FROM ${table}
    WHERE ${ofTerm} AND day = (SELECT max(day) FROM ${table} WHERE ${ofTerm})
    ORDER BY scope_id, body`,
);
writeCompactJson({
  term,
  structure: columnar(figures, ["scope_id", "metric", "value"]),
  targets: columnar(met, ["scope_id", "met"]),
  progress: columnar(completion, ["scope_id", "day", "units_done", "units_total"]),
});
