/**
 * The metrics step alone, at any scale, without running ingest: loads the
 * ingest tables of a built warehouse (Parquet) into an in-memory DuckDB,
 * replicated `--copies` times, then runs `computeMetrics` (timed per SQL
 * file) and, with `--write`, `writeMetrics`. Prints a table and one JSON line.
 *
 *   npx tsx bench/metrics.ts                          # province warehouse × 38 ≈ 608,000 units
 *   npx tsx bench/metrics.ts --copies 1               # the province warehouse as built
 *   /usr/bin/time -v npx tsx bench/metrics.ts --write /tmp/metrics   # with peak RSS
 *   npx tsx bench/metrics.ts --clock cpu         # CPU seconds instead of elapsed (busy machine)
 *   npx tsx bench/metrics.ts --sql-dir /tmp/old-sql   # another version of src/metrics/sql (e.g. from `git archive`)
 *
 * The warehouse comes from `node --import tsx bench/child.ts build
 * bench/out/data/province bench/out/warehouse/province` (`npm run bench`
 * deletes its warehouses). Copy k > 0 of every row gets new `unit_id`,
 * `township` and `person_key` values (in SQL), so copies are new units in
 * new townships with new persons: 800 townships × 20 units become 30,400 ×
 * 20, about the national size (30,000 × 20). A 12-digit unit code keeps 12
 * digits (its 2-digit province prefix + k, as national codes would differ
 * there), anything else gets `~k` appended, as do townships and person
 * keys. Copy 0 is the warehouse unchanged. `params` and `terms` come from
 * the dataset's `dataset.yaml` and the targets from its `targets.yaml`, as
 * `src/build.ts` loads them; DuckDB gets the build's memory limit and a
 * spill folder of its own (removed at the end).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { DEFAULT_MEMORY_LIMIT } from "../src/cli/build.ts";
import { loadDataset } from "../src/ingest/dataset.ts";
import { parseTargets } from "../src/ingest/targets.ts";
import { computeMetrics, writeMetrics } from "../src/metrics/metrics.ts";
import { closeDatabase, literal, loadRows, openDatabase, queryRows } from "../src/warehouse/duckdb.ts";
import * as W from "../src/warehouse/tables.ts";

const ROOT = resolve(import.meta.dirname, "..");

const { values } = parseArgs({
  options: {
    warehouse: { type: "string", default: join(ROOT, "bench", "out", "warehouse", "province") },
    dataset: { type: "string", default: join(ROOT, "bench", "out", "data", "province") },
    copies: { type: "string", default: "38" },
    threads: { type: "string", default: "2" },
    "memory-limit": { type: "string", default: DEFAULT_MEMORY_LIMIT },
    write: { type: "string" },
    "sql-dir": { type: "string" },
    clock: { type: "string", default: "wall" },
    help: { type: "boolean", short: "h" },
  },
});
if (values.help) {
  console.log(
    "usage: npx tsx bench/metrics.ts [--warehouse DIR] [--dataset DIR] [--copies N] [--threads N] [--memory-limit 2GB] [--sql-dir DIR] [--clock wall|cpu] [--write DIR]",
  );
  process.exit(0);
}

const copies = Number(values.copies);
if (!Number.isInteger(copies) || copies < 1 || copies > 99) throw new Error("--copies must be 1 to 99");
const warehouse = resolve(values.warehouse);
// wall: elapsed time; cpu: this process's user + system CPU time (both threads), steadier on a shared machine.
const cpuClock = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const clock = values.clock === "cpu" ? cpuClock : () => performance.now();
if (values.clock !== "wall" && values.clock !== "cpu") throw new Error("--clock is wall or cpu");
const seconds = (ms: number) => Math.round(ms) / 1000;

/** The value of column `c` in copy `r.k` of row `t` (copy 0: unchanged). */
function remapped(c: string): string {
  const v = `t."${c}"`;
  if (c === "unit_id") {
    return `CASE WHEN r.k = 0 THEN ${v}
      WHEN regexp_full_match(${v}, '[0-9]{12}') THEN lpad(((${v}[1:2]::INTEGER + r.k) % 100)::VARCHAR, 2, '0') || ${v}[3:]
      ELSE ${v} || '~' || r.k END`;
  }
  if (c === "township" || c === "person_key")
    return `CASE WHEN r.k = 0 THEN ${v} ELSE ${v} || '~' || r.k END`;
  return v;
}

