// Daily completion series by body (日报告日通报) for the progress page: the reported term, the warehouse's own
// scope and the one below (county and townships; issue 7: not every term and scope), a row per body, scope and day. Rates are not written: the
// page divides units_done × 100 by units_total as the progress mart does (same IEEE operations, same
// numbers). Body, scope, township and day dictionary-encoded (each written once).
import { withWarehouse } from "../src/warehouse/directory.ts";
import { progress as progressTable } from "../src/warehouse/tables.ts";
import { arrowBytes } from "./lib/arrow.ts";
import { warehouseLevels } from "./lib/levels.ts";
import { reportTerms } from "./lib/terms.ts";

const COLUMNS = ["body", "scope", "scope_id", "day", "units_done", "units_total", "rank"];

export function progress(warehouse: string): Promise<Uint8Array> {
  return withWarehouse(warehouse, async (wh) => {
    const { term } = await reportTerms(wh);
    const { top, child } = warehouseLevels(wh);
    const rows = await wh.rows(
      `SELECT body, scope, scope_id, day, units_done, units_total, rank FROM progress
      WHERE term = $term AND scope IN ($top, $child)
      ORDER BY body, list_position([$top, $child], scope), scope_id, day`,
      { term: term ?? -1, top, child },
    );
    return arrowBytes(rows, COLUMNS, progressTable, ["body", "scope", "scope_id", "day"], { narrow: true });
  });
}
