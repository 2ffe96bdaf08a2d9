// Disqualifications by reason, as written, reported term only: the warehouse's own scope and the one below.
import { withWarehouse } from "../src/warehouse/directory.ts";
import { vettingReasons as vettingReasonsTable } from "../src/warehouse/tables.ts";
import { arrowBytes } from "./lib/arrow.ts";
import { warehouseLevels } from "./lib/levels.ts";
import { reportTerms } from "./lib/terms.ts";

export function vettingReasons(warehouse: string): Promise<Uint8Array> {
  return withWarehouse(warehouse, async (wh) => {
    const { term } = await reportTerms(wh);
    const { top, child } = warehouseLevels(wh);
    const rows = await wh.rows(
      `SELECT * FROM vetting_reasons WHERE term = $term AND scope IN ($top, $child)
      ORDER BY list_position([$top, $child], scope), scope_id, reason`,
      { term: term ?? -1, top, child },
    );
    return arrowBytes(rows, vettingReasonsTable.columnNames, vettingReasonsTable);
  });
}