const spill = mkdtempSync(join(tmpdir(), "huanjie-metrics-bench-"));
// Removed however the run ends: a run that fails (out of memory) left gigabytes of spill files behind.
process.on("exit", () => rmSync(spill, { recursive: true, force: true }));
const conn = await openDatabase({
  threads: Number(values.threads),
  memoryLimit: values["memory-limit"],
  tempDirectory: spill,
});
const started = clock();

// The ingest tables, replicated: copy-major order, each copy in the file's row order.
for (const def of W.INGEST_TABLES) {
  const file = join(warehouse, `${def.name}.parquet`);
  const cols = def.columnNames.map((c) => `${remapped(c)} AS "${c}"`);
  await conn.run(def.ddl(def.name));
  await conn.run(
    `INSERT INTO "${def.name}" SELECT ${cols.join(", ")} FROM range($1) AS r(k) CROSS JOIN read_parquet(${literal(file)}) AS t ORDER BY r.k`,
    [copies],
  );
}
const dataset = loadDataset(resolve(values.dataset), (p) => readFileSync(p, "utf8"));
await loadRows(conn, W.unitLevels, []);
await loadRows(conn, W.params, [{ dataset: dataset.name, as_of: null, level: dataset.level }]);
await loadRows(
  conn,
  W.terms,
  dataset.terms.map((t) => ({ term: t.term, reference_date: t.referenceDate })),
);
const targets = dataset.targets
  ? parseTargets(readFileSync(dataset.targets.absPath, "utf8"), dataset.targets.path)
  : [];
const loaded = clock();

const [dup] = await queryRows<{ n: number }>(
  conn,
  "SELECT count(*) - count(DISTINCT unit_id) AS n FROM units",
);
if (dup?.n) throw new Error(`replicated unit_ids collide (${dup.n}): the warehouse mixes province prefixes`);

const counts: Record<string, number> = {};
for (const def of W.INGEST_TABLES) {
  const [row] = await queryRows<{ n: number }>(conn, `SELECT count(*) AS n FROM "${def.name}"`);
  counts[def.name] = row?.n ?? 0;
}

const files: Record<string, number> = {};
const metricsStarted = clock();
await computeMetrics(conn, {
  targets,
  clock,
  ...(values["sql-dir"] ? { sqlDir: resolve(values["sql-dir"]) } : {}),
  onFile: (name, ms) => {
    files[name] = seconds(ms);
    console.error(`${name.padEnd(48)} ${seconds(ms).toFixed(2).padStart(8)} s`);
  },
});
const metricsMs = clock() - metricsStarted;

let writeMs: number | null = null;
if (values.write) {
  const dir = resolve(values.write);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const t = clock();
  await writeMetrics(conn, dir);
  writeMs = clock() - t;
}
closeDatabase(conn);
rmSync(spill, { recursive: true, force: true });

const result = {
  warehouse,
  copies,
  threads: Number(values.threads),
  clock: values.clock,
  memory_limit: values["memory-limit"],
  rows: counts,
  load_seconds: seconds(loaded - started),
  metrics_seconds: seconds(metricsMs),
  write_seconds: writeMs === null ? null : seconds(writeMs),
  files,
  peak_rss_mib: Math.round(process.resourceUsage().maxRSS / 1024),
};
console.error(
  `units ${counts.units}, members ${counts.members}, ballots ${counts.ballots}: load ${result.load_seconds} s, metrics ${result.metrics_seconds} s` +
    (writeMs === null ? "" : `, write ${result.write_seconds} s`) +
    `, peak RSS ${result.peak_rss_mib} MiB`,
);
console.log(JSON.stringify(result));
