/**
 * `npm run bench`: end-to-end and per-stage timings of `huanjie build` on
 * seeded synthetic datasets, against a same-run baseline (DuckDB alone
 * copying the same CSV files to Parquet), with peak resident memory; and an
 * XLSX reader micro-benchmark. Results: a table on stdout and one JSON line
 * per size appended to `bench/out/results.jsonl`. See BENCHMARKS.md.
 *
 *   npm run bench                                   # county, city
 *   npm run bench -- --sizes county,city,province   # nation too: --sizes nation (long)
 *   npm run bench -- --xlsx-rows 0                  # skip the XLSX micro-benchmark
 *   npm run bench -- --sizes none --xlsx-rows 0 --site   # the report site alone (size "site", 2,000 units)
 *
 * Every measurement runs in a child process of its own (peak RSS from
 * `/usr/bin/time -v` when present, else the child's `process.resourceUsage()`).
 * Datasets are cached under `bench/out/data/<size>`, keyed by the generator's
 * sources, the seed and the size, so reruns skip generation.
 *
 * `--site` (opt-in) times the whole `npm run build` (warehouse, data loaders, Framework, post-processing)
 * on the `--site-size` dataset with a cold loader cache, and prints the bytes every page loads (HTML, preloaded
 * modules, stylesheets and the data files each registers; for the township and unit pages, the first
 * township's files they fetch).
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  appendFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { cpus, totalmem } from "node:os";
import { dirname, join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { workbook } from "../reports/components/xlsx.js";
import { DEFAULT_MEMORY_LIMIT } from "../src/cli/build.ts";
import { type Cell, ExcelDate } from "../src/read/cell.ts";
import { Random } from "../tools/sample/random.ts";
import { writeSynthetic } from "../tools/sample/synthetic.ts";

const ROOT = resolve(import.meta.dirname, "..");

/** Townships × units per township. "tiny" is for the smoke test. */
export const SIZES: Record<string, { townships: number; units: number }> = {
  tiny: { townships: 2, units: 3 },
  county: { townships: 16, units: 10 },
  city: { townships: 80, units: 20 },
  /** The report site's budget size (issue 7): 2,000 units, built with `--site`. */
  site: { townships: 100, units: 20 },
  province: { townships: 800, units: 20 },
  nation: { townships: 30_000, units: 20 },
};

/** Split input files above this many data rows (the readers stop at 2,000,000 rows per file). */
const MAX_ROWS_PER_FILE = 1_000_000;

const { values } = parseArgs({
  options: {
    sizes: { type: "string", default: "county,city" },
    seed: { type: "string", default: "20210116" },
    out: { type: "string", default: join(ROOT, "bench", "out") },
    "xlsx-rows": { type: "string", default: "200000" },
    "no-baseline": { type: "boolean", default: false },
    "generate-only": { type: "boolean", default: false },
    site: { type: "boolean", default: false },
    "site-size": { type: "string", default: "site" },
    help: { type: "boolean", short: "h" },
  },
});
if (values.help) {
  console.log(
    `usage: npm run bench -- [--sizes ${Object.keys(SIZES).join(",")}] [--seed N] [--out DIR] [--xlsx-rows N] [--no-baseline] [--generate-only] [--site] [--site-size SIZE]`,
  );
  process.exit(0);
}
const sizes = values.sizes.split(",").filter((s) => s && s !== "none");
const siteSize = values.site ? values["site-size"] : null;
for (const s of siteSize ? [...sizes, siteSize] : sizes)
  if (!SIZES[s]) throw new Error(`unknown size ${s} (${Object.keys(SIZES).join(", ")})`);
const seed = Number(values.seed);
const outDir = resolve(values.out);
const xlsxRows = Number(values["xlsx-rows"]);
mkdirSync(join(outDir, "data"), { recursive: true });

/** The generator's version: a hash of its sources, so a changed generator regenerates. */
function generatorVersion(): string {
  const hash = createHash("sha256");
  const dir = join(ROOT, "tools", "sample");
  for (const f of readdirSync(dir).sort()) hash.update(f).update(readFileSync(join(dir, f)));
  return hash.digest("hex").slice(0, 12);
}
const GENERATOR = generatorVersion();

function log(message: string): void {
  process.stderr.write(`${message}\n`);
}

