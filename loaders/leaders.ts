// The leaders' profile (头雁, metrics.md) at county and township scope, every term (the structure page's
// term and township filters). Scope, township, role and metric dictionary-encoded.
import { withWarehouse } from "../src/warehouse/directory.ts";
import { leaders as leadersTable } from "../src/warehouse/tables.ts";
import { arrowBytes } from "./lib/arrow.ts";

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
    const rows = await wh.rows(
      `SELECT ${COLUMNS.join(", ")} FROM leaders WHERE scope <> 'unit'
      ORDER BY term, scope, scope_id, role, metric`,
    );
    return arrowBytes(rows, COLUMNS, leadersTable, ["scope", "scope_id", "role", "metric"]);
  });
}
