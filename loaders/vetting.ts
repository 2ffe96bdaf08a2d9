// Candidate vetting funnel per scope and body, reported term only.
import { withWarehouse } from "../src/warehouse/directory.ts";
import { vetting as vettingTable } from "../src/warehouse/tables.ts";
import { arrowBytes } from "./lib/arrow.ts";
import { reportTerms } from "./lib/terms.ts";

export function vetting(warehouse: string): Promise<Uint8Array> {
  return withWarehouse(warehouse, async (wh) => {
    const { term } = await reportTerms(wh);
    const rows = await wh.rows("SELECT * FROM vetting WHERE term = $term ORDER BY scope, scope_id, body", {
      term: term ?? -1,
    });
    return arrowBytes(rows, vettingTable.columnNames, vettingTable);
  });
}
