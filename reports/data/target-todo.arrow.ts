// The to-do list of the targets page, reported term only (issue 7): the units that miss a target (met
// units are never listed), with the slugs of each unit's page (unit/<township slug>?u=<slug>).
import { targetUnits } from "../../src/warehouse/tables.ts";
import { townshipSlug, unitSlug } from "./lib/slug.ts";
import { readRows, reportTerms, writeArrowRows } from "./lib/warehouse.ts";

const { term } = await reportTerms();
const todo = (
  await readRows(targetUnits, {
    columns: ["target_id", "township", "unit_id", "unit", "actual", "has_data"],
    where: `term = ${Number(term ?? -1)} AND met IS NOT TRUE`,
    orderBy: ["target_id", "township", "unit_id"],
  })
).map(({ unit_id, ...r }) => ({
  ...r,
  slug: unitSlug(String(unit_id)),
  township_slug: townshipSlug(String(r.township)),
}));
writeArrowRows(
  todo,
  ["target_id", "township", "unit", "actual", "has_data", "slug", "township_slug"],
  targetUnits,
  ["target_id", "township", "township_slug"],
);
