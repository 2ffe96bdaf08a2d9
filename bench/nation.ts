/**
 * A national-shaped warehouse through the product's own path, as cheaply as it can be made, and
 * the time of each `huanjie combine` on the way:
 *
 *   1. counties: `--built` synthetic counties (tools/sample/synthetic.ts) built with `huanjie build`,
 *      the rest of one province's counties replicas of them (bench/warehouses.ts);
 *   2. cities: `huanjie combine --level city` of each city's counties;
 *   3. a province: `huanjie combine --level province` of its cities;
 *   4. provinces 2…P: replicas of that province, each with its own name, unit codes (the first two
 *      digits), county, city and township names and person keys;
 *   5. the nation: `huanjie combine --level nation` of the P provinces.
 *
 * Defaults: 30 provinces × 12 cities × 8 counties × 14 townships × 15 units = 604,800 units,
 * 40,320 townships, 2,880 counties, 360 cities (the real nation: ≈ 600,000 units, 38,000
 * townships, 2,800 counties). Every warehouse is kept under `--out`/nation/ (counties, cities,
 * the province, the replicas, the nation) and reused by the next run when the sources and sizes
 * are the same (a `.key` file beside each), so a failed step runs again alone.
 *
 *   npx tsx bench/nation.ts                          # the nation
 *   npx tsx bench/nation.ts --provinces 2            # a smaller check of the path
 *   npx tsx bench/nation.ts --until province         # stop after the province
 *   HUANJIE_MEMORY_LIMIT=6GB npx tsx bench/nation.ts # DuckDB's memory limit of the combines (default 2GB)
 *
 * Each combine runs in a child process of its own (`combine` mode below) under /usr/bin/time -v:
 * wall and CPU seconds (user + system, DuckDB's threads included) per stage, per metric SQL file,
 * and peak resident memory. Prints one JSON line and appends it to `bench/out/results.jsonl`.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { appendFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, totalmem } from "node:os";
import { dirname, join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { build } from "../src/cli/build.ts";
import { COMBINE_LEVELS, type CombineLevel, combine } from "../src/cli/combine.ts";
import { writeSynthetic } from "../tools/sample/synthetic.ts";
import { measureChild, replicate, sourceVersion } from "./warehouses.ts";

const ROOT = resolve(import.meta.dirname, "..");
const SCRIPT = join(ROOT, "bench", "nation.ts");
/** The benchmarks' fixed demo key (bench/child.ts). */
const BENCH_KEY = "huanjie-bench-key-not-secret-0001";
const clock = () => performance.now();
const cpuSeconds = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};
const r2 = (n: number) => Math.round(n * 100) / 100;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    provinces: { type: "string", default: "30" },
    cities: { type: "string", default: "12" },
    counties: { type: "string", default: "8" },
    built: { type: "string", default: "8" },
    townships: { type: "string", default: "14" },
    units: { type: "string", default: "15" },
    seed: { type: "string", default: "20210116" },
    until: { type: "string", default: "nation" },
    out: { type: "string", default: join(ROOT, "bench", "out") },
    help: { type: "boolean", short: "h" },
  },
});

/**
 * Child mode: `combine LEVEL NAME OUT INPUT...`. Prints one JSON line: wall seconds, per stage wall
 * and CPU seconds and the peak resident memory so far, per metric SQL file wall and CPU seconds.
 */
async function child(level: CombineLevel, name: string, out: string, inputs: string[]): Promise<void> {
  const started = clock();
  mkdirSync(dirname(out), { recursive: true });
  rmSync(`${out}.log`, { force: true });
  const stages: Record<string, { seconds: number; cpu_seconds: number; rows: number; max_rss_mib: number }> =
    {};
  const sql: { file: string; seconds: number; cpu_seconds: number }[] = [];
  let cpuMark = cpuSeconds();
  let stageCpu = cpuMark;
  const result = await combine({
    inputs,
    cwd: ROOT,
    outDir: out,
    name,
    level,
    env: { TZ: "UTC" },
    // As `huanjie combine` reads it: DuckDB's memory limit (default 2GB).
    memoryLimit: process.env.HUANJIE_MEMORY_LIMIT || undefined,
    clock,
    onStage: (stage, ms, rows) => {
      const now = cpuSeconds();
      stages[stage] = {
        seconds: r2(ms / 1000),
        cpu_seconds: r2(now - stageCpu),
        rows,
        max_rss_mib: Math.round(process.resourceUsage().maxRSS / 1024),
      };
      stageCpu = now;
      cpuMark = now;
      appendFileSync(
        `${out}.log`,
        `${new Date().toISOString().slice(11, 19)} ${JSON.stringify({ stage, ...stages[stage] })}\n`,
      );
    },
    progress: (line) => {
      const now = cpuSeconds();
      const m = /^metrics (\S+) (\d+) ms$/.exec(line);
      if (m)
        sql.push({ file: m[1] as string, seconds: r2(Number(m[2]) / 1000), cpu_seconds: r2(now - cpuMark) });
      cpuMark = now;
      appendFileSync(`${out}.log`, `${new Date().toISOString().slice(11, 19)} ${line}\n`);
    },
    notice: (m) => process.stderr.write(`注意:${m}\n`),
  });
  const rows = result.tables.filter((t) => !t.path.startsWith("metrics/")).reduce((n, t) => n + t.rows, 0);
  process.stdout.write(`${JSON.stringify({ seconds: r2((clock() - started) / 1000), rows, stages, sql })}\n`);
}

