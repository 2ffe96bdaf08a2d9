// The townships page (乡镇; above county level the jurisdictions one level down), reported term only: whether each target is met, per township.
import { withWarehouse } from "../src/warehouse/directory.ts";
import { targets } from "../src/warehouse/tables.ts";
import { arrowBytes } from "./lib/arrow.ts";
import { warehouseLevels } from "./lib/levels.ts";
import { reportTerms } from "./lib/terms.ts";

export function townshipTargets(warehouse: string): Promise<Uint8Array> {
  return withWarehouse(warehouse, async (wh) => {
    const { term } = await reportTerms(wh);
    const { child } = warehouseLevels(wh);
    const rows = await wh.rows(
      `SELECT scope_id, met FROM targets WHERE term = $term AND scope = $child
      ORDER BY scope_id, target_id`,
      { term: term ?? -1, child },
    );
    return arrowBytes(rows, ["scope_id", "met"], targets, ["scope_id"]);
  });
}
