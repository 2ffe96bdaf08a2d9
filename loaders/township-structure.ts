// The townships page (乡镇; above county level the jurisdictions one level down), reported term only (issue 7: not the structure table of every term and
// scope): per township its "两委" figures (both bodies together).
import { withWarehouse } from "../src/warehouse/directory.ts";
import { structure } from "../src/warehouse/tables.ts";
import { arrowBytes } from "./lib/arrow.ts";
import { warehouseLevels } from "./lib/levels.ts";
import { reportTerms } from "./lib/terms.ts";

export function townshipStructure(warehouse: string): Promise<Uint8Array> {
  return withWarehouse(warehouse, async (wh) => {
    const { term } = await reportTerms(wh);
    const { child } = warehouseLevels(wh);
    const rows = await wh.rows(
      `SELECT scope_id, metric, value FROM structure
      WHERE term = $term AND scope = $child AND body = 'both'
          AND metric IN ('members', 'women', 'college_plus', 'age_le_35', 'avg_age')
      ORDER BY scope_id, metric`,
      { term: term ?? -1, child },
    );
    return arrowBytes(rows, ["scope_id", "metric", "value"], structure, ["scope_id", "metric"]);
  });
}