if (positionals[0] === "combine") {
  const [, level, name, out, ...inputs] = positionals;
  if (!(COMBINE_LEVELS as readonly string[]).includes(level as string)) throw new Error(`level ${level}`);
  await child(level as CombineLevel, name as string, out as string, inputs);
  process.exit(0);
}
if (values.help) {
  console.log(
    "usage: npx tsx bench/nation.ts [--provinces 30] [--cities 12] [--counties 8 (per city)] [--built 8]\n" +
      "         [--townships 14] [--units 15] [--seed N] [--until counties|cities|province|nation] [--out DIR]",
  );
  process.exit(0);
}

const P = Number(values.provinces);
const C = Number(values.cities);
const K = Number(values.counties);
const townships = Number(values.townships);
const units = Number(values.units);
const built = Math.min(C * K, Number(values.built));
const seed = Number(values.seed);
const UNTIL = ["counties", "cities", "province", "nation"];
const until = UNTIL.indexOf(values.until as string);
if (until < 0 || P < 1 || P > 89 || C < 1 || C > 99 || K < 1 || K > 99) throw new Error("bad sizes");
const work = join(resolve(values.out), "nation");
const log = (m: string) => process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${m}\n`);
const version = sourceVersion();
const pad = (n: number) => String(n).padStart(2, "0");

/** Names and codes: province p, city c, county k (1-based). Province 1's names are the replicas' pattern. */
const provinceName = (p: number) => `合成${pad(p)}省`;
const cityName = (c: number) => `合成01-${pad(c)}市`;
const countyName = (c: number, k: number) => `合成01-${pad(c)}${pad(k)}县`;
const countyCode = (c: number, k: number) => 110000 + c * 100 + k;

/** Whether `dir` was made by this version with these sizes (else it is removed and `key` returned). */
function cached(dir: string, what: unknown): string | null {
  const key = JSON.stringify({ version, seed, townships, units, what });
  const file = `${dir}.key`;
  if (existsSync(file) && existsSync(join(dir, "manifest.json")) && readFileSync(file, "utf8") === key)
    return null;
  rmSync(dir, { recursive: true, force: true });
  rmSync(file, { force: true });
  return key;
}

const timings: Record<string, unknown> = {};

/** Counties of province 1, city by city: the first `built` built, the rest replicas of them. */
async function counties(): Promise<string[][]> {
  const started = clock();
  const cpu = cpuSeconds();
  const all: string[] = [];
  const byCity: string[][] = [];
  for (let c = 1; c <= C; c++) {
    const city: string[] = [];
    for (let k = 1; k <= K; k++) {
      const g = all.length;
      const name = countyName(c, k);
      const dir = join(work, "counties", name);
      const source = g < built ? null : (all[g % built] as string);
      const key = cached(dir, { name, source: source ? g % built : null });
      if (key) {
        if (source) await replicate(source, dir, { name, codePrefix: String(countyCode(c, k)) });
        else {
          const dataset = join(work, "data", name);
          rmSync(dataset, { recursive: true, force: true });
          writeSynthetic({
            seed: seed + g,
            townships,
            unitsPerTownship: units,
            outDir: dataset,
            name,
            countyCode: countyCode(c, k),
          });
          await build({ datasetDir: dataset, outDir: dir, env: { HUANJIE_KEY: BENCH_KEY } });
          rmSync(dataset, { recursive: true, force: true });
        }
        writeFileSync(`${dir}.key`, key);
      }
      all.push(dir);
      city.push(dir);
    }
    byCity.push(city);
  }
  timings.counties = { seconds: r2((clock() - started) / 1000), cpu_seconds: r2(cpuSeconds() - cpu) };
  log(`${all.length} counties (${built} built): ${JSON.stringify(timings.counties)}`);
  return byCity;
}

/** `huanjie combine` in a child process (cached): its measurement, or null when cached. */
function combineMeasured(
  level: CombineLevel,
  name: string,
  dir: string,
  inputs: string[],
): Record<string, unknown> | null {
  const key = cached(dir, { level, name, inputs: inputs.map((d) => d.slice(work.length)) });
  if (!key) return null;
  const result = measureChild(SCRIPT, ["combine", level, name, dir, ...inputs]);
  writeFileSync(`${dir}.key`, key);
  return result;
}

/** The sum of the measurements of several children: seconds and CPU added, peak the largest. */
function total(results: (Record<string, unknown> | null)[]): Record<string, unknown> | null {
  const ran = results.filter((r): r is Record<string, unknown> => r !== null);
  if (!ran.length) return null;
  const sum = (k: string) => r2(ran.reduce((n, r) => n + Number(r[k] ?? 0), 0));
  return {
    runs: ran.length,
    seconds: sum("seconds"),
    cpu_seconds: sum("cpu_seconds"),
    peak_rss_mib: Math.max(...ran.map((r) => Number(r.peak_rss_mib ?? 0))),
    rows: sum("rows"),
  };
}

/** A measurement without its per-file lines, for the log. */
const brief = (r: unknown) => JSON.stringify(r && { ...(r as object), sql: undefined });

mkdirSync(work, { recursive: true });
log(
  `nation: ${P} provinces × ${C} cities × ${K} counties × ${townships} townships × ${units} units = ${(P * C * K * townships * units).toLocaleString("en-US")} units, in ${work}`,
);
const countyDirs = await counties();
const cityDirs: string[] = [];
if (until >= 1) {
  const runs = countyDirs.map((inputs, i) => {
    const dir = join(work, "cities", cityName(i + 1));
    cityDirs.push(dir);
    const r = combineMeasured("city", cityName(i + 1), dir, inputs);
    log(
      `city ${i + 1}/${C}${r ? `: ${r.seconds} s, ${r.cpu_seconds} CPU s, ${r.peak_rss_mib} MiB` : " (cached)"}`,
    );
    return r;
  });
  timings.cities = total(runs);
}
const provinceDirs: string[] = [];
if (until >= 2) {
  const dir = join(work, "provinces", provinceName(1));
  provinceDirs.push(dir);
  timings.province = combineMeasured("province", provinceName(1), dir, cityDirs);
  log(`province: ${brief(timings.province)}`);
}
let nationDir: string | null = null;
if (until >= 3) {
  const started = clock();
  const cpu = cpuSeconds();
  for (let p = 2; p <= P; p++) {
    const name = provinceName(p);
    const dir = join(work, "provinces", name);
    provinceDirs.push(dir);
    const from = readFileSync(join(provinceDirs[0] as string, "manifest.json"), "utf8");
    const key = cached(dir, { name, from: createHash("sha256").update(from).digest("hex") });
    if (!key) continue;
    await replicate(provinceDirs[0] as string, dir, {
      name,
      codePrefix: String(10 + p),
      rename: { from: "合成01-", to: `合成${pad(p)}-` },
    });
    writeFileSync(`${dir}.key`, key);
  }
  timings.province_replicas = {
    seconds: r2((clock() - started) / 1000),
    cpu_seconds: r2(cpuSeconds() - cpu),
  };
  log(`${P - 1} province replicas: ${JSON.stringify(timings.province_replicas)}`);
  nationDir = join(work, "nation");
  log("nation combine…");
  timings.nation = combineMeasured("nation", "合成全国", nationDir, provinceDirs);
  log(`nation: ${brief(timings.nation)}`);
}
const git = spawnSync("git", ["rev-parse", "--short", "HEAD"], { cwd: ROOT, encoding: "utf8" });
const result = {
  size: "nation",
  provinces: P,
  cities: P * C,
  counties: P * C * K,
  built,
  townships: P * C * K * townships,
  units: P * C * K * townships * units,
  ...timings,
  warehouse: nationDir ?? provinceDirs[0] ?? null,
  load: loadavg().map((x) => Math.round(x * 10) / 10),
  commit: git.status === 0 ? git.stdout.trim() : null,
  cores: cpus().length,
  memory_gib: Math.round((totalmem() / 2 ** 30) * 10) / 10,
  node: process.version,
};
appendFileSync(join(resolve(values.out), "results.jsonl"), `${JSON.stringify(result)}\n`);
console.log(JSON.stringify(result));
