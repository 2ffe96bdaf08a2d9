/**
 * Rows to Arrow IPC files for the pages (they decode them with components/arrow.js `arrowRows`): each
 * column typed by its warehouse type when a table definition is given, else by its values.
 */
import {
  Bool,
  type DataType,
  Dictionary,
  Float64,
  Int8,
  Int16,
  Int32,
  Table,
  tableToIPC,
  Utf8,
  type Vector,
  vectorFromArray,
} from "apache-arrow";
import type { AnyTableDef } from "../../src/warehouse/column.ts";

export type Rows = Record<string, unknown>[];

export interface ArrowOptions {
  /**
   * The narrowest types that hold the values, for the files whose width counts (the national pages'
   * structure and progress data): dictionary keys Int8 or Int16 where the distinct values fit (else
   * Int32), and a numeric column whose every value is a whole number (INTEGER and BIGINT columns, and
   * untyped ones) Int8, Int16 or Int32 by its least and greatest value (Float64 where they do not fit
   * an Int32, and for any fraction). The decoded rows are the same numbers and strings; only the bytes
   * change.
   */
  narrow?: boolean;
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
function arrowType(def: AnyTableDef | undefined, column: string, rows: Rows): DataType {
  const declared = def?.columns[column]?.type;
  if (declared) return new ARROW_TYPES[declared]();
  const value = rows.find((r) => r[column] != null)?.[column];
  return typeof value === "number" ? new Float64() : typeof value === "boolean" ? new Bool() : new Utf8();
}

/** The smallest signed integer type holding every value of [`lo`, `hi`], or null when Int32 cannot. */
function integerType(lo: number, hi: number): DataType | null {
  if (lo >= -128 && hi <= 127) return new Int8();
  if (lo >= -32768 && hi <= 32767) return new Int16();
  if (lo >= -2147483648 && hi <= 2147483647) return new Int32();
  return null;
}

/**
 * `type` narrowed for column `column` (options.narrow): an Int32 or Float64 column whose non-null values
 * are all whole numbers as the smallest integer type holding them (by a loop, not a spread: national
 * files have thousands of rows). A column of no values stays as it is.
 */
function narrowed(type: DataType, column: string, rows: Rows): DataType {
  if (!(type instanceof Int32 || type instanceof Float64)) return type;
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const r of rows) {
    const v = r[column];
    if (v == null) continue;
    const n = typeof v === "bigint" ? Number(v) : v;
    if (typeof n !== "number" || !Number.isInteger(n)) return type;
    if (n < lo) lo = n;
    if (n > hi) hi = n;
  }
  if (lo > hi) return type;
  return integerType(lo, hi) ?? type;
}

/** Dictionary keys for `distinct` values: Int32, or the narrowest holding them (options.narrow). */
function keyType(distinct: number, narrow: boolean): Int8 | Int16 | Int32 {
  if (!narrow) return new Int32();
  return distinct <= 128 ? new Int8() : distinct <= 32768 ? new Int16() : new Int32();
}

/**
 * Arrow table of `rows` with `columns` in that order, typed as `arrowType` says; the string columns named
 * in `dictionary` (few distinct values repeated on every row) dictionary-encoded, each value written once
 * (plain strings when there are no rows).
 */
export function toArrow(
  rows: Rows,
  columns: readonly string[],
  def?: AnyTableDef,
  dictionary: readonly string[] = [],
  { narrow = false }: ArrowOptions = {},
): Table {
  const vectors: Record<string, Vector> = {};
  for (const c of columns) {
    // No rows, no dictionary: a file without a dictionary batch is one Flechette cannot decode.
    if (rows.length && dictionary.includes(c)) {
      const values = rows.map((r) => (r[c] == null ? null : String(r[c])));
      const distinct = new Set(values).size;
      vectors[c] = vectorFromArray(
        values,
        // An explicit id per file (the column's place among its dictionary columns): apache-arrow's default
        // comes from a counter global to the process, so a file's bytes would depend on the loaders run
        // before it in the same process, and so on the number of cores.
        new Dictionary(new Utf8(), keyType(distinct, narrow), dictionary.indexOf(c)),
      );
      continue;
    }
    const declared = arrowType(def, c, rows);
    const type = narrow ? narrowed(declared, c, rows) : declared;
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
  def?: AnyTableDef,
  dictionary: readonly string[] = [],
  options: ArrowOptions = {},
): Uint8Array {
  return tableToIPC(toArrow(rows, columns, def, dictionary, options), "file");
}
