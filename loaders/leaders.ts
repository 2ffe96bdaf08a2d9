// The leaders' profile (头雁, metrics.md) at the warehouse's own scope and the one below (county and townships), every term (the structure page's
// term and township filters). Scope, township, role and metric dictionary-encoded.
import { withWarehouse } from "../src/warehouse/directory.ts";
import { leaders as leadersTable } from "../src/warehouse/tables.ts";
import { arrowBytes } from "./lib/arrow.ts";
import { warehouseLevels } from "./lib/levels.ts";

const COLUMNS = [
  "term",
  "scope",
  "scope_id",
  "role",
  "metric",
  "count",
  "base",
  "value",
  "prev_value",
  "delta",
];

export function leaders(warehouse: string): Promise<Uint8Array> {
  return withWarehouse(warehouse, async (wh) => {
    const { top, child } = warehouseLevels(wh);
    const rows = await wh.rows(
      `SELECT ${COLUMNS.join(", ")} FROM leaders WHERE scope IN ($top, $child)
      ORDER BY term, list_position([$top, $child], scope), scope_id, role, metric`,
      { top, child },
    );
    return arrowBytes(rows, COLUMNS, leadersTable, ["scope", "scope_id", "role", "metric"], { narrow: true });
  });
}
