// Units (村社) with URL slugs for their pages.
import { units } from "../../src/warehouse.ts";
import { townshipSlug, unitSlug } from "./lib/slug.ts";
import { writeArrow } from "./lib/warehouse.ts";

await writeArrow(units, { orderBy: ["township", "unit_id"] }, (rows) =>
  rows.map((r) => ({
    ...r,
    slug: unitSlug(String(r.unit_id)),
    township_slug: townshipSlug(String(r.township)),
  })),
);
