/**
 * The metric SQL as models, in the manner of dbt: one file per relation,
 * `src/metrics/sql/<layer>/<relation>.sql`, holding one
 * `CREATE OR REPLACE TABLE|VIEW <relation> AS SELECT …` statement, and
 * `sql/macros/<macro>.sql`, one `CREATE OR REPLACE MACRO <macro>(…) AS …`
 * each, which run before every model (models call them). The run
 * order comes from the SQL itself: DuckDB's parser (`json_serialize_sql`)
 * names the relations each model reads, and a model runs after every model it
 * reads (topological order; among models ready to run, macros before
 * staging before intermediate before marts, then by name). Parameters are never spliced into
 * SQL: the caller binds them once into a one-row `params` table that the SQL
 * reads.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { DuckDBConnection } from "../warehouse/duckdb.ts";

export const SQL_DIR = fileURLToPath(new URL("./sql/", import.meta.url));
export const LAYERS = ["macros", "staging", "intermediate", "marts"] as const;
export type Layer = (typeof LAYERS)[number];

/** One SQL file and the relation (or macro) it creates. */
export interface Model {
  /** The relation or macro the file creates. */
  readonly name: string;
  readonly kind: "TABLE" | "VIEW" | "MACRO";
  readonly layer: Layer;
  /** `layer/file.sql`. */
  readonly file: string;
  readonly path: string;
  readonly sql: string;
  /** The SELECT after `CREATE OR REPLACE … AS` (of a macro: its body as a SELECT). */
  readonly query: string;
}

const CREATE = /^CREATE OR REPLACE (TABLE|VIEW|MACRO) ([a-z_][a-z0-9_]*)(\([^)]*\))? AS\b/m;

/** Every SQL file of every layer, by file name. @throws when a file has no `CREATE OR REPLACE TABLE|VIEW|MACRO name AS`. */
export function readModels(dir: string = SQL_DIR): Model[] {
  const models: Model[] = [];
  for (const layer of LAYERS) {
    let names: string[];
    try {
      names = readdirSync(join(dir, layer));
    } catch {
      continue;
    }
    for (const fileName of names.filter((n) => n.endsWith(".sql")).sort()) {
      const path = join(dir, layer, fileName);
      const sql = readFileSync(path, "utf8");
      const m = CREATE.exec(sql);
      if (!m) throw new Error(`${layer}/${fileName}: 没有 CREATE OR REPLACE TABLE|VIEW|MACRO <name> AS`);
      const body = sql.slice(m.index + m[0].length);
      const kind = m[1] as Model["kind"];
      // A scalar macro's body is an expression; a table macro's (AS TABLE …) a query.
      const query =
        kind !== "MACRO"
          ? body
          : /^\s*TABLE\b/.test(body)
            ? body.replace(/^\s*TABLE\b/, "")
            : `SELECT ${body}`;
      models.push({ name: m[2] as string, kind, layer, file: `${layer}/${fileName}`, path, sql, query });
    }
  }
  return models;
}

/** DuckDB's parse tree of one SELECT (`json_serialize_sql`), or the parser's error message. */
export async function parseQuery(
  conn: DuckDBConnection,
  query: string,
): Promise<{ tree: unknown } | { error: string }> {
  const reader = await conn.runAndReadAll("SELECT json_serialize_sql($1::VARCHAR) AS j", [query]);
  const tree = JSON.parse(String(reader.getRowObjects()[0]?.j)) as {
    error?: boolean;
    error_message?: string;
  };
  return tree.error ? { error: tree.error_message ?? "parse error" } : { tree };
}

/** The relations a parse tree reads: its table references that are not its own CTEs, sorted. */
export function readsOf(tree: unknown): string[] {
  const tables = new Set<string>();
  const ctes = new Set<string>();
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const n of node) walk(n);
      return;
    }
    if (!node || typeof node !== "object") return;
    const n = node as Record<string, unknown>;
    if (n.type === "BASE_TABLE" && typeof n.table_name === "string") tables.add(n.table_name);
    const map = (n.cte_map as { map?: { key: string }[] } | undefined)?.map;
    for (const entry of map ?? []) ctes.add(entry.key);
    for (const v of Object.values(n)) walk(v);
  };
  walk(tree);
  return [...tables].filter((t) => !ctes.has(t)).sort();
}

/** The relations `model` reads. @throws naming the file when DuckDB cannot parse it. */
export async function modelReads(conn: DuckDBConnection, model: Model): Promise<string[]> {
  const parsed = await parseQuery(conn, model.query);
  if ("error" in parsed) throw new Error(`${model.file}: ${parsed.error}`);
  return readsOf(parsed.tree);
}

/**
 * `models` in run order: each after the models it reads (`reads`: relation →
 * relations read; relations that are not models are inputs); among models
 * ready to run, the earlier layer first, then by name.
 * @throws when the models read each other in a cycle.
 */
export function runOrder(models: readonly Model[], reads: ReadonlyMap<string, readonly string[]>): Model[] {
  const byName = new Map(models.map((m) => [m.name, m]));
  const waiting = new Map(
    models.map((m) => [
      m.name,
      new Set((reads.get(m.name) ?? []).filter((r) => byName.has(r) && r !== m.name)),
    ]),
  );
  const order: Model[] = [];
  while (waiting.size > 0) {
    const ready = [...waiting].filter(([, deps]) => deps.size === 0).map(([name]) => name);
    if (ready.length === 0) throw new Error(`SQL 模型循环引用: ${[...waiting.keys()].sort().join(", ")}`);
    const layer = (name: string) => LAYERS.indexOf((byName.get(name) as Model).layer);
    const next = ready.sort((a, b) => layer(a) - layer(b) || (a < b ? -1 : 1))[0] as string;
    waiting.delete(next);
    for (const deps of waiting.values()) deps.delete(next);
    order.push(byName.get(next) as Model);
  }
  return order;
}

/**
 * The models of `dir` in run order; with `select`, only those relations and
 * the models they read, directly or not.
 */
export async function plan(
  conn: DuckDBConnection,
  dir: string = SQL_DIR,
  select?: readonly string[],
): Promise<Model[]> {
  const models = readModels(dir);
  const reads = new Map<string, string[]>();
  for (const m of models) reads.set(m.name, await modelReads(conn, m));
  let chosen = models;
  if (select) {
    const keep = new Set<string>();
    const visit = (name: string): void => {
      if (keep.has(name)) return;
      keep.add(name);
      for (const r of reads.get(name) ?? []) visit(r);
    };
    for (const name of select) {
      if (!models.some((m) => m.name === name)) throw new Error(`SQL 模型不存在: ${name}`);
      visit(name);
    }
    chosen = models.filter((m) => keep.has(m.name));
  }
  return runOrder(chosen, reads);
}

/** Execute one model. Errors name the file. */
export async function runModel(conn: DuckDBConnection, model: Model): Promise<void> {
  try {
    await conn.run(model.sql);
  } catch (error) {
    throw new Error(`SQL 执行失败 ${model.path}: ${(error as Error).message}`);
  }
}
