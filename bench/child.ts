/**
 * One measurement, run by `bench/run.ts` in a child process of its own so
 * that its peak resident memory is its own. Prints one JSON line on stdout.
 *
 *   node --import tsx bench/child.ts build DATASET OUT     # huanjie build, with stage timings
 *   node --import tsx bench/child.ts read DATASET          # the readers alone over every input file
 *   node --import tsx bench/child.ts baseline DATASET OUT  # DuckDB alone: each CSV → Parquet
 *   node --import tsx bench/child.ts xlsx FILE             # stream one workbook's rows
 */
import { closeSync, mkdirSync, openSync, readdirSync, readFileSync, readSync } from "node:fs";
import { join } from "node:path";
import { build } from "../src/cli/build.ts";
import { loadDataset } from "../src/ingest/dataset.ts";
import { readRows } from "../src/read/reader.ts";
import { closeDatabase, literal, openDatabase } from "../src/warehouse/duckdb.ts";

/** A fixed demo key: benchmark datasets are synthetic. */
export const BENCH_KEY = "huanjie-bench-key-not-secret-0001";

const clock = () => performance.now();
const maxRssMiB = () => process.resourceUsage().maxRSS / 1024;

async function runBuild(datasetDir: string, outDir: string) {
  const stages: Record<string, number> = {};
  // The JavaScript heap in use, sampled every 250 ms: what the build holds in JS, apart from DuckDB's memory.
  let peakHeap = process.memoryUsage().heapUsed;
  const sampler = setInterval(() => {
    peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  }, 250);
  const started = clock();
  const result = await build({
    datasetDir,
    outDir,
    env: { HUANJIE_KEY: BENCH_KEY },
    // As `huanjie build` reads it: DuckDB's memory limit (default 2GB).
    memoryLimit: process.env.HUANJIE_MEMORY_LIMIT || undefined,
    clock,
    onStage: (stage, ms) => {
      stages[stage] = ms / 1000;
    },
  });
  const seconds = (clock() - started) / 1000;
  clearInterval(sampler);
  const rows = result.files.reduce((n, f) => n + f.read, 0);
  return {
    seconds,
    rows,
    stages,
    rejects: result.rejects,
    warnings: result.warnings,
    peak_rss_mib: maxRssMiB(),
    peak_heap_mib: peakHeap / 2 ** 20,
  };
}

async function runRead(datasetDir: string) {
  const dataset = loadDataset(datasetDir, (p) => readFileSync(p, "utf8"));
  const started = clock();
  let rows = 0;
  for (const file of dataset.files) {
    for await (const _ of readRows(file.absPath, { displayName: file.path, sheet: file.sheet })) rows++;
  }
  return { seconds: (clock() - started) / 1000, rows, peak_rss_mib: maxRssMiB() };
}

/** True when the first 64 KiB of a file are not UTF-8 (the synthetic GBK roster). */
function notUtf8(path: string): boolean {
  const fd = openSync(path, "r");
  const buf = Buffer.alloc(65536);
  const n = readSync(fd, buf, 0, buf.length, 0);
  closeSync(fd);
  // Cut at the last line break so a character split by the window does not count.
  const end = buf.subarray(0, n).lastIndexOf(10);
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(buf.subarray(0, end > 0 ? end : n));
    return false;
  } catch {
    return true;
  }
}

/**
 * DuckDB alone: every CSV of the dataset copied to Parquet, all columns as
 * text, same threads and compression as the build. DuckDB has no GBK decoder
 * without its (not installed) encodings extension, so a GBK file is read as
 * latin-1: the same bytes scanned, the text not decoded to Chinese.
 */
async function runBaseline(datasetDir: string, outDir: string) {
  mkdirSync(outDir, { recursive: true });
  const conn = await openDatabase();
  const version = (await conn.runAndReadAll("SELECT version()")).getRows()[0]?.[0];
  const started = clock();
  let rows = 0;
  try {
    for (const name of readdirSync(datasetDir).sort()) {
      if (!name.endsWith(".csv")) continue;
      const path = join(datasetDir, name);
      const encoding = notUtf8(path) ? "latin-1" : "utf-8";
      const source = `read_csv(${literal(path)}, header = true, all_varchar = true, encoding = '${encoding}')`;
      const result = await conn.run(
        `COPY (SELECT * FROM ${source}) TO ${literal(join(outDir, name.replace(/\.csv$/, ".parquet")))} (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 122880)`,
      );
      rows += Number(result.rowsChanged);
    }
  } finally {
    closeDatabase(conn);
  }
  return { seconds: (clock() - started) / 1000, rows, peak_rss_mib: maxRssMiB(), duckdb: String(version) };
}

async function runXlsx(file: string) {
  const started = clock();
  let rows = 0;
  for await (const _ of readRows(file, { displayName: "bench.xlsx" })) rows++;
  return { seconds: (clock() - started) / 1000, rows, peak_rss_mib: maxRssMiB() };
}

const [mode, a, b] = process.argv.slice(2);
let out: object;
if (mode === "build" && a && b) out = await runBuild(a, b);
else if (mode === "read" && a) out = await runRead(a);
else if (mode === "baseline" && a && b) out = await runBaseline(a, b);
else if (mode === "xlsx" && a) out = await runXlsx(a);
else throw new Error("usage: child.ts build DATASET OUT | read DATASET | baseline DATASET OUT | xlsx FILE");
process.stdout.write(`${JSON.stringify(out)}\n`);
