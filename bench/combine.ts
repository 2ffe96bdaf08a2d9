/**
 * `huanjie combine` of many county warehouses into a province, against a
 * same-run baseline: DuckDB alone copying the same Parquet files (every input
 * table of every county read with read_parquet and written to one Parquet
 * file per table). Counties are synthetic (tools/sample/synthetic.ts: 16
 * townships × 10 units by default, like the county size of `npm run bench`),
 * each with its own name and unit codes, built with `huanjie build`, and
 * cached under `bench/out/combine/` (keyed by the generator's sources and the
 * sizes). Prints one JSON line and appends it to `bench/out/results.jsonl`.
 *
 *   npx tsx bench/combine.ts                       # 100 counties → a province
 *   npx tsx bench/combine.ts --counties 10         # a city
 *   npx tsx bench/combine.ts --built 8             # 8 counties built, the other 92 replicas of them
 *
 * `--built K` (a machine too busy to build 100 counties): counties K+1… are copies of the built ones
 * with their own name, unit codes and person keys (every input table rewritten by DuckDB, its
 * manifest's sha256s updated; metric tables copied, which combine only checks). Same rows per county.
 *
 * Each measurement runs in a child process (`child` mode below) so that its
 * peak resident memory (from /usr/bin/time -v when present) is its own.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  appendFileSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { cpus, totalmem } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { build } from "../src/cli/build.ts";
import { sha256File } from "../src/ingest/ingest.ts";
import { closeDatabase, literal, openDatabase, writeParquet } from "../src/warehouse/duckdb.ts";
import { INGEST_TABLES, WRITTEN_RUNTIME_TABLES } from "../src/warehouse/tables.ts";
import { writeSynthetic } from "../tools/sample/synthetic.ts";

const ROOT = resolve(import.meta.dirname, "..");
const clock = () => performance.now();
/** The benchmarks' fixed demo key (bench/child.ts, which runs when imported). */
const BENCH_KEY = "huanjie-bench-key-not-secret-0001";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    counties: { type: "string", default: "100" },
    built: { type: "string" },
    townships: { type: "string", default: "16" },
    units: { type: "string", default: "10" },
    seed: { type: "string", default: "20210116" },
    out: { type: "string", default: join(ROOT, "bench", "out") },
    help: { type: "boolean", short: "h" },
  },
});

/** Child mode: `combine OUT INPUT...` or `baseline OUT INPUT...`; prints one JSON line. */
async function child(mode: string, out: string, inputs: string[]): Promise<void> {
  const started = clock();
  if (mode === "combine") {
    const { main } = await import("../src/cli/cli.ts");
    let stderr = "";
    const stages: Record<string, number> = {};
    const status = await main(
      ["combine", ...inputs, "--out", out, "--name", "合成省", "--level", "province"],
      {
        stdout: { write: () => true },
        stderr: {
          write: (t: string) => {
            stderr += t;
            const m = /^阶段 (\S+):[\d,]+ 行,([\d.]+) 秒/.exec(t);
            if (m) stages[m[1] as string] = Number(m[2]);
            return true;
          },
        },
        env: { HUANJIE_KEY: BENCH_KEY, TZ: "UTC" },
        cwd: ROOT,
      },
    );
    if (status !== 0) throw new Error(`combine exited ${status}: ${stderr.slice(-2000)}`);
    const manifest = JSON.parse(readFileSync(join(out, "manifest.json"), "utf8"));
    const rows = manifest.tables
      .filter((t: { path: string }) => !t.path.startsWith("metrics/"))
      .reduce((n: number, t: { rows: number }) => n + t.rows, 0);
    process.stdout.write(`${JSON.stringify({ seconds: (clock() - started) / 1000, rows, stages })}\n`);
    return;
  }
  // Baseline: DuckDB alone reads the same Parquet files and writes one file per table.
  mkdirSync(out, { recursive: true });
  const conn = await openDatabase({ memoryLimit: "2GB" });
  try {
    for (const def of INGEST_TABLES) {
      const files = `[${inputs.map((d) => literal(join(d, `${def.name}.parquet`))).join(", ")}]`;
      await conn.run(
        `COPY (SELECT * FROM read_parquet(${files}, union_by_name = true)) TO ${literal(join(out, `${def.name}.parquet`))} (FORMAT parquet, COMPRESSION zstd)`,
      );
    }
  } finally {
    closeDatabase(conn);
  }
  process.stdout.write(`${JSON.stringify({ seconds: (clock() - started) / 1000 })}\n`);
}

if (positionals[0] === "combine" || positionals[0] === "baseline") {
  await child(positionals[0], positionals[1] as string, positionals.slice(2));
  process.exit(0);
}
if (values.help) {
  console.log(
    "usage: npx tsx bench/combine.ts [--counties N] [--townships N] [--units N] [--seed N] [--out DIR]",
  );
  process.exit(0);
}

const counties = Number(values.counties);
const builtCounties = Math.min(counties, Number(values.built ?? values.counties));
const townships = Number(values.townships);
const units = Number(values.units);
const seed = Number(values.seed);
const outDir = resolve(values.out);
const work = join(outDir, "combine");
const log = (m: string) => process.stderr.write(`${m}\n`);

function generatorVersion(): string {
  const hash = createHash("sha256");
  for (const dir of [join(ROOT, "tools", "sample"), join(ROOT, "src")]) {
    for (const f of readdirSync(dir, { recursive: true }).map(String).sort())
      if (f.endsWith(".ts") || f.endsWith(".sql")) hash.update(f).update(readFileSync(join(dir, f)));
  }
  return hash.digest("hex").slice(0, 12);
}

