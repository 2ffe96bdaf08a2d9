// Statutory checks for the elections page, reported term only (issue 7: counts, not every check row of
// every unit): counts by check and status, election and unit checks together.
import { withWarehouse } from "../src/warehouse/directory.ts";
import { arrowBytes } from "./lib/arrow.ts";
import { reportTerms } from "./lib/terms.ts";

export function checkSummary(warehouse: string): Promise<Uint8Array> {
  return withWarehouse(warehouse, async (wh) => {
    const { term } = await reportTerms(wh);
    const rows = await wh.rows(
      `WITH c AS (
          SELECT "check", status FROM election_checks WHERE term = $term
          UNION ALL
          SELECT "check", status FROM unit_checks WHERE term = $term
      )
      SELECT "check",
          count(*) FILTER (WHERE status = 'passed') AS passed,
          count(*) FILTER (WHERE status = 'failed') AS failed,
          count(*) FILTER (WHERE status = 'not_applicable') AS not_applicable,
          count(*) AS total
      FROM c GROUP BY "check" ORDER BY "check"`,
      { term: term ?? -1 },
    );
    return arrowBytes(rows, ["check", "passed", "failed", "not_applicable", "total"]);
  });
}
