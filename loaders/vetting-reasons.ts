// Disqualifications by reason, as written, reported term only.
import { withWarehouse } from "../src/warehouse/directory.ts";
import { vettingReasons as vettingReasonsTable } from "../src/warehouse/tables.ts";
import { arrowBytes } from "./lib/arrow.ts";
import { reportTerms } from "./lib/terms.ts";

export function vettingReasons(warehouse: string): Promise<Uint8Array> {
  return withWarehouse(warehouse, async (wh) => {
    const { term } = await reportTerms(wh);
    const rows = await wh.rows(
      "SELECT * FROM vetting_reasons WHERE term = $term ORDER BY scope, scope_id, reason",
      { term: term ?? -1 },
    );
    return arrowBytes(rows, vettingReasonsTable.columnNames, vettingReasonsTable);
  });
}
