/** Reading one row of a metric table by its key, for the tests of the metric SQL. */
import { expect } from "vitest";
import { ident } from "../../src/warehouse/column.ts";
import { type DuckDBConnection, queryRows } from "../../src/warehouse/duckdb.ts";

/**
 * The `columns` of the row of `table` whose key columns hold the values of `key` (bound, never
 * spliced), or undefined when there is none; there is never more than one.
 */
export async function rowByKey<T>(
  conn: DuckDBConnection,
  table: string,
  columns: string,
  key: Readonly<Record<string, string | number>>,
): Promise<T | undefined> {
  const where = Object.keys(key).map((column, i) => `${ident(column)} = $${i + 1}`);
  const rows = await queryRows<T>(
    conn,
    `SELECT ${columns} FROM ${ident(table)} WHERE ${where.join(" AND ")}`,
    Object.values(key),
  );
  expect(rows.length).toBeLessThanOrEqual(1);
  return rows[0];
}
