/**
 * What the tests of a term's set operations (`ingestRosterTerm`, `ingestVotesTerm`,
 * `ingestVettingTerm`) and of the cross-row rules they are compared with share: the messy files they
 * write, the term's file contexts and the order-free comparison of the rows two ways give.
 */
import { join } from "node:path";
import type { ExportKind, InputFile, TermSpec } from "../../src/ingest/dataset.ts";
import { createElectionDates } from "../../src/ingest/election-dates.ts";
import { Ledger } from "../../src/ingest/ingest.ts";
import { personKey } from "../../src/ingest/person-key.ts";
import type { FileContext, UnitIndex } from "../../src/ingest/row-rules.ts";
import type { TermSetOptions } from "../../src/ingest/staging.ts";
import { makeIdNumber } from "../../src/parse/id-number.ts";
import { type Cell, ExcelDate } from "../../src/read/cell.ts";
import type { AnyTableDef } from "../../src/warehouse/column.ts";
import { type DuckDBConnection, loadRows, openDatabase } from "../../src/warehouse/duckdb.ts";
import { type Body, type UnitRow, units as unitsTable } from "../../src/warehouse/tables.ts";
import type { Random } from "../../tools/sample/random.ts";
import { TEST_KEY } from "./load-csv.ts";

/**
 * ID-number cells that are valid or nearly so: a random valid one, one valid number that recurs, and
 * that number's first 17 digits with the check digit X.
 */
export function idCells(rnd: Random): (() => string)[] {
  return [
    () =>
      makeIdNumber(
        "150123",
        { year: rnd.int(1950, 1999), month: rnd.int(1, 12), day: rnd.int(1, 28) },
        "101",
      ),
    () => makeIdNumber("150123", { year: 1980, month: 3, day: 15 }, "011"),
    () => "15012319800315011X",
  ];
}

/** A CSV export: a title line, `header`, then `rows` (an Excel date as its serial number). */
export function csvExport(header: readonly string[], rows: readonly Cell[][]): string {
  const text = (c: Cell) => (c === null ? "" : c instanceof ExcelDate ? String(c.serial) : String(c));
  return `标题\n${[header, ...rows].map((r) => r.map(text).join(",")).join("\n")}\n`;
}

/** An input file of term 2021 in `dir`. */
export function termFile(dir: string, kind: ExportKind, path: string, body: Body | null): InputFile {
  return { kind, path, absPath: join(dir, path), term: 2021, body, sheet: null };
}

/** The context each file of term 2021 is read in, with the test key. */
export function contextFor(referenceDate: string, units: UnitIndex): (f: InputFile) => FileContext {
  return (f) => ({
    file: f.path,
    term: 2021,
    referenceDate,
    body: f.body,
    units,
    personKey: (m) => personKey(TEST_KEY, m),
  });
}

/**
 * A new database holding `units` and the empty `tables` a term's set operations write, and their
 * options (with the test key; findings to `options.ledger`).
 */
export async function setOperations(
  term: TermSpec,
  units: readonly UnitRow[],
  tables: readonly AnyTableDef[],
  ctxFor: (f: InputFile) => FileContext,
): Promise<{ conn: DuckDBConnection; options: TermSetOptions & { ledger: Ledger } }> {
  const conn = await openDatabase();
  await loadRows(conn, unitsTable, units);
  for (const def of tables) await conn.run(def.ddl());
  await createElectionDates(conn);
  const unitById = new Map(units.map((u) => [u.unit_id, u]));
  return {
    conn,
    options: { conn, term, secret: TEST_KEY, ledger: new Ledger(), ingest: {}, ctxFor, unitById },
  };
}

/** Rows as JSON, sorted: equal when two ways give the same rows (keys in the same order) in any order. */
export const inAnyOrder = <T>(xs: readonly T[]) => xs.map((x) => JSON.stringify(x)).sort();

/** Rows as JSON with sorted keys, sorted: equal when both ways give the same rows in any order. */
export const sorted = <T>(xs: readonly T[]) =>
  xs.map((x) => JSON.stringify(x, Object.keys(x as object).sort())).sort();
