// Target results per unit: the to-do list, with the slugs of each unit's page (unit/<township slug>?u=<slug>).
import { targetUnits } from "../../src/warehouse.ts";
import { townshipSlug, unitSlug } from "./lib/slug.ts";
import { writeArrow } from "./lib/warehouse.ts";

await writeArrow(targetUnits, { orderBy: ["term", "target_id", "township", "unit_id"] }, (rows) =>
  rows.map((r) => ({
    ...r,
    slug: unitSlug(String(r.unit_id)),
    township_slug: townshipSlug(String(r.township)),
  })),
);