/** The county warehouses, generated and built unless cached with the same key. */
async function countyWarehouses(): Promise<string[]> {
  const key = JSON.stringify({ version: generatorVersion(), seed, townships, units });
  const dirs: string[] = [];
  const started = clock();
  for (let i = 0; i < builtCounties; i++) {
    const name = `合成${String(i + 1).padStart(3, "0")}县`;
    const dataset = join(work, "data", name);
    const warehouse = join(work, "warehouses", name);
    dirs.push(warehouse);
    const keyFile = join(work, "warehouses", `${name}.key`);
    if (existsSync(keyFile) && readFileSync(keyFile, "utf8") === key) continue;
    rmSync(dataset, { recursive: true, force: true });
    writeSynthetic({
      seed: seed + i,
      townships,
      unitsPerTownship: units,
      outDir: dataset,
      name,
      countyCode: 110101 + i,
    });
    await build({ datasetDir: dataset, outDir: warehouse, env: { HUANJIE_KEY: BENCH_KEY } });
    rmSync(dataset, { recursive: true, force: true });
    writeFileSync(keyFile, key);
    if ((i + 1) % 10 === 0) log(`  ${i + 1} counties built, ${((clock() - started) / 1000).toFixed(0)} s`);
  }
  for (let i = builtCounties; i < counties; i++) {
    const name = `合成${String(i + 1).padStart(3, "0")}县`;
    const warehouse = join(work, "replicas", name);
    await replicate(dirs[i % builtCounties] as string, warehouse, name, 110101 + i);
    dirs.push(warehouse);
  }
  return dirs;
}

/** A copy of county warehouse `from` as county `name`: unit codes under `code`, person keys of its own. */
async function replicate(from: string, to: string, name: string, code: number): Promise<void> {
  rmSync(to, { recursive: true, force: true });
  mkdirSync(join(to, "metrics"), { recursive: true });
  const manifest = JSON.parse(readFileSync(join(from, "manifest.json"), "utf8"));
  const conn = await openDatabase({ threads: 1 });
  try {
    for (const def of [...INGEST_TABLES, ...WRITTEN_RUNTIME_TABLES]) {
      const cols: readonly string[] = def.columnNames;
      const select = cols.map((c) => {
        if (c === "unit_id" || c === "unit_code")
          return `CASE WHEN regexp_full_match("${c}", '[0-9]{12}') THEN '${code}' || substr("${c}", 7) ELSE "${c}" END AS "${c}"`;
        if (c === "person_key") return `sha256(person_key || ${literal(name)}) AS person_key`;
        return `"${c}"`;
      });
      const path = join(to, `${def.name}.parquet`);
      await writeParquet(
        conn,
        `SELECT ${select.join(", ")} FROM read_parquet(${literal(join(from, `${def.name}.parquet`))}) ORDER BY ${def.order.map((c) => `"${c}"`).join(", ") || "ALL"}`,
        path,
      );
      const entry = manifest.tables.find((t: { path: string }) => t.path === `${def.name}.parquet`);
      entry.sha256 = await sha256File(path);
    }
  } finally {
    closeDatabase(conn);
  }
  for (const t of manifest.tables as { path: string }[])
    if (t.path.startsWith("metrics/")) copyFileSync(join(from, t.path), join(to, t.path));
  manifest.dataset = name;
  writeFileSync(join(to, "manifest.json"), `${JSON.stringify(manifest, null, 2)}\n`);
}

const TIME = existsSync("/usr/bin/time") ? "/usr/bin/time" : null;

function measure(mode: string, out: string, inputs: string[]): Record<string, unknown> {
  rmSync(out, { recursive: true, force: true });
  const node = [process.execPath, "--import", "tsx", join(ROOT, "bench", "combine.ts"), mode, out, ...inputs];
  const [cmd, ...argv] = TIME ? [TIME, "-v", ...node] : node;
  const run = spawnSync(cmd as string, argv, { cwd: ROOT, encoding: "utf8", maxBuffer: 64 << 20 });
  if (run.status !== 0) throw new Error(`${mode} failed: ${run.stderr.slice(-3000)}`);
  const result = JSON.parse(run.stdout.trim().split("\n").pop() as string);
  const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(run.stderr);
  return { ...result, peak_rss_mib: m ? Math.round(Number(m[1]) / 1024) : null };
}

mkdirSync(join(work, "warehouses"), { recursive: true });
log(
  `building ${builtCounties} county warehouses (${townships} × ${units} units each), ${counties - builtCounties} replicas, in ${work}…`,
);
const inputs = await countyWarehouses();
log("combine…");
const combined = measure("combine", join(work, "province"), inputs);
log("baseline (DuckDB copying the same Parquet files)…");
const base = measure("baseline", join(work, "baseline"), inputs);
const git = spawnSync("git", ["rev-parse", "--short", "HEAD"], { cwd: ROOT, encoding: "utf8" });
const round = (n: number) => Math.round(n * 100) / 100;
const result = {
  size: `combine-${counties}`,
  counties,
  built: builtCounties,
  units: counties * townships * units,
  rows: combined.rows,
  seconds: round(combined.seconds as number),
  stages: combined.stages,
  peak_rss_mib: combined.peak_rss_mib,
  baseline_seconds: round(base.seconds as number),
  baseline_peak_rss_mib: base.peak_rss_mib,
  ratio: round((combined.seconds as number) / (base.seconds as number)),
  commit: git.status === 0 ? git.stdout.trim() : null,
  cores: cpus().length,
  memory_gib: Math.round((totalmem() / 2 ** 30) * 10) / 10,
  node: process.version,
};
appendFileSync(join(outDir, "results.jsonl"), `${JSON.stringify(result)}\n`);
console.log(JSON.stringify(result));
rmSync(join(work, "province"), { recursive: true, force: true });
rmSync(join(work, "baseline"), { recursive: true, force: true });
