/** Loaders of a metric table's rows at the warehouse's own scope and the one below it. */
import type { AnyTableDef } from "../../src/warehouse/column.ts";
import { withWarehouse } from "../../src/warehouse/directory.ts";
import { arrowBytes } from "./arrow.ts";
import { warehouseLevels } from "./levels.ts";
import { reportTerms } from "./terms.ts";

/**
 * The reported term's rows of `def` (every column) at the warehouse's own scope and the one below (the county
 * and its townships, a city and its counties…), the own scope first, then by scope_id and `orderBy` (a fixed
 * column name of the table, never data), as an Arrow file.
 */
export function topAndChildRows(warehouse: string, def: AnyTableDef, orderBy: string): Promise<Uint8Array> {
  return withWarehouse(warehouse, async (wh) => {
    const { term } = await reportTerms(wh);
    const { top, child } = warehouseLevels(wh);
    const rows = await wh.rows(
      `SELECT * FROM ${def.name} WHERE term = $term AND scope IN ($top, $child)
      ORDER BY list_position([$top, $child], scope), scope_id, ${orderBy}`,
      { term: term ?? -1, top, child },
    );
    return arrowBytes(rows, def.columnNames, def);
  });
}
