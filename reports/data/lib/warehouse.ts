/**
 * Shared by the data loaders: read a warehouse table (warehouse.md) from the
 * directory named by HUANJIE_WAREHOUSE (default data/out) and write it to
 * stdout as Arrow IPC (tables) or JSON (small objects). A table that is absent gives an empty table
 * with the same columns, so pages degrade instead of failing.
 */
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import {
  Bool,
  type DataType,
  Dictionary,
  Float64,
  Int32,
  Table,
  tableToIPC,
  Utf8,
  vectorFromArray,
} from "apache-arrow";
import { ident, type TableDef } from "../../../src/warehouse/column.ts";
import { literal } from "../../../src/warehouse/duckdb.ts";
import { METRIC_TABLES, members } from "../../../src/warehouse/tables.ts";

export const WAREHOUSE = resolve(process.env.HUANJIE_WAREHOUSE ?? "data/out");

export type Rows = Record<string, unknown>[];

export function tableFile(def: TableDef): string {
  const metric = (METRIC_TABLES as readonly TableDef[]).includes(def);
  return join(WAREHOUSE, metric ? "metrics" : "", `${def.name}.parquet`);
}

/** A JSON file of the warehouse (manifest.json, metrics/summary.json), or null when absent. */
export function readJson(path: string): unknown {
  const file = join(WAREHOUSE, path);
  return existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : null;
}

interface Query {
  columns?: readonly string[];
  /** A constant SQL condition written in the loader (never data). */
  where?: string;
  orderBy?: readonly string[];
}

/** Rows of a table as plain objects: dates as `YYYY-MM-DD`, BIGINT as numbers. */
export async function readRows(def: TableDef, query: Query = {}): Promise<Rows> {
  const file = tableFile(def);
  if (!existsSync(file)) return [];
  const columns = query.columns ?? def.columnNames;
  const select = columns
    .map((c) =>
      def.columns[c]?.type === "DATE" ? `strftime(${ident(c)}, '%Y-%m-%d') AS ${ident(c)}` : ident(c),
    )
    .join(", ");
  const where = query.where ? ` WHERE ${query.where}` : "";
  const order = query.orderBy?.length ? ` ORDER BY ${query.orderBy.map(ident).join(", ")}` : "";
  const conn = await (await DuckDBInstance.create(":memory:", { threads: "1" })).connect();
  const reader = await conn.runAndReadAll(
    `SELECT ${select} FROM read_parquet(${literal(file)})${where}${order}`,
  );
  return plainRows(reader.getRowObjectsJS());
}

/** BIGINT values as numbers. */
function plainRows(rows: Record<string, unknown>[]): Rows {
  return rows.map((row) => {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(row)) out[k] = typeof v === "bigint" ? Number(v) : v;
    return out;
  });
}

/**
 * Rows of an aggregating query written in the loader (never data) over warehouse tables: `sql` gets a
 * `read_parquet(…)` expression per table of `defs`; `params` fill its `$name` placeholders. No rows when
 * a table is absent. Numbers and dates as in readRows.
 */
export async function queryRows(
  defs: readonly TableDef[],
  sql: (...tables: string[]) => string,
  params: Record<string, string | number | boolean | null> = {},
): Promise<Rows> {
  const files = defs.map(tableFile);
  if (!files.every((f) => existsSync(f))) return [];
  const conn = await (await DuckDBInstance.create(":memory:", { threads: "1" })).connect();
  const reader = await conn.runAndReadAll(sql(...files.map((f) => `read_parquet(${literal(f)})`)), params);
  return plainRows(reader.getRowObjectsJS());
}

const ARROW_TYPES = {
  VARCHAR: Utf8,
  DATE: Utf8,
  INTEGER: Int32,
  BIGINT: Float64,
  DOUBLE: Float64,
  BOOLEAN: Bool,
};

/**
 * The Arrow type of a column: the warehouse type of `def`'s column, else (derived or aggregated columns)
 * from its first non-null value: numbers as Float64, booleans as Bool, anything else as strings.
 */
function arrowType(def: TableDef | undefined, column: string, rows: Rows): DataType {
  const declared = def?.columns[column]?.type;
  if (declared) return new ARROW_TYPES[declared]();
  const value = rows.find((r) => r[column] != null)?.[column];
  return typeof value === "number" ? new Float64() : typeof value === "boolean" ? new Bool() : new Utf8();
}

/**
 * Arrow table of `rows` with `columns` in that order, typed as `arrowType` says; the string columns named
 * in `dictionary` (few distinct values repeated on every row) dictionary-encoded, each value written once.
 */
export function toArrow(
  rows: Rows,
  columns: readonly string[],
  def?: TableDef,
  dictionary: readonly string[] = [],
): Table {
  const vectors: Record<string, ReturnType<typeof vectorFromArray>> = {};
  for (const c of columns) {
    if (dictionary.includes(c)) {
      vectors[c] = vectorFromArray(
        rows.map((r) => (r[c] == null ? null : String(r[c]))),
        new Dictionary(new Utf8(), new Int32()),
      );
      continue;
    }
    const type = arrowType(def, c, rows);
    vectors[c] = vectorFromArray(
      rows.map((r) => {
        const v = r[c] ?? null;
        return v !== null && type instanceof Utf8 ? String(v) : v;
      }),
      type,
    );
  }
  return new Table(vectors);
}

/** Rows as the bytes of an Arrow IPC file (pages decode it with components/arrow.js `arrowRows`). */
export function arrowBytes(
  rows: Rows,
  columns: readonly string[],
  def?: TableDef,
  dictionary: readonly string[] = [],
): Uint8Array {
  return tableToIPC(toArrow(rows, columns, def, dictionary), "file");
}

/** Rows to stdout as an Arrow IPC file. */
export function writeArrowRows(
  rows: Rows,
  columns: readonly string[],
  def?: TableDef,
  dictionary: readonly string[] = [],
): void {
  process.stdout.write(arrowBytes(rows, columns, def, dictionary));
}

/**
 * Write a table (selected, filtered rows and columns, optional derived columns) to stdout as Arrow IPC.
 */
export async function writeArrow(
  def: TableDef,
  query: Query = {},
  derive?: (rows: Rows) => Rows,
): Promise<void> {
  let rows = await readRows(def, query);
  if (derive) rows = derive(rows);
  const columns = [...(query.columns ?? def.columnNames), ...Object.keys(rows[0] ?? {})].filter(
    (c, i, all) => all.indexOf(c) === i,
  );
  writeArrowRows(rows, columns, def);
}

/**
 * The terms with roster rows, the term the pages report on (the summary's, else the latest) and the
 * previous one.
 */
export async function reportTerms(): Promise<{
  terms: number[];
  term: number | null;
  prev_term: number | null;
}> {
  const summary = readJson("metrics/summary.json") as { term?: number; prev_term?: number } | null;
  const terms = [
    ...new Set((await readRows(members, { columns: ["term"] })).map((r) => Number(r.term))),
  ].sort();
  return {
    terms,
    term: summary?.term ?? terms.at(-1) ?? null,
    prev_term: summary?.prev_term ?? terms.at(-2) ?? null,
  };
}

export function writeJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 1)}\n`);
}
