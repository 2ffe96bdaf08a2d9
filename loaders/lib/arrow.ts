/**
 * Rows to Arrow IPC files for the pages (they decode them with components/arrow.js `arrowRows`): each
 * column typed by its warehouse type when a table definition is given, else by its values.
 */
import {
  Bool,
  type DataType,
  Dictionary,
  Float64,
  Int32,
  Table,
  tableToIPC,
  Utf8,
  type Vector,
  vectorFromArray,
} from "apache-arrow";
import type { AnyTableDef } from "../../src/warehouse/column.ts";

export type Rows = Record<string, unknown>[];

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
): Table {
  const vectors: Record<string, Vector> = {};
  for (const c of columns) {
    // No rows, no dictionary: a file without a dictionary batch is one Flechette cannot decode.
    if (rows.length && dictionary.includes(c)) {
      vectors[c] = vectorFromArray(
        rows.map((r) => (r[c] == null ? null : String(r[c]))),
        // An explicit id per file (the column's place among its dictionary columns): apache-arrow's default
        // comes from a counter global to the process, so a file's bytes would depend on the loaders run
        // before it in the same process, and so on the number of cores.
        new Dictionary(new Utf8(), new Int32(), dictionary.indexOf(c)),
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
  def?: AnyTableDef,
  dictionary: readonly string[] = [],
): Uint8Array {
  return tableToIPC(toArrow(rows, columns, def, dictionary), "file");
}
