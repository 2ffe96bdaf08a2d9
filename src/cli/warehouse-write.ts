/**
 * Writing a warehouse's tables from a DuckDB connection into a staging
 * folder, shared by `huanjie build` and `huanjie combine`: the tables at the
 * top of OUT_DIR, the metric tables under `metrics/` and `metrics/summary.json`,
 * each listed for manifest.json with its rows and sha256.
 */
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { sha256File } from "../ingest/ingest.ts";
import { writeMetrics } from "../metrics/metrics.ts";
import type { AnyTableDef } from "../warehouse/column.ts";
import { type DuckDBConnection, queryRows, writeTable } from "../warehouse/duckdb.ts";
import * as W from "../warehouse/tables.ts";

export interface TableWritten {
  readonly path: string;
  readonly rows: number;
  readonly sha256: string;
}

/** Rows of table (or view) `name` in the connection. */
export async function tableRows(conn: DuckDBConnection, name: string): Promise<number> {
  const [{ n }] = (await queryRows<{ n: number }>(conn, `SELECT count(*) AS n FROM "${name}"`)) as [
    { n: number },
  ];
  return Number(n);
}

/** Rows of the tables `defs` in the connection, together. */
export async function countRows(conn: DuckDBConnection, defs: readonly AnyTableDef[]): Promise<number> {
  let n = 0;
  for (const def of defs) n += await tableRows(conn, def.name);
  return n;
}

/**
 * Write `top` (tables at the top of the folder, in this order), then every metric table present
 * and `metrics/summary.json`, into `dir`. Returns them in that order, as manifest.json lists them.
 */
export async function writeWarehouseTables(
  conn: DuckDBConnection,
  dir: string,
  top: readonly AnyTableDef[],
  afterTop?: () => void,
): Promise<TableWritten[]> {
  const tables: TableWritten[] = [];
  for (const def of top) {
    const path = join(dir, `${def.name}.parquet`);
    await writeTable(conn, def, path, def.order);
    tables.push({
      path: `${def.name}.parquet`,
      rows: await tableRows(conn, def.name),
      sha256: await sha256File(path),
    });
  }
  afterTop?.();
  await writeMetrics(conn, join(dir, "metrics"));
  for (const def of W.METRIC_TABLES) {
    const path = join(dir, "metrics", `${def.name}.parquet`);
    if (!existsSync(path)) continue;
    const rows = await tableRows(conn, def.name);
    tables.push({ path: `metrics/${def.name}.parquet`, rows, sha256: await sha256File(path) });
  }
  const summaryPath = join(dir, "metrics", "summary.json");
  if (existsSync(summaryPath))
    tables.push({ path: "metrics/summary.json", rows: 1, sha256: await sha256File(summaryPath) });
  return tables;
}

/** The `key_id` of manifest.json: tells which person key built a warehouse without revealing it. */
export function keyId(key: string): string {
  return createHash("sha256").update(`huanjie-key-id\u0000${key}`).digest("hex").slice(0, 8);
}
