/**
 * Runs the project's SQL files (`src/metrics/sql/<layer>/*.sql`) in layer order:
 * staging → intermediate → marts. Parameters are never spliced into SQL:
 * the caller binds them once into a one-row `params` table that the SQL reads.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { DuckDBConnection } from "../warehouse/duckdb.ts";

export const SQL_DIR = fileURLToPath(new URL("./sql/", import.meta.url));
export const LAYERS = ["staging", "intermediate", "marts"] as const;

/** The SQL files of a layer, sorted by name (prefix names with 01_, 02_… to order them). */
export function sqlFiles(layer: (typeof LAYERS)[number], dir: string = SQL_DIR): string[] {
  let names: string[];
  try {
    names = readdirSync(join(dir, layer));
  } catch {
    return [];
  }
  return names
    .filter((n) => n.endsWith(".sql"))
    .sort()
    .map((n) => join(dir, layer, n));
}

/** Execute one SQL file (it may hold several statements). Errors name the file. */
export async function runSqlFile(conn: DuckDBConnection, path: string): Promise<void> {
  const sql = readFileSync(path, "utf8");
  try {
    await conn.run(sql);
  } catch (error) {
    throw new Error(`SQL 执行失败 ${path}: ${(error as Error).message}`);
  }
}
