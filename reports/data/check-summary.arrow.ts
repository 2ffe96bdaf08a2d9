// Statutory checks for the elections page, reported term only (issue 7: counts, not every check row of
// every unit): counts by check and status, election and unit checks together.
import { electionChecks, unitChecks } from "../../src/warehouse/tables.ts";
import { queryRows, reportTerms, writeArrowRows } from "./lib/warehouse.ts";

const { term } = await reportTerms();
const rows = await queryRows(
  [electionChecks, unitChecks],
  (elections, units) => `
    WITH c AS (
        SELECT "check", status FROM ${elections} WHERE term = $term
        UNION ALL
        SELECT "check", status FROM ${units} WHERE term = $term
    )
    SELECT "check",
        count(*) FILTER (WHERE status = 'passed') AS passed,
        count(*) FILTER (WHERE status = 'failed') AS failed,
        count(*) FILTER (WHERE status = 'not_applicable') AS not_applicable,
        count(*) AS total
    FROM c GROUP BY "check" ORDER BY "check"`,
  { term: term ?? -1 },
);
writeArrowRows(rows, ["check", "passed", "failed", "not_applicable", "total"]);
