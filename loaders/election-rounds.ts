// The second and later rounds of the reported term's elections, listed in full on the elections page.
import { withWarehouse } from "../src/warehouse/directory.ts";
import { elections } from "../src/warehouse/tables.ts";
import { arrowBytes } from "./lib/arrow.ts";
import { reportTerms } from "./lib/terms.ts";

const COLUMNS = [
  ...["township", "unit", "body", "office", "round"],
  ...["election_date", "seats", "elected", "turnout"],
];

export function electionRounds(warehouse: string): Promise<Uint8Array> {
  return withWarehouse(warehouse, async (wh) => {
    const { term } = await reportTerms(wh);
    const rows = await wh.rows(
      `SELECT ${COLUMNS.join(", ")} FROM elections
      WHERE term = $term AND round >= 2 ORDER BY township, unit_id, body, office, round`,
      { term: term ?? -1 },
    );
    return arrowBytes(rows, COLUMNS, elections);
  });
}
