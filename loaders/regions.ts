// Above county level, per region (a county of a city; a city or county of a province…: every jurisdiction
// strictly between the warehouse's level and the township), in a zip archive, what that region's page
// shows, reported term only: `<region slug>/region.json` ({ scope, name, slug, units, parent, children,
// term, prev_term }: parent and children with their scope, name and page slug) and Arrow files of the
// region's and its children's rows: structure.arrow (every body and metric), targets.arrow, progress.arrow
// (the last day of the region's series). A county warehouse has no regions: an empty archive.
import { strToU8, type Zippable, zipSync } from "fflate";
import { type Warehouse, withWarehouse } from "../src/warehouse/directory.ts";
import { progress, structure, targets } from "../src/warehouse/tables.ts";
import { arrowBytes, type Rows } from "./lib/arrow.ts";
import { type Place, places, warehouseLevels } from "./lib/levels.ts";
import { reportTerms } from "./lib/terms.ts";

const STRUCTURE = ["scope", "scope_id", "body", "metric", "count", "base", "value", "prev_value", "delta"];
const TARGETS = [
  "scope",
  "scope_id",
  "target_id",
  "label",
  "units_met",
  "units_total",
  "rate",
  "goal",
  "met",
];
const PROGRESS = ["scope", "scope_id", "body", "day", "units_done", "units_total", "rank"];

/** Rows by `scope` and `scope_id`. */
function byPlace(rows: Rows): Map<string, Rows> {
  const out = new Map<string, Rows>();
  for (const r of rows) {
    const k = `${r.scope}\u0000${r.scope_id}`;
    const list = out.get(k);
    if (list) list.push(r);
    else out.set(k, [r]);
  }
  return out;
}

async function archive(wh: Warehouse): Promise<Uint8Array> {
  const levels = warehouseLevels(wh);
  const files: Zippable = {};
  if (levels.regions.length) {
    const { term, prev_term } = await reportTerms(wh);
    const all = await places(wh, levels);
    // The regions' and townships' rows: every scope but the warehouse's own and the unit.
    const params = { term: term ?? -1, top: levels.top };
    const struct = byPlace(
      await wh.rows(
        `SELECT ${STRUCTURE.join(", ")} FROM structure WHERE term = $term AND scope NOT IN ($top, 'unit')
        ORDER BY scope, scope_id, body, metric`,
        params,
      ),
    );
    const targ = byPlace(
      await wh.rows(
        `SELECT ${TARGETS.join(", ")} FROM targets WHERE term = $term AND scope NOT IN ($top, 'unit')
        ORDER BY scope, scope_id, target_id`,
        params,
      ),
    );
    // The last day of each series: a region and its children share the days of their units.
    const prog = byPlace(
      await wh.rows(
        `SELECT ${PROGRESS.join(", ")} FROM progress
        WHERE term = $term AND scope NOT IN ($top, 'unit')
        QUALIFY day = max(day) OVER (PARTITION BY scope, scope_id, body)
        ORDER BY scope, scope_id, body`,
        params,
      ),
    );
    const key = (p: Pick<Place, "scope" | "name">) => `${p.scope}\u0000${p.name}`;
    const children = new Map<string, Place[]>();
    for (const p of all) {
      if (!p.parent) continue;
      const k = key(p.parent);
      const list = children.get(k);
      if (list) list.push(p);
      else children.set(k, [p]);
    }
    for (const region of all.filter((p) => p.scope !== "township")) {
      const kids = children.get(key(region)) ?? [];
      const { scope, name, slug, units, parent } = region;
      files[`${slug}/region.json`] = strToU8(
        JSON.stringify({
          scope,
          name,
          slug,
          units,
          parent,
          children: kids.map(({ scope, name, slug, units }) => ({ scope, name, slug, units })),
          term,
          prev_term,
        }),
      );
      const of = (m: Map<string, Rows>) => [region, ...kids].flatMap((p) => m.get(key(p)) ?? []);
      files[`${slug}/structure.arrow`] = arrowBytes(of(struct), STRUCTURE, structure);
      files[`${slug}/targets.arrow`] = arrowBytes(of(targ), TARGETS, targets);
      files[`${slug}/progress.arrow`] = arrowBytes(of(prog), PROGRESS, progress);
    }
  }
  // A fixed timestamp: the same warehouse gives the same archive, byte for byte.
  return zipSync(files, { mtime: new Date(Date.UTC(1980, 0, 2)) });
}

export function regions(warehouse: string): Promise<Uint8Array> {
  return withWarehouse(warehouse, archive);
}
