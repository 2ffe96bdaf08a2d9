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
 * with their own name, unit codes and person keys (bench/replicate.ts). Same rows per county.
 *
 * Each measurement runs in a child process (`child` mode below) so that its
 * peak resident memory (from /usr/bin/time -v when present) is its own.
 */
import { spawnSync } from "node:child_process";
import { appendFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { build } from "../src/cli/build.ts";
import { closeDatabase, literal, openDatabase } from "../src/warehouse/duckdb.ts";
import { INGEST_TABLES } from "../src/warehouse/tables.ts";
import { writeSynthetic } from "../tools/sample/synthetic.ts";
import { measureChild, replicate, sourceVersion } from "./warehouses.ts";

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

/** The county warehouses, generated and built unless cached with the same key. */
async function countyWarehouses(): Promise<string[]> {
  const key = JSON.stringify({ version: sourceVersion(), seed, townships, units });
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
    await replicate(dirs[i % builtCounties] as string, warehouse, { name, codePrefix: String(110101 + i) });
    dirs.push(warehouse);
  }
  return dirs;
}

function measure(mode: string, out: string, inputs: string[]): Record<string, unknown> {
  rmSync(out, { recursive: true, force: true });
  return measureChild(join(ROOT, "bench", "combine.ts"), [mode, out, ...inputs]);
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
  cpu_seconds: combined.cpu_seconds,
  stages: combined.stages,
  peak_rss_mib: combined.peak_rss_mib,
  load: combined.load,
  baseline_seconds: round(base.seconds as number),
  baseline_cpu_seconds: base.cpu_seconds,
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
