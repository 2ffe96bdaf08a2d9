// First-round success and turnout (metrics.md, Election summary) of the reported term: the county row and
// the townships' with their rank by first-round success and by turnout, highest first, ties sharing a rank
// (1, 2, 2, 4); per body.
import { withWarehouse } from "../src/warehouse/directory.ts";
import { electionSummary as electionSummaryTable } from "../src/warehouse/tables.ts";
import { arrowBytes } from "./lib/arrow.ts";
import { reportTerms } from "./lib/terms.ts";

const COLUMNS = [
  ...["scope", "scope_id", "body", "units_elected", "units_first_round", "first_round_rate"],
  ...["entitled", "cast", "turnout", "competitive_rate", "first_round_rank", "turnout_rank"],
];

export function electionSummary(warehouse: string): Promise<Uint8Array> {
  return withWarehouse(warehouse, async (wh) => {
    const { term } = await reportTerms(wh);
    const rows = await wh.rows(
      `SELECT *,
        CASE WHEN scope = 'township'
          THEN rank() OVER (PARTITION BY scope, body ORDER BY first_round_rate DESC NULLS LAST) END
          AS first_round_rank,
        CASE WHEN scope = 'township'
          THEN rank() OVER (PARTITION BY scope, body ORDER BY turnout DESC NULLS LAST) END
          AS turnout_rank
      FROM election_summary WHERE term = $term AND scope IN ('county', 'township')
      ORDER BY body, scope, first_round_rank, turnout_rank, scope_id`,
      { term: term ?? -1 },
    );
    return arrowBytes(rows, COLUMNS, electionSummaryTable, ["scope", "scope_id", "body"]);
  });
}
