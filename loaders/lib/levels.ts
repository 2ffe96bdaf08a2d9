/**
 * The levels of a warehouse as the pages show them (docs/levels.md): the warehouse's own level (manifest.json
 * `level`, `county` when absent), the scope one level down that its pages rank, and the regions: the
 * jurisdictions strictly between its level and the township (counties of a city; cities and counties of a
 * province), each with a page of its own.
 */
import { join } from "node:path";
import type { Warehouse } from "../../src/warehouse/directory.ts";
import { literal } from "../../src/warehouse/duckdb.ts";
import { SCOPES } from "../../src/warehouse/tables.ts";
import { regionSlug, townshipSlug } from "./slug.ts";

/** The scopes of metric tables, top down (tables.ts). */
const LEVELS = SCOPES;
export type Level = (typeof SCOPES)[number];

export interface Levels {
  /** The warehouse's level: the scope of its own total rows. */
  top: Level;
  /** The scope one level down, ranked on the pages (township for a county). */
  child: Level;
  /** The scopes strictly between `top` and township, top down (none for a county). */
  regions: Level[];
}

export function levelsOf(level: Level): Levels {
  const at = LEVELS.indexOf(level);
  const township = LEVELS.indexOf("township");
  if (at < 0 || at >= township) throw new Error(`not a warehouse level: ${level}`);
  return {
    top: level,
    child: LEVELS[at + 1] as Level,
    regions: LEVELS.slice(at + 1, township) as Level[],
  };
}

/** The level written in the warehouse's manifest.json; `county` for warehouses written before levels. */
export function warehouseLevel(wh: Warehouse): Level {
  const level = (wh.json("manifest.json") as { level?: string } | null)?.level ?? "county";
  if (!(LEVELS as readonly string[]).includes(level))
    throw new Error(`manifest.json: unknown level ${level}`);
  return level as Level;
}

export const warehouseLevels = (wh: Warehouse): Levels => levelsOf(warehouseLevel(wh));

/** A manifest.json as far as {@link perCounty} reads it. */
export interface ManifestFiles {
  level?: string;
  files?: { source_dataset?: unknown }[];
}

/**
 * Whether a warehouse's input files and findings go per county into the counties' region folders: a
 * warehouse above county level written by `huanjie combine`, whose manifest names each file's county
 * (`source_dataset`), as its rejects and warnings do. A county warehouse, or one above county level built
 * from raw exports as one dataset, lists them whole.
 */
export function perCounty(manifest: ManifestFiles | null): boolean {
  return (
    manifest != null &&
    (manifest.level ?? "county") !== "county" &&
    (manifest.files ?? []).every((f) => typeof f.source_dataset === "string")
  );
}

/** A jurisdiction of a scope: its id (scope_id), page slug, and units. */
export interface Place {
  scope: Level;
  name: string;
  slug: string;
  units: number;
  /** The jurisdiction it belongs to, one level up (null: the warehouse's own). */
  parent: { scope: Level; name: string; slug: string } | null;
}

export const slugOf = (scope: Level, name: string): string =>
  scope === "township" ? townshipSlug(name) : regionSlug(scope, name);

/**
 * Every jurisdiction of the regions and townships of a warehouse above county level, with its parent and
 * number of units: from units (township) and unit_levels (county, city, province). Sorted by scope (top
 * down), then name in Chinese order. A county warehouse: its townships, parent the county itself (null).
 */
export async function places(wh: Warehouse, levels: Levels): Promise<Place[]> {
  const scopes = [...levels.regions, "township" as const];
  const column = (s: Level) => (s === "township" ? "u.township" : `l."${s}"`);
  // Only fixed level names (identifiers of unit_levels) and the file's path, quoted, are written into the SQL.
  // unit_levels.parquet is read by its path: it is there only in warehouses above county level.
  const levelsFile = literal(join(wh.dir, "unit_levels.parquet"));
  const parts = scopes.map((s, i) => {
    const parent = i === 0 ? "NULL" : column(scopes[i - 1] as Level);
    return `SELECT '${s}' AS scope, ${i} AS depth, ${column(s)} AS name, ${parent} AS parent, count(*) AS units
      FROM units u ${levels.regions.length ? `LEFT JOIN read_parquet(${levelsFile}) l USING (unit_id)` : ""}
      GROUP BY ALL`;
  });
  const rows = await wh.rows<{
    scope: Level;
    depth: number;
    name: string | null;
    parent: string | null;
    units: number;
  }>(`${parts.join(" UNION ALL ")} ORDER BY depth, name, parent`);
  const out: Place[] = rows
    .filter((r) => r.name != null)
    .map((r) => {
      const parentScope = scopes[r.depth - 1];
      return {
        scope: r.scope,
        name: r.name as string,
        slug: slugOf(r.scope, r.name as string),
        units: r.units,
        parent:
          parentScope && r.parent != null
            ? { scope: parentScope, name: r.parent, slug: slugOf(parentScope, r.parent) }
            : null,
      };
    });
  const depth = (s: Level) => LEVELS.indexOf(s);
  return out.sort((a, b) => depth(a.scope) - depth(b.scope) || a.name.localeCompare(b.name, "zh-CN"));
}
