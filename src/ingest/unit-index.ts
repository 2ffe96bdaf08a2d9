/**
 * The known units, indexed for placing a row by the names it gives (township,
 * unit, and above county level optionally the county, city and province). One
 * implementation for the row-by-row path and the set-based roster path (which
 * calls the same `resolveUnit` once per distinct place).
 */
import type { Level, UnitRow } from "../warehouse/tables.ts";
import type { UnitIndex } from "./row-rules.ts";

/** The levels a unit may name above its township, lowest first. */
export const HIGHER_LEVELS = ["county", "city", "province"] as const;
export type HigherLevel = (typeof HIGHER_LEVELS)[number];

/** The levels strictly between a dataset's level and the township, lowest first ([] for a county). */
export function levelsBelow(level: Level): readonly HigherLevel[] {
  const n = { county: 0, city: 1, province: 2, nation: 3 }[level];
  return HIGHER_LEVELS.slice(0, n);
}

/** A unit with the names the units file gave it: its own township name and the jurisdictions above. */
export interface UnitPlace {
  readonly row: UnitRow;
  /** The township as the units file wrote it (`row.township` is `县名/乡镇名` above county level). */
  readonly township: string;
  readonly county: string | null;
  readonly city: string | null;
  readonly province: string | null;
}

/** A county dataset's unit: no level above the township. */
export function countyPlace(row: UnitRow): UnitPlace {
  return { row, township: row.township, county: null, city: null, province: null };
}

/**
 * The index of `places`. A row names a township as the units file wrote it or,
 * above county level, as `县名/乡镇名`; when a township/unit pair names units in
 * more than one county, the row's level cells choose among them, and if they do
 * not, `lookup` answers `"ambiguous"`. A level cell is not checked against a
 * unit that has no name at that level (a county dataset's units, a city's city).
 */
export function unitIndex(places: readonly UnitPlace[]): UnitIndex {
  const byName = new Map<string, UnitPlace[]>();
  const names = new Map<string, string[]>();
  const pairs: [township: string, unit: string, key: string][] = [];
  const add = (township: string, p: UnitPlace) => {
    const key = `${township}/${p.row.unit}`;
    pairs.push([township, p.row.unit, key]);
    const list = byName.get(key);
    if (list) list.push(p);
    else byName.set(key, [p]);
    const units = names.get(township);
    if (units) units.push(p.row.unit);
    else names.set(township, [p.row.unit]);
  };
  for (const p of places) {
    add(p.township, p);
    if (p.row.township !== p.township) add(p.row.township, p);
  }
  const all = places.map((p) => p.row.unit);
  return {
    townships: new Set(names.keys()),
    lookup(township, unit, within) {
      const found = byName.get(`${township}/${unit}`);
      if (!found) return undefined;
      const matching = within
        ? found.filter((p) => HIGHER_LEVELS.every((l) => !within[l] || p[l] === null || p[l] === within[l]))
        : found;
      if (matching.length === 0) return undefined;
      return matching.length === 1 ? matching[0]?.row : "ambiguous";
    },
    unitNames: (township) => (township !== null ? (names.get(township) ?? all) : all),
    *uniquePlaces() {
      for (const [township, unit, key] of pairs) {
        const found = byName.get(key) as UnitPlace[];
        if (found.length === 1) yield [township, unit, (found[0] as UnitPlace).row.unit_id] as const;
      }
    },
  };
}
