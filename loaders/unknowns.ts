// Persons whose attribute behind a share is unknown (they count as not matching): the warehouse's
// own scope (the county's), only
// the metrics that have any.
import { withWarehouse } from "../src/warehouse/directory.ts";
import { unknowns as unknownsTable } from "../src/warehouse/tables.ts";
import { arrowBytes } from "./lib/arrow.ts";
import { warehouseLevels } from "./lib/levels.ts";

export function unknowns(warehouse: string): Promise<Uint8Array> {
  return withWarehouse(warehouse, async (wh) => {
    const { top } = warehouseLevels(wh);
    const rows = await wh.rows(
      "SELECT * FROM unknowns WHERE scope = $top AND unknown > 0 ORDER BY term, body, metric",
      { top },
    );
    return arrowBytes(rows, unknownsTable.columnNames, unknownsTable);
  });
}
