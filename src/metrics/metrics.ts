/**
 * The metrics step: runs the SQL models of `sql/` (staging → intermediate →
 * marts, each file after the models it reads: see `models.ts`) over the
 * ingest tables already in the connection, and writes the marts to Parquet.
 *
 * Runtime contract (read by the SQL): the ingest tables of
 * `src/warehouse/tables.ts` (`units`, `members`, `elections`, `ballots`,
 * `candidates`, `rejects`, `warnings`), `params` (one row: dataset, as_of)
 * and `terms` (one row per manifest term), see `src/warehouse/tables.ts`.
 * {@link computeMetrics} adds `target_rules` itself.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { type TargetRule, targetRuleRows } from "../ingest/targets.ts";
import { type DuckDBConnection, loadRows, queryRows, writeTable } from "../warehouse/duckdb.ts";
import { METRIC_TABLES, type TargetRuleRow, targetRules } from "../warehouse/tables.ts";
import { plan, runModel, SQL_DIR } from "./models.ts";
import { buildSummary } from "./summary.ts";

export interface MetricsOptions {
  /** Parsed targets.yaml ([] when the dataset has none). */
  targets: readonly TargetRule[];
  /**
   * The `target_rules` rows themselves, instead of `targets` (`huanjie combine`: the rules the input
   * warehouses were computed with, read back from their `target_rules.parquet`).
   */
  targetRows?: readonly TargetRuleRow[];
  /** Progress lines (one per SQL model). */
  log?: (line: string) => void;
  /** Folder of the SQL layers; defaults to `src/metrics/sql/`. */
  sqlDir?: string;
  /** Clock (milliseconds) for the per-file timings; defaults to `performance.now`. */
  clock?: () => number;
  /** Called after each SQL model with its `layer/file.sql` and the milliseconds it took. */
  onFile?: (file: string, ms: number) => void;
}

/**
 * Create `target_rules` from `options.targets` or `options.targetRows` (replacing any previous one)
 * and run every SQL model in run order. Leaves the marts
 * (`structure`, `targets`, `target_units`, `two_up_one_down`,
 * `one_shoulder`, and whatever the other files create) in the connection.
 * @throws Error naming the SQL file that failed.
 */
export async function computeMetrics(conn: DuckDBConnection, options: MetricsOptions): Promise<void> {
  await conn.run(`DROP TABLE IF EXISTS ${targetRules.name}`);
  await loadRows(conn, targetRules, options.targetRows ?? targetRuleRows(options.targets));
  const clock = options.clock ?? (() => performance.now());
  for (const model of await plan(conn, options.sqlDir ?? SQL_DIR)) {
    const started = clock();
    await runModel(conn, model);
    const ms = clock() - started;
    options.onFile?.(model.file, ms);
    options.log?.(`metrics ${model.file} ${Math.round(ms)} ms`);
  }
}

/** Names of the tables (not views) and views present in the connection. */
async function relations(conn: DuckDBConnection): Promise<Set<string>> {
  const rows = await queryRows<{ name: string }>(
    conn,
    "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'main'",
  );
  return new Set(rows.map((r) => r.name));
}

/**
 * Write every metric table that exists in the connection to
 * `dir/<name>.parquet` in its definition's column order, sorted by its
 * definition's order (the grain, then the remaining columns), so equal inputs give identical files; and
 * `dir/summary.json` when `structure` exists. Creates `dir`.
 * @returns the names of the tables written.
 */
export async function writeMetrics(conn: DuckDBConnection, dir: string): Promise<string[]> {
  mkdirSync(dir, { recursive: true });
  const present = await relations(conn);
  const written: string[] = [];
  for (const def of METRIC_TABLES) {
    if (!present.has(def.name)) continue;
    await writeTable(conn, def, join(dir, `${def.name}.parquet`), def.order);
    written.push(def.name);
  }
  if (present.has("structure")) {
    writeFileSync(join(dir, "summary.json"), `${JSON.stringify(await buildSummary(conn), null, 2)}\n`);
  }
  return written;
}
