/**
 * Sum-of-parts checks for warehouses above county level (docs/levels.md): a
 * county's rows in a city (province, combined…) warehouse must equal that
 * county's own warehouse, with the township ids and derived unit ids prefixed
 * by the county name. Used by the levels tests of build and of combine.
 *
 *   await expectCountyPart(cityDir, countyDir, "和林格尔县");
 */
import { join } from "node:path";
import { expect } from "vitest";
import { literal, queryRows, withDatabase } from "../../src/warehouse/duckdb.ts";
import { METRIC_TABLES } from "../../src/warehouse/tables.ts";
import { withoutProgress } from "./cli.ts";
import { sharedBuilds } from "./shared.ts";

type Row = Record<string, unknown>;

/**
 * The warehouses of the datasets `names` below `datasets`, by name: each built once per test run by
 * `huanjie build` (test/helpers/shared.ts: the levels tests of build and of combine read the same
 * counties), read-only.
 */
export async function builtWarehouses(
  datasets: string,
  names: readonly string[],
): Promise<Record<string, string>> {
  const built = await sharedBuilds(names.map((name) => join(datasets, name)));
  const out: Record<string, string> = {};
  for (const [i, name] of names.entries()) {
    const { out: dir, run } = built[i] as (typeof built)[number];
    expect(withoutProgress(run.stderr), name).toBe("");
    expect(run.status, name).toBe(0);
    out[name] = dir;
  }
  return out;
}

/** Reads the rows of a warehouse table (metric tables under metrics/) `where` holds, as plain JSON-able values. */
export type TableRows = (dir: string, table: string, where?: string) => Promise<Row[]>;

/**
 * Run `body` with a {@link TableRows} that reads through one DuckDB: a check that reads many tables opens
 * one database instead of one per read (about 0.1 s each).
 */
export async function withTableRows<T>(body: (rows: TableRows) => Promise<T>): Promise<T> {
  return withDatabase({}, (conn) =>
    body((dir, table, where = "true") => {
      const metric = METRIC_TABLES.some((t) => t.name === table);
      const path = join(dir, metric ? "metrics" : "", `${table}.parquet`);
      return queryRows<Row>(conn, `SELECT * FROM read_parquet(${literal(path)}) WHERE ${where}`);
    }),
  );
}

/** Every row of a warehouse table (metric tables under metrics/), as plain JSON-able values. */
export async function warehouseRows(dir: string, table: string, where = "true"): Promise<Row[]> {
  return withTableRows((rows) => rows(dir, table, where));
}

/** A county warehouse's id as it reads above county level: township `县/乡`, derived unit_id `县/乡/村`. */
export function prefixIds(county: string, row: Row): Row {
  const out: Row = { ...row };
  const derived = (id: unknown) => (typeof id === "string" && !/^\d{12}$/.test(id) ? `${county}/${id}` : id);
  if (typeof out.township === "string") out.township = `${county}/${out.township}`;
  if ("unit_id" in out) out.unit_id = derived(out.unit_id);
  if (out.scope === "township") out.scope_id = `${county}/${out.scope_id}`;
  if (out.scope === "unit") out.scope_id = derived(out.scope_id);
  return out;
}

/** Rows in a stable order for comparison (by their JSON). */
export function sorted(rows: readonly Row[]): Row[] {
  const key = (r: Row) => JSON.stringify(r, (_k, v) => (typeof v === "bigint" ? v.toString() : v));
  return [...rows].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

/** The unit_ids of `county` in `upperDir` (its unit_levels). */
async function unitIdsOf(rows: TableRows, upperDir: string, county: string): Promise<Set<unknown>> {
  return new Set(
    (await rows(upperDir, "unit_levels")).filter((u) => u.county === county).map((u) => u.unit_id),
  );
}

/**
 * The rows of `upperDir` that belong to `county` (its county row, its
 * townships, its units, `unitIds`) in metric table `table`.
 */
async function countyRowsOf(
  rows: TableRows,
  upperDir: string,
  table: string,
  county: string,
  unitIds: Set<unknown>,
): Promise<Row[]> {
  const mine = (r: Row) => {
    if (r.scope === "county") return r.scope_id === county;
    if (r.scope === "township") return String(r.scope_id).startsWith(`${county}/`);
    if (typeof r.township === "string") return r.township.startsWith(`${county}/`);
    return false;
  };
  return (await rows(upperDir, table)).filter((r) =>
    r.scope === "unit" ? unitIds.has(r.scope_id) : mine(r),
  );
}

/**
 * Expect every metric table's rows of `county` in `upperDir` to equal the rows
 * of the county's own warehouse `countyDir` (ids prefixed). Progress ranks of
 * county rows differ by design (the county's own warehouse ranks nothing at its
 * top; above, counties are ranked within their parent), so `rank` of county
 * rows is left out. A daily series (progress) spans the whole warehouse's
 * dates: on the county's own days its rows are equal; before them nothing is
 * done yet, after them the county's last day stays as it was.
 */
export async function expectCountyPart(upperDir: string, countyDir: string, county: string): Promise<void> {
  const dropRank = (r: Row) => {
    if (r.scope !== "county" || !("rank" in r)) return r;
    const { rank: _, ...rest } = r;
    return rest;
  };
  await withTableRows(async (rows) => {
    const unitIds = await unitIdsOf(rows, upperDir, county);
    for (const def of METRIC_TABLES) {
      const own = (await rows(countyDir, def.name)).map((r) => dropRank(prefixIds(county, r)));
      let part = (await countyRowsOf(rows, upperDir, def.name, county, unitIds)).map(dropRank);
      if ((def.columnNames as readonly string[]).includes("day")) {
        const days = new Map<string, string[]>(); // term → the county's own days
        for (const r of own) days.set(String(r.term), [...(days.get(String(r.term)) ?? []), String(r.day)]);
        const extra = part.filter((r) => !days.get(String(r.term))?.includes(String(r.day)));
        part = part.filter((r) => days.get(String(r.term))?.includes(String(r.day)));
        for (const r of extra) {
          const ownDays = (days.get(String(r.term)) ?? []).sort();
          const same = (d: string | undefined) =>
            own.find(
              (o) => o.term === r.term && o.body === r.body && o.scope_id === r.scope_id && o.day === d,
            );
          const before = ownDays.length === 0 || String(r.day) < (ownDays[0] as string);
          const like = before ? { ...same(ownDays[0]), units_done: 0, rate: 0 } : same(ownDays.at(-1));
          expect(
            { done: r.units_done, total: r.units_total },
            `${def.name} of ${county} on ${r.day}`,
          ).toEqual({
            done: like?.units_done ?? 0,
            total: like?.units_total ?? r.units_total,
          });
        }
      }
      expect(sorted(part), `${def.name} of ${county}`).toEqual(sorted(own));
    }
  });
}
