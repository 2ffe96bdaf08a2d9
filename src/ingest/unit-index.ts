/**
 * The known units, indexed for placing a row by the names it gives (township,
 * unit, and above county level optionally the county, city and province). One
 * implementation for the row-by-row path and the set-based roster path (which
 * calls the same `resolveUnit` once per distinct place).
 *
 * A national dataset has 600,000 units, and the index lives for the whole
 * ingest, so it holds one {@link UnitPlace} per unit and nothing per unit
 * besides: no key strings (a map per township, keyed by the unit names the
 * units already hold), no array per name unless a name is in more than one county.
 */
import type { Level, UnitRow } from "../warehouse/tables.ts";
import type { Place, UnitIndex } from "./row-rules.ts";

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

/** The places of one township/unit name: one, or (a name in more than one county) several. */
type Named = UnitPlace | UnitPlace[];

const each = (named: Named): readonly UnitPlace[] => (Array.isArray(named) ? named : [named]);

/**
 * The index, filled one unit at a time (the units file is read as a stream). A
 * row names a township as the units file wrote it or, above county level, as
 * `县名/乡镇名`; when a township/unit pair names units in more than one county,
 * the row's level cells choose among them, and if they do not, `lookup`
 * answers `"ambiguous"`. A level cell is not checked against a unit that has
 * no name at that level (a county dataset's units, a city's city).
 */
export class UnitIndexBuilder implements UnitIndex {
  /** Township name (each form) → unit name → its places, in the order units were added. */
  private readonly byTownship = new Map<string, Map<string, Named>>();
  private readonly byId = new Map<string, UnitRow>();
  private readonly namesOf = new Map<string, readonly string[]>();
  private allNames: readonly string[] | null = null;
  readonly townships = new Set<string>();

  /** The units by unit_id. */
  get unitById(): ReadonlyMap<string, UnitRow> {
    return this.byId;
  }

  /** True when a unit with this unit_id, or with this `row.township`/`row.unit`, was added. */
  has(row: UnitRow): boolean {
    if (this.byId.has(row.unit_id)) return true;
    const named = this.byTownship.get(row.township)?.get(row.unit);
    return named !== undefined && each(named).some((p) => p.row.township === row.township);
  }

  /** Add a unit (the caller has checked {@link has}). */
  add(p: UnitPlace): void {
    this.byId.set(p.row.unit_id, p.row);
    this.put(p.township, p);
    if (p.row.township !== p.township) this.put(p.row.township, p);
    this.namesOf.clear();
    this.allNames = null;
  }

  private put(township: string, p: UnitPlace): void {
    let units = this.byTownship.get(township);
    if (!units) {
      units = new Map();
      this.byTownship.set(township, units);
      this.townships.add(township);
    }
    const named = units.get(p.row.unit);
    if (named === undefined) units.set(p.row.unit, p);
    else if (Array.isArray(named)) named.push(p);
    else units.set(p.row.unit, [named, p]);
  }

  // `lookup` and `unitNames` are properties, not methods: a UnitIndex is a record of functions that callers
  // may take apart (as the tests do), so they must not depend on `this` at the call.
  readonly lookup = (township: string, unit: string, within?: Place): UnitRow | "ambiguous" | undefined => {
    const named = this.byTownship.get(township)?.get(unit);
    if (named === undefined) return undefined;
    const found = each(named);
    const matching = within
      ? found.filter((p) => HIGHER_LEVELS.every((l) => !within[l] || p[l] === null || p[l] === within[l]))
      : found;
    if (matching.length === 0) return undefined;
    return matching.length === 1 ? matching[0]?.row : "ambiguous";
  };

  /** Unit names of a township, one per unit (all units' names when the township is unknown); the same array each time. */
  readonly unitNames = (township: string | null): readonly string[] => {
    const units = township !== null ? this.byTownship.get(township) : undefined;
    if (units === undefined) {
      // Each unit once: under the township as the units file wrote it.
      this.allNames ??= [...this.byTownship].flatMap(([t, units]) =>
        [...units].flatMap(([unit, named]) => each(named).flatMap((p) => (p.township === t ? [unit] : []))),
      );
      return this.allNames;
    }
    let names = this.namesOf.get(township as string);
    if (names === undefined) {
      names = [...units].flatMap(([unit, named]) => each(named).map(() => unit));
      this.namesOf.set(township as string, names);
    }
    return names;
  };

  *uniquePlaces(): Iterable<readonly [township: string, unit: string, unitId: string]> {
    for (const [township, units] of this.byTownship)
      for (const [unit, named] of units)
        if (!Array.isArray(named)) yield [township, unit, named.row.unit_id] as const;
  }
}

/** The index of `places` (see {@link UnitIndexBuilder}). */
export function unitIndex(places: Iterable<UnitPlace>): UnitIndexBuilder {
  const index = new UnitIndexBuilder();
  for (const p of places) index.add(p);
  return index;
}
