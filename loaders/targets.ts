// Completion per target at the warehouse's own scope and the one below (county and townships) for the targets page, reported term only (issue 7).
import { withWarehouse } from "../src/warehouse/directory.ts";
import { targets as targetsTable } from "../src/warehouse/tables.ts";
import { arrowBytes } from "./lib/arrow.ts";
import { warehouseLevels } from "./lib/levels.ts";
import { reportTerms } from "./lib/terms.ts";

const COLUMNS = [
  ...["target_id", "label", "scope", "scope_id"],
  ...["units_met", "units_total", "rate", "goal", "met"],
];

export function targets(warehouse: string): Promise<Uint8Array> {
  return withWarehouse(warehouse, async (wh) => {
    const { term } = await reportTerms(wh);
    const { top, child } = warehouseLevels(wh);
    const rows = await wh.rows(
      `SELECT target_id, label, scope, scope_id, units_met, units_total, rate, goal, met FROM targets
      WHERE term = $term AND scope IN ($top, $child)
      ORDER BY target_id, list_position([$top, $child], scope), scope_id`,
      { term: term ?? -1, top, child },
    );
    return arrowBytes(rows, COLUMNS, targetsTable, ["target_id", "label", "scope", "scope_id"]);
  });
}
