// The failed statutory checks of the reported term with their messages, for the elections page (election
// checks, then unit checks, which have no body, office or round).
import { withWarehouse } from "../src/warehouse/directory.ts";
import { electionChecks } from "../src/warehouse/tables.ts";
import { arrowBytes } from "./lib/arrow.ts";
import { reportTerms } from "./lib/terms.ts";

const COLUMNS = ["township", "unit", "body", "office", "round", "check", "status", "message"];

export function checkFailures(warehouse: string): Promise<Uint8Array> {
  return withWarehouse(warehouse, async (wh) => {
    const { term } = await reportTerms(wh);
    const rows = await wh.rows(
      `SELECT township, unit, body, office, round, "check", status, message FROM (
          SELECT 0 AS part, * EXCLUDE (term) FROM election_checks WHERE term = $term AND status = 'failed'
          UNION ALL BY NAME
          SELECT 1 AS part, * EXCLUDE (term) FROM unit_checks WHERE term = $term AND status = 'failed'
      ) ORDER BY part, township, unit_id, body, office, round, "check"`,
      { term: term ?? -1 },
    );
    return arrowBytes(rows, COLUMNS, electionChecks, ["township", "check", "status"]);
  });
}
