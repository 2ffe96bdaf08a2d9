// The values the elections page's histograms bin, reported term only (issue 7: not a row per election of
// every term): a row per series (turnout of committee elections, of party elections, competition ratio of
// all), value and how many elections have it; nulls left out.
import { withWarehouse } from "../src/warehouse/directory.ts";
import { arrowBytes } from "./lib/arrow.ts";
import { reportTerms } from "./lib/terms.ts";

export function electionValues(warehouse: string): Promise<Uint8Array> {
  return withWarehouse(warehouse, async (wh) => {
    const { term } = await reportTerms(wh);
    const rows = await wh.rows(
      `SELECT series, value, count(*) AS count FROM (
          SELECT 1 AS part, 'turnout_committee' AS series, turnout AS value FROM elections
          WHERE term = $term AND body = 'committee'
          UNION ALL
          SELECT 2, 'turnout_party', turnout FROM elections WHERE term = $term AND body = 'party'
          UNION ALL
          SELECT 3, 'competition_ratio', competition_ratio FROM elections WHERE term = $term
      ) WHERE value IS NOT NULL
      GROUP BY part, series, value ORDER BY part, value`,
      { term: term ?? -1 },
    );
    return arrowBytes(rows, ["series", "value", "count"], undefined, ["series"]);
  });
}
