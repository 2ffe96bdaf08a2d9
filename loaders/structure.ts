// Structure metrics at the warehouse's own scope and the one below (county and townships) (metrics.md), every term (the page's term filter), with
// the columns the structure page shows (issue 7: not prev_count, change_pct, count_change_pct). Scope,
// township and body dictionary-encoded (written once each).
import { withWarehouse } from "../src/warehouse/directory.ts";
import { structure as structureTable } from "../src/warehouse/tables.ts";
import { arrowBytes } from "./lib/arrow.ts";
import { warehouseLevels } from "./lib/levels.ts";

const COLUMNS = [
  ...["term", "scope", "scope_id", "body", "metric"],
  ...["count", "base", "value", "prev_value", "delta"],
];

export function structure(warehouse: string): Promise<Uint8Array> {
  return withWarehouse(warehouse, async (wh) => {
    const { top, child } = warehouseLevels(wh);
    const rows = await wh.rows(
      `SELECT term, scope, scope_id, body, metric, count, base, value, prev_value, delta FROM structure
      WHERE scope IN ($top, $child)
      ORDER BY term, list_position([$top, $child], scope), scope_id, body, metric`,
      { top, child },
    );
    return arrowBytes(rows, COLUMNS, structureTable, ["scope", "scope_id", "body", "metric"], {
      narrow: true,
    });
  });
}
