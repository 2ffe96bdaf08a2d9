// The failed statutory checks of the reported term with their messages, for the elections page (election
// checks, then unit checks, which have no body, office or round).
import { withWarehouse } from "../src/warehouse/directory.ts";
import { electionChecks } from "../src/warehouse/tables.ts";
import { arrowBytes } from "./lib/arrow.ts";
import { warehouseLevels } from "./lib/levels.ts";
import { reportTerms } from "./lib/terms.ts";

const COLUMNS = ["township", "unit", "body", "office", "round", "check", "status", "message"];

export function checkFailures(warehouse: string): Promise<Uint8Array> {
  return withWarehouse(warehouse, async (wh) => {
    const { term } = await reportTerms(wh);
    // Above county level the page fetches one county's rows (loaders/jurisdictions.ts, a file per county):
    // this file is empty, not every unit's.
    const county = warehouseLevels(wh).top === "county";
    const rows = await wh.rows(
      `SELECT township, unit, body, office, round, "check", status, message FROM (
          SELECT 0 AS part, * EXCLUDE (term) FROM election_checks WHERE term = $term AND status = 'failed'
            AND $county
          UNION ALL BY NAME
          SELECT 1 AS part, * EXCLUDE (term) FROM unit_checks WHERE term = $term AND status = 'failed'
            AND $county
      ) ORDER BY part, township, unit_id, body, office, round, "check"`,
      { term: term ?? -1, county },
    );
    return arrowBytes(rows, COLUMNS, electionChecks, ["township", "check", "status"]);
  });
}
