// The targets page, reported term only (issue 7): completion per target at county and township scope, and
// the to-do list, the units that miss a target (met units are never listed), with the slugs of each unit's
// page (unit/<township slug>?u=<slug>). Compact JSON: the page needs no Arrow library.
import { targets, targetUnits } from "../../src/warehouse.ts";
import { townshipSlug, unitSlug } from "./lib/slug.ts";
import { columnar, readRows, reportTerms, writeCompactJson } from "./lib/warehouse.ts";

const { term } = await reportTerms();
const ofTerm = `term = ${Number(term ?? -1)}`;
const COMPLETION = [
  "target_id",
  "label",
  "scope",
  "scope_id",
  "units_met",
  "units_total",
  "rate",
  "goal",
  "met",
];
const completion = await readRows(targets, {
  columns: COMPLETION,
  where: ofTerm,
  orderBy: ["target_id", "scope", "scope_id"],
});
const todo = (
  await readRows(targetUnits, {
    columns: ["target_id", "township", "unit_id", "unit", "actual", "has_data"],
    where: `${ofTerm} AND met IS NOT TRUE`,
    orderBy: ["target_id", "township", "unit_id"],
  })
).map(({ unit_id, ...r }) => ({
  ...r,
  slug: unitSlug(String(unit_id)),
  township_slug: townshipSlug(String(r.township)),
}));
writeCompactJson({
  term,
  targets: columnar(completion, COMPLETION),
  todo: columnar(todo, ["target_id", "township", "unit", "actual", "has_data", "slug", "township_slug"]),
});