/** The dataset folder of a size, generated unless the cached one has the same key. */
function dataset(size: string): string {
  const { townships, units } = SIZES[size] as { townships: number; units: number };
  const dir = join(outDir, "data", size);
  const key = JSON.stringify({ generator: GENERATOR, seed, townships, units, maxRows: MAX_ROWS_PER_FILE });
  const keyFile = join(dir, ".bench-key");
  if (existsSync(keyFile) && readFileSync(keyFile, "utf8") === key) return dir;
  rmSync(dir, { recursive: true, force: true });
  log(`generating ${size} (${townships * units} units) → ${dir}`);
  const started = performance.now();
  writeSynthetic({
    seed,
    townships,
    unitsPerTownship: units,
    outDir: dir,
    maxRowsPerFile: MAX_ROWS_PER_FILE,
  });
  writeFileSync(keyFile, key);
  log(`  generated in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return dir;
}

interface ChildResult {
  seconds: number;
  rows: number;
  peak_rss_mib: number;
  [k: string]: unknown;
}

const TIME = existsSync("/usr/bin/time") ? "/usr/bin/time" : null;

/** Run `bench/child.ts` in a fresh Node process; its JSON line, with peak RSS from /usr/bin/time when present. */
function child(args: string[]): ChildResult {
  const node = [process.execPath, "--import", "tsx", join(ROOT, "bench", "child.ts"), ...args];
  const [cmd, ...argv] = TIME ? [TIME, "-v", ...node] : node;
  const run = spawnSync(cmd as string, argv, {
    cwd: ROOT,
    env: { ...process.env, TZ: "UTC" },
    encoding: "utf8",
    maxBuffer: 64 << 20,
  });
  const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(run.stderr);
  const user = /User time \(seconds\): ([\d.]+)/.exec(run.stderr);
  const sys = /System time \(seconds\): ([\d.]+)/.exec(run.stderr);
  /** CPU seconds of the child, DuckDB's threads included (steadier than wall time on a shared machine). */
  const cpu = user && sys ? Number(user[1]) + Number(sys[1]) : Number.NaN;
  if (run.status !== 0) {
    // Record the failure (e.g. out of memory at national size) instead of losing the run.
    const error = run.stderr
      .split("\n")
      .filter((l) => /error|heap|killed|signal/i.test(l) && !l.startsWith("\t"))
      .slice(0, 3)
      .join(" | ");
    log(`  ${args[0]} failed (${run.status ?? run.signal}): ${error}`);
    return {
      seconds: Number.NaN,
      rows: 0,
      peak_rss_mib: m ? Number(m[1]) / 1024 : Number.NaN,
      cpu_seconds: cpu,
      error: error || `exit ${run.status ?? run.signal}`,
    };
  }
  const line = run.stdout.trim().split("\n").pop() as string;
  const result = JSON.parse(line) as ChildResult;
  if (m) result.peak_rss_mib = Number(m[1]) / 1024;
  result.cpu_seconds = cpu;
  return result;
}

const mib = (n: number) => Math.round(n);
const round = (n: number, d = 2) => Math.round(n * 10 ** d) / 10 ** d;

function gitCommit(): string | null {
  const r = spawnSync("git", ["rev-parse", "--short", "HEAD"], { cwd: ROOT, encoding: "utf8" });
  return r.status === 0 ? r.stdout.trim() : null;
}

const machine = {
  cores: cpus().length,
  memory_gib: round(totalmem() / 2 ** 30, 1),
  node: process.version,
};
const commit = gitCommit();
const results: Record<string, unknown>[] = [];

if (values["generate-only"]) {
  for (const size of sizes) dataset(size);
  process.exit(0);
}

for (const size of sizes) {
  const dir = dataset(size);
  const units = SIZES[size] as { townships: number; units: number };
  log(`${size}: readers alone…`);
  const read = child(["read", dir]);
  log(`${size}: huanjie build…`);
  const b = child(["build", dir, join(outDir, "warehouse", size)]);
  let base: ChildResult | null = null;
  if (!values["no-baseline"]) {
    log(`${size}: baseline (DuckDB CSV → Parquet)…`);
    base = child(["baseline", dir, join(outDir, "baseline", size)]);
  }
  // A failed build has no stages; its error and peak memory are still recorded.
  const stages = (b.stages ?? {}) as Record<string, number>;
  const result = {
    size,
    units: units.townships * units.units,
    rows: b.rows || read.rows,
    seconds: round(b.seconds),
    stages: {
      read: round(read.seconds),
      normalise: round((stages.ingest ?? 0) - read.seconds),
      load: round(stages.load ?? 0),
      metrics: round(stages.metrics ?? 0),
      write_parquet: round(stages.write ?? 0),
    },
    baseline_seconds: base ? round(base.seconds) : null,
    /** CPU seconds (user + system) of the build and of the baseline: fairer than wall time when the machine is shared. */
    cpu_seconds: round(b.cpu_seconds as number),
    baseline_cpu_seconds: base ? round(base.cpu_seconds as number) : null,
    ratio: base ? round(b.seconds / base.seconds) : null,
    peak_rss_mib: mib(b.peak_rss_mib),
    /** DuckDB's memory limit in the build (HUANJIE_MEMORY_LIMIT, else the build's default). */
    memory_limit: process.env.HUANJIE_MEMORY_LIMIT || DEFAULT_MEMORY_LIMIT,
    /** Peak JavaScript heap in use (sampled): the part of the memory that streaming keeps flat. */
    peak_heap_mib: typeof b.peak_heap_mib === "number" ? mib(b.peak_heap_mib) : null,
    baseline_peak_rss_mib: base ? mib(base.peak_rss_mib) : null,
    rows_per_second: Math.round((b.rows || read.rows) / b.seconds),
    rejects: b.rejects,
    error: b.error ?? null,
    warnings: b.warnings,
    generator: GENERATOR,
    seed,
    commit,
    duckdb: base?.duckdb ?? null,
    ...machine,
  };
  results.push(result);
  appendFileSync(join(outDir, "results.jsonl"), `${JSON.stringify(result)}\n`);
  console.log(JSON.stringify(result));
  rmSync(join(outDir, "warehouse", size), { recursive: true, force: true });
  rmSync(join(outDir, "baseline", size), { recursive: true, force: true });
}

/** One big sheet of roster-like rows (deterministic), written once and cached. */
function xlsxFile(rows: number): string {
  const dir = join(outDir, "data", `xlsx-${rows}`);
  const file = join(dir, "roster.xlsx");
  const key = JSON.stringify({ seed, rows, v: 1 });
  if (existsSync(file) && readFileSync(join(dir, ".bench-key"), "utf8") === key) return file;
  mkdirSync(dir, { recursive: true });
  log(`generating ${rows}-row XLSX → ${file}`);
  const rng = new Random(seed);
  const header = ["乡镇", "村(社区)", "姓名", "性别", "民族", "出生年月", "身份证号码", "政治面貌"];
  const all: Cell[][] = [["村两委成员花名册"], header];
  const given = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂";
  for (let i = 0; i < rows; i++) {
    const name = `${"王李张刘陈杨黄赵"[rng.int(0, 7)]}${given[rng.int(0, given.length - 1)]}${given[rng.int(0, given.length - 1)]}`;
    all.push([
      `第${rng.int(1, 40)}镇`,
      `第${rng.int(1, 30)}村`,
      name,
      rng.chance(0.3) ? "女" : "男",
      "汉族",
      new ExcelDate(20_000 + rng.int(0, 10_000)),
      `15012319${rng.int(60, 99)}0101${String(rng.int(1000, 9999))}`,
      rng.chance(0.7) ? "中共党员" : "群众",
    ]);
  }
  writeFileSync(file, workbook([{ name: "花名册", rows: all, merges: ["A1:H1"] }]));
  writeFileSync(join(dir, ".bench-key"), key);
  return file;
}

let xlsx: Record<string, unknown> | null = null;
if (xlsxRows > 0) {
  const file = xlsxFile(xlsxRows);
  log(`XLSX reader: ${xlsxRows} rows…`);
  const r = child(["xlsx", file]);
  xlsx = {
    size: `xlsx-${xlsxRows}`,
    rows: r.rows,
    seconds: round(r.seconds),
    rows_per_second: Math.round(r.rows / r.seconds),
    peak_rss_mib: mib(r.peak_rss_mib),
    commit,
    ...machine,
  };
  appendFileSync(join(outDir, "results.jsonl"), `${JSON.stringify(xlsx)}\n`);
  console.log(JSON.stringify(xlsx));
}

/**
 * What a built page loads, in bytes, read from its HTML: the page itself, the modules it preloads, its
 * stylesheets and every data file it registers (our pages fetch each file they name).
 */
function pageWeight(dist: string, page: string): number {
  const file = join(dist, `${page}.html`);
  const html = readFileSync(file, "utf8");
  const refs = new Set<string>();
  for (const m of html.matchAll(/<link rel="(?:modulepreload|stylesheet)" href="([^"]+)"/g))
    refs.add(m[1] as string);
  for (const m of html.matchAll(/"path":"([^"]+)"/g)) refs.add(m[1] as string);
  let bytes = statSync(file).size;
  for (const ref of refs) bytes += statSync(resolve(dirname(file), ref)).size;
  return bytes;
}

/** `npm run build` (scripts/build-site.js) end to end on a size's dataset, with a cold loader cache. */
function siteBuild(size: string): Record<string, unknown> {
  const dir = dataset(size);
  const work = join(outDir, "site", size);
  rmSync(work, { recursive: true, force: true });
  // build-site.js keeps loader outputs while this key matches the warehouse: forget it, so loaders run.
  rmSync(join(ROOT, "reports", ".observablehq", "cache", ".huanjie-data-key"), { force: true });
  log(`${size}: npm run build (warehouse and site)…`);
  const started = performance.now();
  const run = spawnSync(process.execPath, [join(ROOT, "scripts", "build-site.js")], {
    cwd: ROOT,
    env: {
      ...process.env,
      HUANJIE_DATASET: dir,
      HUANJIE_WAREHOUSE: join(work, "warehouse"),
      HUANJIE_SITE_DIST: join(work, "dist"),
    },
    encoding: "utf8",
    maxBuffer: 256 << 20,
  });
  const seconds = (performance.now() - started) / 1000;
  if (run.status !== 0)
    throw new Error(`site build failed (${run.status ?? run.signal}):\n${run.stderr.slice(-3000)}`);
  const stages = JSON.parse(/^build-site: stages (.*)$/m.exec(run.stdout)?.[1] ?? "{}") as Record<
    string,
    number
  >;
  const dist = join(work, "dist");
  const [township] = JSON.parse(readFileSync(join(dist, "_data", "townships.json"), "utf8")) as {
    slug: string;
  }[];
  const folder = join(dist, "_data", "townships", township?.slug ?? "");
  const townshipFiles = (names: string[]) =>
    ["township.json", ...names.map((n) => `${n}.arrow`)].reduce(
      (n, f) => n + statSync(join(folder, f)).size,
      0,
    );
  const pages = readdirSync(dist, { recursive: true }).filter((n) => String(n).endsWith(".html")).length;
  const units = SIZES[size] as { townships: number; units: number };
  const result = {
    size: `site-${size}`,
    units: units.townships * units.units,
    townships: units.townships,
    seconds: round(seconds),
    stages,
    pages,
    // Every top-level page (index as "overview"), and the first township's township and unit page.
    bytes: {
      ...Object.fromEntries(
        readdirSync(dist)
          .filter((n) => n.endsWith(".html") && n !== "404.html")
          .sort()
          .map((n) => n.replace(/\.html$/, ""))
          .map((n) => [n === "index" ? "overview" : n, pageWeight(dist, n)]),
      ),
      // The township and unit pages with the first township's files they fetch (loaders/jurisdictions.ts).
      township: pageWeight(dist, "township") + townshipFiles(["units", "members", "structure", "targets"]),
      unit:
        pageWeight(dist, "unit") +
        townshipFiles(["units", "members", "previous", "checks", "failures", "elections"]),
    },
    commit,
    ...machine,
  };
  appendFileSync(join(outDir, "results.jsonl"), `${JSON.stringify(result)}\n`);
  console.log(JSON.stringify(result));
  return result;
}

const site = siteSize ? siteBuild(siteSize) : null;

// The table.
const pad = (s: unknown, n: number) => String(s ?? "–").padStart(n);
const cols: [string, number][] = [
  ["size", 9],
  ["rows", 10],
  ["build s", 8],
  ["base s", 7],
  ["ratio", 6],
  ["rows/s", 8],
  ["peak MiB", 9],
  ["JS heap", 8],
  ["read", 6],
  ["norm", 6],
  ["load", 6],
  ["metrics", 8],
  ["write", 6],
];
const lines = [cols.map(([h, n]) => pad(h, n)).join(" ")];
for (const r of results) {
  const s = r.stages as Record<string, number>;
  lines.push(
    [
      r.size,
      r.rows,
      r.seconds,
      r.baseline_seconds,
      r.ratio,
      r.rows_per_second,
      r.peak_rss_mib,
      r.peak_heap_mib,
      s.read,
      s.normalise,
      s.load,
      s.metrics,
      s.write_parquet,
    ]
      .map((v, i) => pad(v, (cols[i] as [string, number])[1]))
      .join(" "),
  );
}
if (xlsx)
  lines.push(
    `XLSX reader: ${xlsx.rows} rows in ${xlsx.seconds} s = ${xlsx.rows_per_second} rows/s, peak ${xlsx.peak_rss_mib} MiB`,
  );
if (site) {
  const kib = (n: number) => `${Math.round(n / 1024)} KiB`;
  const b = site.bytes as Record<string, number>;
  lines.push(
    `site (${site.units} units, ${site.pages} pages): npm run build ${site.seconds} s ${JSON.stringify(site.stages)}; ` +
      `page loads ${Object.entries(b)
        .map(([page, n]) => `${page} ${kib(n)}`)
        .join(", ")}`,
  );
}
console.log(`\n${lines.join("\n")}`);
