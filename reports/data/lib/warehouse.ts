/**
 * Shared by the data loaders: read a warehouse table (warehouse.md) from the
 * directory named by HUANJIE_WAREHOUSE (default data/out) and write it to
 * stdout as JSON. A table that is absent gives an empty table
 * with the same columns, so pages degrade instead of failing.
 */
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { ident, type TableDef } from "../../../src/column.ts";
import { literal } from "../../../src/duckdb.ts";
import { ALL_METRIC_TABLES } from "../../../src/metric-tables.ts";
import { members } from "../../../src/warehouse.ts";

export const WAREHOUSE = resolve(process.env.HUANJIE_WAREHOUSE ?? "data/out");

export type Rows = Record<string, unknown>[];

export function tableFile(def: TableDef): string {
  const metric = (ALL_METRIC_TABLES as readonly TableDef[]).includes(def);
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

/**
 * Write a table (selected columns, optional derived columns) to stdout as compact JSON `{columns, rows}`
 * (see `columnar`; pages decode it with components/rows.js): no Arrow library in the pages (≈ 240 KiB).
 */
export async function writeRows(
  def: TableDef,
  query: Query = {},
  derive?: (rows: Rows) => Rows,
): Promise<void> {
  let rows = await readRows(def, query);
  if (derive) rows = derive(rows);
  const columns = [...(query.columns ?? def.columnNames), ...Object.keys(rows[0] ?? {})].filter(
    (c, i, all) => all.indexOf(c) === i,
  );
  writeCompactJson(columnar(rows, columns));
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

/** Rows as `{columns, rows}` with a row an array of values in `columns` order (the names written once). */
export function columnar(rows: Rows, columns: readonly string[]): { columns: string[]; rows: unknown[][] } {
  return { columns: [...columns], rows: rows.map((r) => columns.map((c) => r[c] ?? null)) };
}

/**
 * Rows as `{keys, columns, groups}`: consecutive rows with the same values of `keys` form a group
 * `[...key values, [[...values of columns], …]]`, so the keys are written once per group, not per row.
 */
export function grouped(
  rows: Rows,
  keys: readonly string[],
  columns: readonly string[],
): { keys: string[]; columns: string[]; groups: unknown[][] } {
  const groups: unknown[][] = [];
  let last = "";
  let list: unknown[][] = [];
  for (const r of rows) {
    const head = keys.map((k) => r[k] ?? null);
    const id = JSON.stringify(head);
    if (id !== last || !groups.length) {
      list = [];
      groups.push([...head, list]);
      last = id;
    }
    list.push(columns.map((c) => r[c] ?? null));
  }
  return { keys: [...keys], columns: [...columns], groups };
}

/** Compact JSON to stdout, for the data files pages load whole (no indentation: it would weigh as much as the data). */
export function writeCompactJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value)}\n`);
}
