// The unit finder (村社 page): one row per unit with its secretary, chair, number of members and their
// names in the reported term, aggregated here so the page never downloads every membership (issue 7).
import { members, units } from "../../src/warehouse/tables.ts";
import { townshipSlug, unitSlug } from "./lib/slug.ts";
import { readRows, reportTerms, writeArrowRows } from "./lib/warehouse.ts";

const COLUMNS = [
  ...["township", "unit", "unit_type", "slug", "township_slug", "secretary", "chair", "members"],
  "names", // distinct names in roster order, joined with 、
];

const { term } = await reportTerms();
const byUnit = new Map<string, Record<string, unknown>[]>();
const memberRows = await readRows(members, {
  columns: ["term", "unit_id", "body", "position", "name"],
  orderBy: ["township", "unit_id", "body", "source_file", "source_row"],
});
for (const m of memberRows) {
  if (m.term !== term) continue;
  const list = byUnit.get(String(m.unit_id));
  if (list) list.push(m);
  else byUnit.set(String(m.unit_id), [m]);
}
const first = (list: Record<string, unknown>[], body: string, position: string) =>
  String(list.find((m) => m.body === body && m.position === position)?.name ?? "");

const rows = (await readRows(units, { orderBy: ["township", "unit_id"] })).map((u) => {
  const list = byUnit.get(String(u.unit_id)) ?? [];
  const names = [...new Set(list.map((m) => String(m.name)))];
  return {
    township: u.township,
    unit: u.unit,
    unit_type: u.unit_type,
    slug: unitSlug(String(u.unit_id)),
    township_slug: townshipSlug(String(u.township)),
    secretary: first(list, "party", "secretary"),
    chair: first(list, "committee", "chair"),
    members: names.length,
    names: names.join("、"),
  };
});
writeArrowRows(rows, COLUMNS, undefined, ["township", "unit_type", "township_slug"]);
