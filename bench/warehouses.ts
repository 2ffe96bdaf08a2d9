/**
 * Helpers shared by bench/combine.ts and bench/nation.ts.
 *
 * {@link replicate}: a copy of a built or combined warehouse as another jurisdiction of the same size, for the
 * benchmarks that need many of them (bench/combine.ts, bench/nation.ts) without building each:
 * every table at the top of the warehouse (the ones `huanjie combine` reads) is rewritten by
 * DuckDB with its own unit codes, names and person keys, and its sha256 in manifest.json updated.
 * Metric tables are copied as they are: combine only checks their sha256, never reads them.
 * Same rows, same shape; the figures of the copy are the original's.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { loadavg } from "node:os";
import { join, resolve } from "node:path";
import { sha256File } from "../src/ingest/ingest.ts";
import type { AnyTableDef } from "../src/warehouse/column.ts";
import { closeDatabase, literal, openDatabase, queryRows, writeParquet } from "../src/warehouse/duckdb.ts";
import * as W from "../src/warehouse/tables.ts";

export interface Replica {
  /** The copy's dataset name (manifest.json `dataset`). */
  readonly name: string;
  /** Leading digits of every 12-digit unit code (`unit_id`, `unit_code`) replaced by these. */
  readonly codePrefix: string;
  /**
   * Names of jurisdictions below the warehouse's own level (a township's `县名/` prefix, `county`,
   * `city`, `source_dataset`, a derived unit id): this leading text replaced by `to`.
   */
  readonly rename?: { readonly from: string; readonly to: string } | null;
}

/** Every table that can be at the top of a warehouse, by file name (the combined findings last). */
const DEFS = new Map<string, AnyTableDef>(
  [...W.INGEST_TABLES, W.unitLevels, ...W.WRITTEN_RUNTIME_TABLES, W.combinedRejects, W.combinedWarnings].map(
    (d) => [d.name, d],
  ),
);

/** Columns holding a jurisdiction's name at their start. */
const NAMED = new Set(["township", "county", "city", "province", "source_dataset"]);

/** Write warehouse `from` again as `to` (replaced), the jurisdiction `replica` describes. */
export async function replicate(from: string, to: string, replica: Replica): Promise<void> {
  rmSync(to, { recursive: true, force: true });
  mkdirSync(join(to, "metrics"), { recursive: true });
  const manifest = JSON.parse(readFileSync(join(from, "manifest.json"), "utf8"));
  const n = replica.codePrefix.length;
  const code = literal(replica.codePrefix);
  const rename = (expr: string) =>
    replica.rename
      ? `CASE WHEN starts_with(${expr}, ${literal(replica.rename.from)}) THEN ${literal(replica.rename.to)} || substr(${expr}, ${replica.rename.from.length + 1}) ELSE ${expr} END`
      : expr;
  const conn = await openDatabase({ threads: 1 });
  try {
    for (const entry of manifest.tables as { path: string; sha256: string }[]) {
      if (entry.path.startsWith("metrics/") || !entry.path.endsWith(".parquet")) continue;
      const def = DEFS.get(entry.path.slice(0, -".parquet".length));
      const source = literal(join(from, entry.path));
      const columns = (
        await queryRows<{ name: string }>(
          conn,
          `SELECT name FROM parquet_schema(${source}) WHERE name <> 'duckdb_schema'`,
        )
      ).map((r) => r.name);
      const select = columns.map((c) => {
        const q = `"${c}"`;
        if (c === "unit_id" || c === "unit_code")
          return `CASE WHEN regexp_full_match(${q}, '[0-9]{12}') THEN ${code} || substr(${q}, ${n + 1}) ELSE ${rename(q)} END AS ${q}`;
        if (c === "person_key") return `sha256(person_key || ${literal(replica.name)}) AS person_key`;
        if (NAMED.has(c)) return `${rename(q)} AS ${q}`;
        return q;
      });
      const order = (def?.order ?? []).filter((c) => columns.includes(c)).map((c) => `"${c}"`);
      const path = join(to, entry.path);
      await writeParquet(
        conn,
        `SELECT ${select.join(", ")} FROM read_parquet(${source}) ORDER BY ${order.join(", ") || "ALL"}`,
        path,
      );
      entry.sha256 = await sha256File(path);
    }
  } finally {
    closeDatabase(conn);
  }
  for (const t of manifest.tables as { path: string }[])
    if (t.path.startsWith("metrics/") || t.path.endsWith(".json"))
      copyFileSync(join(from, t.path), join(to, t.path));
  manifest.dataset = replica.name;
  const renamed = (s: unknown) =>
    typeof s === "string" && replica.rename?.from && s.startsWith(replica.rename.from)
      ? replica.rename.to + s.slice(replica.rename.from.length)
      : s;
  for (const f of (manifest.files ?? []) as Record<string, unknown>[])
    if ("source_dataset" in f) f.source_dataset = renamed(f.source_dataset);
  for (const x of (manifest.inputs ?? []) as Record<string, unknown>[]) x.dataset = renamed(x.dataset);
  writeFileSync(join(to, "manifest.json"), `${JSON.stringify(manifest, null, 2)}\n`);
}

const ROOT = resolve(import.meta.dirname, "..");

/** A hash of the generator's and the product's sources: cached warehouses are rebuilt when it changes. */
export function sourceVersion(): string {
  const hash = createHash("sha256");
  for (const dir of [join(ROOT, "tools", "sample"), join(ROOT, "src")]) {
    for (const f of readdirSync(dir, { recursive: true }).map(String).sort())
      if (f.endsWith(".ts") || f.endsWith(".sql")) hash.update(f).update(readFileSync(join(dir, f)));
  }
  return hash.digest("hex").slice(0, 12);
}

const TIME = existsSync("/usr/bin/time") ? "/usr/bin/time" : null;

/**
 * Run `node --import tsx SCRIPT ARGS...` (a bench script's child mode, printing one JSON line last)
 * under `/usr/bin/time -v` when present: its JSON with its peak resident memory, its CPU seconds
 * (user + system, every thread) and the load average when it ended.
 */
export function measureChild(script: string, args: readonly string[]): Record<string, unknown> {
  const node = [process.execPath, "--import", "tsx", script, ...args];
  const [cmd, ...argv] = TIME ? [TIME, "-v", ...node] : node;
  const run = spawnSync(cmd as string, argv, { cwd: ROOT, encoding: "utf8", maxBuffer: 64 << 20 });
  if (run.status !== 0) {
    const own = run.stderr.split("\tCommand being timed:")[0] as string;
    throw new Error(`${args[0]} failed (${run.status}): ${own.slice(-3000)}`);
  }
  const result = JSON.parse(run.stdout.trim().split("\n").pop() as string);
  const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(run.stderr);
  const user = /User time \(seconds\): ([\d.]+)/.exec(run.stderr);
  const sys = /System time \(seconds\): ([\d.]+)/.exec(run.stderr);
  return {
    ...result,
    peak_rss_mib: m ? Math.round(Number(m[1]) / 1024) : null,
    cpu_seconds: user && sys ? Math.round((Number(user[1]) + Number(sys[1])) * 100) / 100 : null,
    load: loadavg().map((x) => Math.round(x * 10) / 10),
  };
}
