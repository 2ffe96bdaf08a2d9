// Persons whose attribute behind a share is unknown (they count as not matching): county scope, only
// the metrics that have any.
import { withWarehouse } from "../src/warehouse/directory.ts";
import { unknowns as unknownsTable } from "../src/warehouse/tables.ts";
import { arrowBytes } from "./lib/arrow.ts";

export function unknowns(warehouse: string): Promise<Uint8Array> {
  return withWarehouse(warehouse, async (wh) => {
    const rows = await wh.rows(
      "SELECT * FROM unknowns WHERE scope = 'county' AND unknown > 0 ORDER BY term, body, metric",
    );
    return arrowBytes(rows, unknownsTable.columnNames, unknownsTable);
  });
}
