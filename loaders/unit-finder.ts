// The unit finder (村社 page): one row per unit with its secretary, chair, number of members and their
// names in the reported term, aggregated here so the page never downloads every membership (issue 7).
import { withWarehouse } from "../src/warehouse/directory.ts";
import { arrowBytes } from "./lib/arrow.ts";
import { warehouseLevels } from "./lib/levels.ts";
import { townshipSlug, unitSlug } from "./lib/slug.ts";
import { reportTerms } from "./lib/terms.ts";

const COLUMNS = [
  ...["township", "unit", "unit_type", "slug", "township_slug", "secretary", "chair", "members"],
  "names", // distinct names in roster order, joined with 、
];

interface Membership {
  unit_id: string;
  body: string;
  position: string;
  name: string;
}

export function unitFinder(warehouse: string): Promise<Uint8Array> {
  return withWarehouse(warehouse, async (wh) => {
    // Above county level the page fetches one county's rows (loaders/jurisdictions.ts, a file per county).
    if (warehouseLevels(wh).top !== "county") return arrowBytes([], COLUMNS);
    const { term } = await reportTerms(wh);
    const byUnit = new Map<string, Membership[]>();
    const memberships = await wh.rows<Membership>(
      `SELECT unit_id, body, position, name FROM members WHERE term = $term
      ORDER BY township, unit_id, body, source_file, source_row`,
      { term: term ?? -1 },
    );
    for (const m of memberships) {
      const list = byUnit.get(m.unit_id);
      if (list) list.push(m);
      else byUnit.set(m.unit_id, [m]);
    }
    const first = (list: Membership[], body: string, position: string) =>
      String(list.find((m) => m.body === body && m.position === position)?.name ?? "");
    const units = await wh.rows<{ township: string; unit_id: string; unit: string; unit_type: string }>(
      "SELECT township, unit_id, unit, unit_type FROM units ORDER BY township, unit_id",
    );
    const rows = units.map((u) => {
      const list = byUnit.get(u.unit_id) ?? [];
      const names = [...new Set(list.map((m) => String(m.name)))];
      return {
        township: u.township,
        unit: u.unit,
        unit_type: u.unit_type,
        slug: unitSlug(u.unit_id),
        township_slug: townshipSlug(u.township),
        secretary: first(list, "party", "secretary"),
        chair: first(list, "committee", "chair"),
        members: names.length,
        names: names.join("、"),
      };
    });
    return arrowBytes(rows, COLUMNS, undefined, ["township", "unit_type", "township_slug"]);
  });
}
