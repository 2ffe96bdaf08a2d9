// First-round success and turnout (metrics.md, Election summary) of the reported term: the warehouse's own
// row (the county's) and those one level down (the townships') with their rank by first-round success and by turnout, highest first, ties sharing a rank
// (1, 2, 2, 4); per body.
import { withWarehouse } from "../src/warehouse/directory.ts";
import { electionSummary as electionSummaryTable } from "../src/warehouse/tables.ts";
import { arrowBytes } from "./lib/arrow.ts";
import { warehouseLevels } from "./lib/levels.ts";
import { reportTerms } from "./lib/terms.ts";

const COLUMNS = [
  ...["scope", "scope_id", "body", "units_elected", "units_first_round", "first_round_rate"],
  ...["entitled", "cast", "turnout", "competitive_rate", "first_round_rank", "turnout_rank"],
];

export function electionSummary(warehouse: string): Promise<Uint8Array> {
  return withWarehouse(warehouse, async (wh) => {
    const { term } = await reportTerms(wh);
    const { top, child } = warehouseLevels(wh);
    const rows = await wh.rows(
      `SELECT *,
        CASE WHEN scope = $child
          THEN rank() OVER (PARTITION BY scope, body ORDER BY first_round_rate DESC NULLS LAST) END
          AS first_round_rank,
        CASE WHEN scope = $child
          THEN rank() OVER (PARTITION BY scope, body ORDER BY turnout DESC NULLS LAST) END
          AS turnout_rank
      FROM election_summary WHERE term = $term AND scope IN ($top, $child)
      ORDER BY body, list_position([$top, $child], scope), first_round_rank, turnout_rank, scope_id`,
      { term: term ?? -1, top, child },
    );
    return arrowBytes(rows, COLUMNS, electionSummaryTable, ["scope", "scope_id", "body"]);
  });
}
