// Persons (men, women, gender unknown) by age band and by education level, per term × body × scope (the
// warehouse's own and each one level down: county and townships): the age pyramid and education ladder of the structure page, from the
// structure_people mart. Counts only, no person. The few distinct strings repeated on every row are
// dictionary-encoded.
import { withWarehouse } from "../src/warehouse/directory.ts";
import { arrowBytes } from "./lib/arrow.ts";
import { warehouseLevels } from "./lib/levels.ts";

const COLUMNS = [
  ...["term", "body", "scope", "scope_id", "dimension"],
  ...["category", "men", "women", "unknown_gender"],
];

export function structurePeople(warehouse: string): Promise<Uint8Array> {
  return withWarehouse(warehouse, async (wh) => {
    const { top, child } = warehouseLevels(wh);
    const rows = await wh.rows(
      `SELECT term, body, scope, scope_id, dimension, category, men, women, unknown_gender
      FROM structure_people WHERE scope IN ($top, $child)
      ORDER BY term, body, list_position([$top, $child], scope), scope_id, dimension, category`,
      { top, child },
    );
    // Typed by value, the counts as the narrowest integers that hold them (numbers to the pages all the same).
    return arrowBytes(rows, COLUMNS, undefined, ["body", "scope", "scope_id", "dimension", "category"], {
      narrow: true,
    });
  });
}
