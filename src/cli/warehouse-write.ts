/**
 * Writing a warehouse's tables from a DuckDB connection into a staging
 * folder, shared by `huanjie build` and `huanjie combine`: the tables at the
 * top of OUT_DIR, the metric tables under `metrics/` and `metrics/summary.json`,
 * each listed for manifest.json with its rows and sha256.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { sha256File } from "../ingest/ingest.ts";
import { writeMetrics } from "../metrics/metrics.ts";
import type { AnyTableDef } from "../warehouse/column.ts";
import {
  closeDatabase,
  type DuckDBConnection,
  openDatabase,
  queryRows,
  writeTable,
} from "../warehouse/duckdb.ts";
import { recover, spillDirFor } from "../warehouse/output.ts";
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

/**
 * Open the DuckDB of a run that writes `outDir` (build, combine) while it holds the output's lock;
 * `close` closes it. Before anything else, put back an OUT_DIR a killed run left missing and remove
 * killed runs' staging and spill folders, before this one fills the disk again. Past `memoryLimit`
 * DuckDB moves data to a folder beside OUT_DIR (same disk as the output, not a RAM-backed /tmp;
 * mode 700: spilled rows are roster rows), removed by `close`, and by the next run if this one is
 * killed.
 */
export async function openOutputDatabase(
  outDir: string,
  memoryLimit: string,
): Promise<{ conn: DuckDBConnection; close: () => void }> {
  recover(outDir);
  const spillDir = spillDirFor(outDir);
  rmSync(spillDir, { recursive: true, force: true });
  mkdirSync(spillDir, { mode: 0o700 });
  const conn = await openDatabase({ memoryLimit, tempDirectory: spillDir }).catch((error: unknown) => {
    rmSync(spillDir, { recursive: true, force: true });
    throw error;
  });
  return {
    conn,
    close: () => {
      closeDatabase(conn);
      rmSync(spillDir, { recursive: true, force: true });
    },
  };
}

/** The `key_id` of manifest.json: tells which person key built a warehouse without revealing it. */
export function keyId(key: string): string {
  return createHash("sha256").update(`huanjie-key-id\u0000${key}`).digest("hex").slice(0, 8);
}
