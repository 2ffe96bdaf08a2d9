// What every page needs to know: dataset name, current and previous term, the warehouse's level (manifest.json,
// county when absent) with the scope its pages rank one level down (`child`), and those jurisdictions with
// their page slugs and number of units (`children`). A county warehouse also lists its townships as before.
import { withWarehouse } from "../src/warehouse/directory.ts";
import { jsonBytes } from "./lib/json.ts";
import { places, warehouseLevels } from "./lib/levels.ts";
import { townshipSlug } from "./lib/slug.ts";
import { reportTerms } from "./lib/terms.ts";

export function context(warehouse: string): Promise<Uint8Array> {
  return withWarehouse(warehouse, async (wh) => {
    const summary = wh.json("metrics/summary.json") as { dataset?: string } | null;
    const manifest = wh.json("manifest.json") as { dataset?: string; name?: string } | null;
    const levels = warehouseLevels(wh);
    const { terms, term, prev_term } = await reportTerms(wh);
    const base = {
      dataset: summary?.dataset ?? manifest?.dataset ?? manifest?.name ?? null,
      term,
      prev_term,
      terms,
    };
    if (levels.top === "county") {
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
      // The county's own file, as before levels, with the level fields after it.
      return jsonBytes({ ...base, townships, level: "county", child: "township", children: townships });
    }
    const children = (await places(wh, levels))
      .filter((p) => p.scope === levels.child)
      .map(({ name, slug, units }) => ({ name, slug, units }));
    return jsonBytes({ ...base, townships: [], level: levels.top, child: levels.child, children });
  });
}
