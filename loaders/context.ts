// What every page needs to know: dataset name, current and previous term, townships with their page slugs
// and number of units.
import { withWarehouse } from "../src/warehouse/directory.ts";
import { jsonBytes } from "./lib/json.ts";
import { townshipSlug } from "./lib/slug.ts";
import { reportTerms } from "./lib/terms.ts";

export function context(warehouse: string): Promise<Uint8Array> {
  return withWarehouse(warehouse, async (wh) => {
    const summary = wh.json("metrics/summary.json") as { dataset?: string } | null;
    const manifest = wh.json("manifest.json") as { dataset?: string; name?: string } | null;
    const counts = await wh.rows<{ township: string; units: number }>(
      "SELECT township, count(*) AS units FROM units GROUP BY township",
    );
    const townships = counts
      .map((r) => r.township)
      .sort((a, b) => a.localeCompare(b, "zh-CN"))
      .map((name) => ({
        name,
        slug: townshipSlug(name),
        units: counts.find((r) => r.township === name)?.units,
      }));
    const { terms, term, prev_term } = await reportTerms(wh);
    return jsonBytes({
      dataset: summary?.dataset ?? manifest?.dataset ?? manifest?.name ?? null,
      term,
      prev_term,
      terms,
      townships,
    });
  });
}
