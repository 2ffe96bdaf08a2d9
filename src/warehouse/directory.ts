/**
 * A built warehouse directory (warehouse.md: ingest tables at the top,
 * metric tables under `metrics/`, `manifest.json`, `metrics/summary.json`)
 * opened for reading. {@link withWarehouse} gives a scoped database in which
 * every warehouse table is a view of the same name over its Parquet file; a
 * table whose file is absent is an empty table with the same columns, so
 * readers (the site's data loaders) degrade to no rows instead of failing.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { type AnyTableDef, ident } from "./column.ts";
import { type DuckDBConnection, literal, type Params, queryRows, withDatabase } from "./duckdb.ts";

import { INGEST_TABLES, METRIC_TABLES, WRITTEN_RUNTIME_TABLES } from "./tables.ts";

/** Where the Parquet file of `def` lies in warehouse `dir`. */
export function tableFile(dir: string, def: AnyTableDef): string {
  const metric = (METRIC_TABLES as readonly AnyTableDef[]).includes(def);
  return join(dir, metric ? "metrics" : "", `${def.name}.parquet`);
}

/** A JSON file of warehouse `dir` (`manifest.json`, `metrics/summary.json`), or null when absent. */
export function warehouseJson(dir: string, path: string): unknown {
  const file = join(dir, path);
  return existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : null;
}

/** A warehouse opened by {@link withWarehouse}. */
export interface Warehouse {
  readonly dir: string;
  /** Rows of a query over the warehouse's tables (by name), `params` bound; values as ./values.ts. */
  rows<T = Record<string, unknown>>(sql: string, params?: Params): Promise<T[]>;
  /** {@link warehouseJson} of this warehouse. */
  json(path: string): unknown;
}

/** Every warehouse table of `dir` as a view of its name on `conn` (an empty table when its file is absent). */
export async function attachTables(conn: DuckDBConnection, dir: string): Promise<void> {
  for (const def of [
    ...INGEST_TABLES,
    ...WRITTEN_RUNTIME_TABLES,
    ...METRIC_TABLES,
  ] as readonly AnyTableDef[]) {
    const file = tableFile(dir, def);
    await conn.run(
      existsSync(file)
        ? `CREATE VIEW ${ident(def.name)} AS SELECT * FROM read_parquet(${literal(file)})`
        : def.ddl(def.name),
    );
  }
}

/** Open warehouse `dir` for reading, run `body`, close it whatever `body` does. */
export function withWarehouse<T>(dir: string, body: (warehouse: Warehouse) => Promise<T>): Promise<T> {
  return withDatabase({ threads: 1 }, async (conn) => {
    await attachTables(conn, dir);
    return body({
      dir,
      rows: (sql, params) => queryRows(conn, sql, params),
      json: (path) => warehouseJson(dir, path),
    });
  });
}
