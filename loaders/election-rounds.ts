// The second and later rounds of the reported term's elections, listed in full on the elections page.
import { withWarehouse } from "../src/warehouse/directory.ts";
import { elections } from "../src/warehouse/tables.ts";
import { arrowBytes } from "./lib/arrow.ts";
import { warehouseLevels } from "./lib/levels.ts";
import { reportTerms } from "./lib/terms.ts";

const COLUMNS = [
  ...["township", "unit", "body", "office", "round"],
  ...["election_date", "seats", "elected", "turnout"],
];

export function electionRounds(warehouse: string): Promise<Uint8Array> {
  return withWarehouse(warehouse, async (wh) => {
    const { term } = await reportTerms(wh);
    // Above county level the page fetches one county's rows (loaders/jurisdictions.ts, a file per county):
    // this file is empty, not every unit's.
    const county = warehouseLevels(wh).top === "county";
    const rows = await wh.rows(
      `SELECT ${COLUMNS.join(", ")} FROM elections
      WHERE term = $term AND $county AND round >= 2 ORDER BY township, unit_id, body, office, round`,
      { term: term ?? -1, county },
    );
    return arrowBytes(rows, COLUMNS, elections);
  });
}
