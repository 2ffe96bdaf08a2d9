// The townships page (乡镇; above county level the jurisdictions one level down), reported term only: both bodies' completion on the last day of the progress
// series any township has (the page's `lastDay`). The page sums and divides.
import { withWarehouse } from "../src/warehouse/directory.ts";
import { progress } from "../src/warehouse/tables.ts";
import { arrowBytes } from "./lib/arrow.ts";
import { warehouseLevels } from "./lib/levels.ts";
import { reportTerms } from "./lib/terms.ts";

export function townshipProgress(warehouse: string): Promise<Uint8Array> {
  return withWarehouse(warehouse, async (wh) => {
    const { term } = await reportTerms(wh);
    const { child } = warehouseLevels(wh);
    const rows = await wh.rows(
      `SELECT scope_id, day, units_done, units_total FROM progress
      WHERE term = $term AND scope = $child
          AND day = (SELECT max(day) FROM progress WHERE term = $term AND scope = $child)
      ORDER BY scope_id, body`,
      { term: term ?? -1, child },
    );
    return arrowBytes(rows, ["scope_id", "day", "units_done", "units_total"], progress, ["scope_id", "day"]);
  });
}
