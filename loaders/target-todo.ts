// The to-do list of the targets page, reported term only (issue 7): the units that miss a target (met
// units are never listed), with the slugs of each unit's page (unit/<township slug>?u=<slug>).
import { withWarehouse } from "../src/warehouse/directory.ts";
import { targetUnits } from "../src/warehouse/tables.ts";
import { arrowBytes } from "./lib/arrow.ts";
import { warehouseLevels } from "./lib/levels.ts";
import { townshipSlug, unitSlug } from "./lib/slug.ts";
import { reportTerms } from "./lib/terms.ts";

export function targetTodo(warehouse: string): Promise<Uint8Array> {
  return withWarehouse(warehouse, async (wh) => {
    const { term } = await reportTerms(wh);
    // Above county level the page fetches one county's rows (loaders/jurisdictions.ts, a file per county):
    // this file is empty, not every unit's.
    const county = warehouseLevels(wh).top === "county";
    const rows = await wh.rows(
      `SELECT target_id, township, unit_id, unit, actual, has_data FROM target_units
      WHERE term = $term AND $county AND met IS NOT TRUE ORDER BY target_id, township, unit_id`,
      { term: term ?? -1, county },
    );
    const todo = rows.map(({ unit_id, ...r }) => ({
      ...r,
      slug: unitSlug(String(unit_id)),
      township_slug: townshipSlug(String(r.township)),
    }));
    return arrowBytes(
      todo,
      ["target_id", "township", "unit", "actual", "has_data", "slug", "township_slug"],
      targetUnits,
      ["target_id", "township", "township_slug"],
    );
  });
}
