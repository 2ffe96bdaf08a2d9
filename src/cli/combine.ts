/**
 * `huanjie combine`: the warehouse of a higher level (city, province, nation)
 * from warehouses that `huanjie build` or `huanjie combine` wrote, without raw
 * exports and without ID numbers (docs/levels.md). Steps: check every input
 * (manifest.json, each table's sha256, levels, key_id); take the output's
 * lock; concatenate the inputs' member-level tables into DuckDB, a county's
 * townships and derived unit ids prefixed with its name; check that no unit
 * is in two inputs, that terms and targets agree; compute every metric again
 * with the same SQL as the build; write into a staging folder and swap it in.
 * Inputs are taken in the order of their dataset names and every table is
 * written sorted, so the order on the command line changes no byte.
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { InputError } from "../error.ts";
import { sha256File } from "../ingest/ingest.ts";
import { parseTargets } from "../ingest/targets.ts";
import { computeMetrics } from "../metrics/metrics.ts";
import type { AnyTableDef } from "../warehouse/column.ts";
import { type DuckDBConnection, literal, loadRows, queryRows, withDatabase } from "../warehouse/duckdb.ts";
import { commitOutput, fillStaging, lockOutput } from "../warehouse/output.ts";
import * as W from "../warehouse/tables.ts";
import {
  type BuildOptions,
  buildTime,
  DEFAULT_MEMORY_LIMIT,
  type RunResult,
  stage,
  VERSION,
} from "./build.ts";
import { pauseAt } from "./pause.ts";
import { countRows, openOutputDatabase, writeWarehouseTables } from "./warehouse-write.ts";

/** The levels `huanjie combine` writes (a county is always built from its exports). */
export const COMBINE_LEVELS = ["city", "province", "nation"] as const;
export type CombineLevel = (typeof COMBINE_LEVELS)[number];

export interface CombineOptions
  extends Pick<BuildOptions, "env" | "memoryLimit" | "notice" | "progress" | "clock" | "onStage" | "onFile"> {
  /** The input warehouse folders as given on the command line (messages name them so). */
  readonly inputs: readonly string[];
  /** Folder the inputs and `targets` are relative to. */
  readonly cwd: string;
  readonly outDir: string;
  /** The output's dataset name: the scope_id of its own level. */
  readonly name: string;
  readonly level: CombineLevel;
  /** A targets.yaml applied to every unit instead of the inputs' (which must then agree). */
  readonly targets?: string | null;
  /** `YYYY-MM-DD`: cuts the progress series (default: see {@link combinedAsOf}). */
  readonly asOf?: string | null;
}

/** An input warehouse as its manifest describes it, checked. */
export interface CombineInput {
  /** As given on the command line. */
  readonly label: string;
  readonly dir: string;
  readonly dataset: string;
  readonly level: W.Level;
  readonly keyId: string;
  readonly asOf: string | null;
  /** sha256 of its manifest.json. */
  readonly manifestSha256: string;
  /** Rows of the tables at the top of the warehouse (what combine reads). */
  readonly rows: number;
  /** Its manifest's `files` (the raw exports' ledger), `rejects_by_rule`, `warnings_by_rule`. */
  readonly files: readonly Record<string, unknown>[];
  /** Whether its rejects and warnings carry `source_dataset` (it was itself combined). */
  readonly findingsHaveSource: boolean;
}

export interface CombineResult extends RunResult {
  readonly level: CombineLevel;
  readonly written: true;
  readonly inputs: readonly CombineInput[];
}

/** The tables at the top of a warehouse at `level` that combine reads (all but unit_levels of a county). */
function inputTables(level: W.Level): readonly AnyTableDef[] {
  return [...W.ingestTablesFor(level), ...W.WRITTEN_RUNTIME_TABLES];
}

/** The tables at the top of the combined warehouse, in manifest order. */
function outputTables(level: CombineLevel): readonly AnyTableDef[] {
  const findings = new Map<AnyTableDef, AnyTableDef>([
    [W.rejects, W.combinedRejects],
    [W.warnings, W.combinedWarnings],
  ]);
  return inputTables(level).map((def) => findings.get(def) ?? def);
}

/** A path manifest.json may list: a table or JSON file at the top or under `metrics/`, nothing else. */
const TABLE_PATH = /^(metrics\/)?[a-z0-9_]+\.(parquet|json)$/;

const levelIndex = (level: string) => (W.LEVELS as readonly string[]).indexOf(level);

function manifestOf(label: string, dir: string): { manifest: Record<string, unknown>; sha256: string } {
  const path = join(dir, "manifest.json");
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new InputError(label, "不是文件夹");
  if (!existsSync(path)) throw new InputError(label, "不是 huanjie 数据仓库:没有 manifest.json");
  const bytes = readFileSync(path);
  let manifest: unknown;
  try {
    manifest = JSON.parse(bytes.toString("utf8"));
  } catch {
    throw new InputError(label, "manifest.json 不是有效的 JSON");
  }
  if (!manifest || typeof manifest !== "object" || Array.isArray(manifest))
    throw new InputError(label, "manifest.json 不是 huanjie 数据仓库的清单");
  return {
    manifest: manifest as Record<string, unknown>,
    sha256: createHash("sha256").update(bytes).digest("hex"),
  };
}

/** The columns of a Parquet file, from its metadata. */
async function parquetColumns(conn: DuckDBConnection, path: string): Promise<Set<string>> {
  const rows = await queryRows<{ name: string }>(
    conn,
    `SELECT name FROM parquet_schema(${literal(path)}) WHERE name <> 'duckdb_schema'`,
  );
  return new Set(rows.map((r) => r.name));
}

/**
 * Check one input: a manifest.json naming a dataset, its level, key_id and tables; every table it
 * lists present with the sha256 it states; the tables combine reads listed, with their columns.
 * @throws InputError naming the input (as given) and what is wrong.
 */
export async function readInput(conn: DuckDBConnection, label: string, dir: string): Promise<CombineInput> {
  const { manifest, sha256 } = manifestOf(label, dir);
  const text = (key: string) => (typeof manifest[key] === "string" ? (manifest[key] as string) : null);
  const dataset = text("dataset");
  const level = text("level");
  const keyId = text("key_id");
  if (!dataset) throw new InputError(label, "manifest.json 没有数据集名称 dataset");
  if (!level || levelIndex(level) < 0)
    throw new InputError(label, "manifest.json 没有级别 level(旧版本写出的数据仓库:请用当前版本重新构建)");
  if (!keyId) throw new InputError(label, "manifest.json 没有人员标识密钥编号 key_id");
  const options = manifest.options as { as_of?: unknown } | undefined;
  const asOf = typeof options?.as_of === "string" ? options.as_of : null;
  const listed = Array.isArray(manifest.tables) ? (manifest.tables as Record<string, unknown>[]) : [];
  const byPath = new Map<string, Record<string, unknown>>();
  for (const t of listed) {
    const path = t?.path;
    if (typeof path !== "string" || !TABLE_PATH.test(path) || typeof t.sha256 !== "string")
      throw new InputError(label, `manifest.json 的 tables 中有无效的条目 ${JSON.stringify(path ?? null)}`);
    byPath.set(path, t);
  }
  const needed = inputTables(level as W.Level);
  for (const def of needed) {
    if (!byPath.has(`${def.name}.parquet`))
      throw new InputError(
        label,
        `缺少表 ${def.name}.parquet(manifest.json 未列出;旧版本写出的数据仓库请用当前版本重新构建)`,
      );
  }
  for (const [path, t] of [...byPath].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const file = join(dir, path);
    if (!existsSync(file) || !statSync(file).isFile()) throw new InputError(label, `缺少表 ${path}`);
    if ((await sha256File(file)) !== t.sha256)
      throw new InputError(label, `表 ${path} 的 sha256 与 manifest.json 不符(文件在写出后被改动过)`);
  }
  let rows = 0;
  let findingsHaveSource = false;
  for (const def of needed) {
    const columns = await parquetColumns(conn, join(dir, `${def.name}.parquet`));
    const missing = def.columnNames.filter((c) => !columns.has(c));
    if (missing.length) throw new InputError(label, `表 ${def.name}.parquet 缺少列 ${missing.join("、")}`);
    if (def === W.rejects) findingsHaveSource = columns.has("source_dataset");
    rows += Number(byPath.get(`${def.name}.parquet`)?.rows ?? 0);
  }
  const files = Array.isArray(manifest.files) ? (manifest.files as Record<string, unknown>[]) : [];
  return {
    label,
    dir,
    dataset,
    level: level as W.Level,
    keyId,
    asOf,
    manifestSha256: sha256,
    rows,
    files,
    findingsHaveSource,
  };
}

const named = (input: CombineInput) => `${input.dataset}(${input.label})`;

/**
 * The checks between inputs that their manifests answer: distinct dataset names, every level below
 * the output's, one key (the one most inputs have). `inputs` are sorted by dataset name.
 * @throws InputError naming the input(s).
 */
export function checkInputs(inputs: readonly CombineInput[], level: CombineLevel): void {
  for (let i = 1; i < inputs.length; i++) {
    const [a, b] = [inputs[i - 1] as CombineInput, inputs[i] as CombineInput];
    if (a.dataset === b.dataset)
      throw new InputError(
        null,
        `输入 ${a.label} 和 ${b.label} 的数据集名称都是 ${a.dataset}:每个输入须是不同的辖区`,
      );
  }
  for (const input of inputs) {
    if (levelIndex(input.level) <= levelIndex(level))
      throw new InputError(
        input.label,
        `数据仓库 ${input.dataset} 的级别是 ${input.level},不低于 --level ${level}:只能合并下级的数据仓库`,
      );
  }
  // The key most inputs share (of equally many, the first input's): the input named is one that differs.
  const shared = (key: string) => inputs.filter((x) => x.keyId === key).length;
  const first = inputs.reduce((best, x) => (shared(x.keyId) > shared(best.keyId) ? x : best));
  const other = inputs.find((x) => x.keyId !== first.keyId);
  if (other)
    throw new InputError(
      other.label,
      `数据仓库 ${other.dataset} 的人员标识密钥编号 key_id 为 ${other.keyId},与 ${named(first)} 的 ${first.keyId} 不同:不同密钥生成的 person_key 不能关联,请用同一密钥重新构建`,
    );
}

/**
 * The as-of day of the combined progress series: `--as-of` when given; else the inputs' own when
 * they all have the same (also none); else none (the series runs to the latest date in the data),
 * with a notice naming the inputs' days.
 */
export function combinedAsOf(
  inputs: readonly CombineInput[],
  given: string | null | undefined,
  notice?: (message: string) => void,
): string | null {
  if (given) return given;
  const days = [...new Set(inputs.map((x) => x.asOf))];
  if (days.length === 1) return days[0] ?? null;
  notice?.(
    `各输入的截止日期不同(${inputs.map((x) => `${x.dataset} ${x.asOf ?? "无"}`).join(",")}),合并后的进度统计到数据中的最后日期;可用 --as-of 指定`,
  );
  return null;
}

/** One Parquet file per input (in the inputs' order) as a DuckDB list literal. */
function fileList(inputs: readonly CombineInput[], file: string): string {
  return `[${inputs.map((x) => literal(join(x.dir, file))).join(", ")}]`;
}

/** `FROM` the table `name` of every input in `inputs` as `t`, each row with its input as `i`. */
function fromInputs(inputs: readonly CombineInput[], name: string): string {
  return `FROM read_parquet(${fileList(inputs, `${name}.parquet`)}, filename = true, union_by_name = true) AS t
    JOIN combine_inputs AS i ON i.file = t.filename`;
}

/**
 * Unit ids and townships of a county input get its name in front (`县名/乡镇名`,
 * `县名/乡镇名/村名`); a 12-digit unit code stays as it is. Inputs above county level
 * carry them already.
 */
const UNIT_ID = `CASE WHEN i.level = 'county' AND NOT regexp_full_match(t.unit_id, '[0-9]{12}')
    THEN i.dataset || '/' || t.unit_id ELSE t.unit_id END`;
const TOWNSHIP = `CASE WHEN i.level = 'county' THEN i.dataset || '/' || t.township ELSE t.township END`;

function selectMapped(def: AnyTableDef, extra: Readonly<Record<string, string>> = {}): string {
  return def.columnNames
    .map((c) => {
      const expr = extra[c] ?? (c === "unit_id" ? UNIT_ID : c === "township" ? TOWNSHIP : `t."${c}"`);
      return `${expr} AS "${c}"`;
    })
    .join(", ");
}

/** Insert every input's rows of `def` into the table `def` (created), mapped, sorted by its order. */
async function concatenate(
  conn: DuckDBConnection,
  inputs: readonly CombineInput[],
  def: AnyTableDef,
  extra: Readonly<Record<string, string>> = {},
  source: string = def.name,
): Promise<void> {
  if (inputs.length === 0) return;
  const order = def.order.map((c) => `"${c}"`).join(", ");
  await conn.run(
    `INSERT INTO "${def.name}" SELECT * FROM (SELECT ${selectMapped(def, extra)} ${fromInputs(inputs, source)})${order ? ` ORDER BY ${order}` : ""}`,
  );
}

/** The first unit id found in two inputs, with two of them: exit 2 naming both. */
async function checkUnitsUnique(conn: DuckDBConnection, inputs: readonly CombineInput[]): Promise<void> {
  const [dup] = await queryRows<{ unit_id: string; a: string; b: string }>(
    conn,
    `SELECT unit_id, names[1] AS a, names[2] AS b FROM (
       SELECT ${UNIT_ID} AS unit_id, list(DISTINCT i.dataset ORDER BY i.dataset) AS names
       ${fromInputs(inputs, "units")}
       GROUP BY 1 HAVING count(DISTINCT i.dataset) > 1
     ) ORDER BY unit_id LIMIT 1`,
  );
  if (!dup) return;
  const label = (name: string) => named(inputs.find((x) => x.dataset === name) as CombineInput);
  const what = /^[0-9]{12}$/.test(dup.unit_id) ? `区划代码为 ${dup.unit_id} 的村社` : `村社 ${dup.unit_id}`;
  throw new InputError(null, `输入 ${label(dup.a)} 和 ${label(dup.b)} 都有${what}:一个村社只能属于一个输入`);
}

interface TermRow {
  dataset: string;
  term: number;
  reference_date: string;
}

/** Every input must have the same terms (a missing term would change its rows' previous term). */
async function checkTerms(conn: DuckDBConnection, inputs: readonly CombineInput[]): Promise<void> {
  const rows = await queryRows<TermRow>(
    conn,
    `SELECT i.dataset, t.term, t.reference_date ${fromInputs(inputs, "terms")} ORDER BY i.dataset, t.term`,
  );
  const termsOf = (x: CombineInput) => rows.filter((r) => r.dataset === x.dataset).map((r) => r.term);
  const first = inputs[0] as CombineInput;
  const reference = termsOf(first);
  for (const input of inputs.slice(1)) {
    const own = termsOf(input);
    const missing = reference.find((t) => !own.includes(t));
    const extra = own.find((t) => !reference.includes(t));
    if (missing !== undefined || extra !== undefined) {
      const [has, lacks, term] =
        missing !== undefined ? [first, input, missing] : [input, first, extra as number];
      throw new InputError(
        input.label,
        `届次与 ${named(first)} 不同:${named(has)} 有 ${term} 届,${named(lacks)} 没有。合并的数据仓库须有相同的届次`,
      );
    }
  }
}

type RuleRow = W.TargetRuleRow & { dataset: string };

/** The inputs' targets, which must be identical (same ids and rules, same order) without `--targets`. */
async function inputTargets(
  conn: DuckDBConnection,
  inputs: readonly CombineInput[],
): Promise<W.TargetRuleRow[]> {
  const rows = await queryRows<RuleRow>(
    conn,
    `SELECT i.dataset, ${W.targetRules.columnNames.map((c) => `t."${c}"`).join(", ")}
     ${fromInputs(inputs, "target_rules")} ORDER BY i.dataset, t.ordinal`,
  );
  const rulesOf = (x: CombineInput): W.TargetRuleRow[] =>
    rows.filter((r) => r.dataset === x.dataset).map(({ dataset: _, ...rule }) => rule);
  const first = inputs[0] as CombineInput;
  const reference = rulesOf(first);
  for (const input of inputs.slice(1)) {
    const own = rulesOf(input);
    for (let n = 0; n < Math.max(own.length, reference.length); n++) {
      const [a, b] = [reference[n], own[n]];
      let detail: string;
      if (a && b) {
        const column = W.targetRules.columnNames.find((c) => a[c] !== b[c]);
        if (!column) continue;
        detail =
          column === "target_id"
            ? `第 ${n + 1} 个目标:${named(first)} 是 ${a.target_id},${named(input)} 是 ${b.target_id}`
            : `目标 ${a.target_id} 的 ${column}:${named(first)} 为 ${show(a[column])},${named(input)} 为 ${show(b[column])}`;
      } else {
        const [has, lacks] = a ? [first, input] : [input, first];
        detail = `第 ${n + 1} 个目标 ${(a ?? b)?.target_id}:${named(has)} 有,${named(lacks)} 没有`;
      }
      throw new InputError(
        input.label,
        `目标与 ${named(first)} 不同(${detail})。各输入的目标须相同,或用 --targets 指定统一的目标文件`,
      );
    }
  }
  return reference;
}

const show = (v: unknown) => (v === null || v === undefined ? "未设定" : String(v));

/** Counts by rule code of a findings table, keys sorted. */
async function countByRule(conn: DuckDBConnection, table: string): Promise<Record<string, number>> {
  const rows = await queryRows<{ rule: string; n: number }>(
    conn,
    `SELECT rule, count(*) AS n FROM "${table}" GROUP BY rule ORDER BY rule`,
  );
  return Object.fromEntries(rows.map((r) => [r.rule, Number(r.n)]));
}

/**
 * Run `huanjie combine`. Throws InputError (exit 2) for an input that is not a warehouse or
 * does not fit the others, LockError (exit 3) when another run holds the output folder.
 */
export async function combine(options: CombineOptions): Promise<CombineResult> {
  if (options.inputs.length === 0) throw new InputError(null, "缺少输入的数据仓库");
  // Inputs are checked in a small database of their own, before the output's lock is taken.
  const inputs = await stage(
    options,
    "ingest",
    () =>
      withDatabase({ threads: 1 }, async (conn) => {
        const out: CombineInput[] = [];
        for (const label of options.inputs) {
          const started = options.clock?.() ?? 0;
          const input = await readInput(conn, label, resolve(options.cwd, label));
          out.push(input);
          if (options.clock)
            options.onFile?.({ path: input.dataset, read: input.rows }, options.clock() - started);
        }
        return out.sort((a, b) => (a.dataset < b.dataset ? -1 : a.dataset > b.dataset ? 1 : 0));
      }),
    (read) => read.reduce((n, x) => n + x.rows, 0),
  );
  checkInputs(inputs, options.level);
  const targets = options.targets
    ? readTargets(options.targets, resolve(options.cwd, options.targets))
    : null;
  const asOf = combinedAsOf(inputs, options.asOf, options.notice);
  const release = lockOutput(options.outDir);
  try {
    pauseAt(options.env, "lock");
    return await combineLocked(options, inputs, targets, asOf);
  } finally {
    release();
  }
}

function readTargets(
  label: string,
  file: string,
): { rules: ReturnType<typeof parseTargets>; sha256: string } {
  if (!existsSync(file) || !statSync(file).isFile()) throw new InputError(label, "目标文件不存在");
  const bytes = readFileSync(file);
  return {
    rules: parseTargets(bytes.toString("utf8"), basename(file)),
    sha256: createHash("sha256").update(bytes).digest("hex"),
  };
}

async function combineLocked(
  options: CombineOptions,
  inputs: readonly CombineInput[],
  targets: ReturnType<typeof readTargets> | null,
  asOf: string | null,
): Promise<CombineResult> {
  const { conn, close } = await openOutputDatabase(
    options.outDir,
    options.memoryLimit ?? DEFAULT_MEMORY_LIMIT,
  );
  try {
    await conn.run("CREATE TABLE combine_inputs (file VARCHAR, dataset VARCHAR, level VARCHAR)");
    for (const input of inputs)
      for (const def of inputTables(input.level))
        await conn.run("INSERT INTO combine_inputs VALUES ($1, $2, $3)", [
          join(input.dir, `${def.name}.parquet`),
          input.dataset,
          input.level,
        ]);
    await checkUnitsUnique(conn, inputs);
    await checkTerms(conn, inputs);
    const targetRows = targets ? null : await inputTargets(conn, inputs);

    const top = outputTables(options.level);
    await stage(
      options,
      "load",
      async () => {
        for (const def of top) await conn.run(def.ddl());
        await load(conn, inputs);
        await loadRows(conn, W.params, [{ dataset: options.name, as_of: asOf, level: options.level }]);
      },
      () => countRows(conn, top),
    );
    pauseAt(options.env, "metrics");
    options.progress?.("计算指标…");
    await stage(
      options,
      "metrics",
      () =>
        computeMetrics(conn, {
          targets: targets?.rules ?? [],
          ...(targetRows ? { targetRows } : {}),
          log: (line) => options.progress?.(line),
        }),
      () => countRows(conn, W.INGEST_TABLES),
    );
    return await stage(
      options,
      "write",
      () => writeCombined(conn, options, inputs, targets, asOf),
      (result) => result.tables.reduce((n, t) => n + t.rows, 0),
    );
  } finally {
    close();
  }
}

/** Concatenate the inputs' tables into the output's (created), prefixed per county input. */
async function load(conn: DuckDBConnection, inputs: readonly CombineInput[]): Promise<void> {
  for (const def of [W.units, W.members, W.elections, W.ballots, W.candidates])
    await concatenate(conn, inputs, def);
  // unit_levels: a county input's units belong to it; a higher input's keep the names below it
  // and get the input's name at its own level.
  const counties = inputs.filter((x) => x.level === "county");
  const higher = inputs.filter((x) => x.level !== "county");
  const own = (level: string) => `CASE WHEN i.level = '${level}' THEN i.dataset ELSE t."${level}" END`;
  await concatenate(
    conn,
    counties,
    W.unitLevels,
    { county: "i.dataset", city: "NULL", province: "NULL" },
    "units",
  );
  await concatenate(conn, higher, W.unitLevels, { city: own("city"), province: own("province") });
  for (const def of [W.combinedRejects, W.combinedWarnings]) {
    const source = inputs.some((x) => x.findingsHaveSource)
      ? "coalesce(t.source_dataset, i.dataset)"
      : "i.dataset";
    await concatenate(conn, inputs, def, { source_dataset: source });
  }
  // Terms are the same in every input (checked); a reference date is the earliest any input gives.
  await conn.run(
    `INSERT INTO terms SELECT t.term, min(t.reference_date) ${fromInputs(inputs, "terms")} GROUP BY t.term ORDER BY t.term`,
  );
}

async function writeCombined(
  conn: DuckDBConnection,
  options: CombineOptions,
  inputs: readonly CombineInput[],
  targets: ReturnType<typeof readTargets> | null,
  asOf: string | null,
): Promise<CombineResult> {
  const { staging, value } = await fillStaging(options.outDir, async (staging) => {
    const tables = await writeWarehouseTables(conn, staging, outputTables(options.level), () =>
      pauseAt(options.env, "staging"),
    );
    const rejectsByRule = await countByRule(conn, "rejects");
    const warningsByRule = await countByRule(conn, "warnings");
    const manifest = {
      dataset: options.name,
      level: options.level,
      tool: { name: "huanjie", version: VERSION },
      options: { as_of: asOf },
      build_time: buildTime(options.env),
      key_id: (inputs[0] as CombineInput).keyId,
      inputs: inputs.map((x) => ({
        dataset: x.dataset,
        level: x.level,
        key_id: x.keyId,
        manifest_sha256: x.manifestSha256,
      })),
      files: inputs.flatMap((x) => x.files.map((f) => ({ source_dataset: x.dataset, ...f }))),
      targets:
        targets && options.targets ? { path: basename(options.targets), sha256: targets.sha256 } : null,
      rejects_by_rule: rejectsByRule,
      warnings_by_rule: warningsByRule,
      tables,
    };
    writeFileSync(join(staging, "manifest.json"), `${JSON.stringify(manifest, null, 2)}\n`);
    return { tables, rejectsByRule, warningsByRule };
  });
  const { tables, rejectsByRule, warningsByRule } = value;
  commitOutput(staging, options.outDir, process.pid, () => pauseAt(options.env, "swap"));
  const total = (counts: Record<string, number>) => Object.values(counts).reduce((n, c) => n + c, 0);
  return {
    dataset: options.name,
    level: options.level,
    written: true,
    inputs,
    rejects: total(rejectsByRule),
    warnings: total(warningsByRule),
    rejectsByRule,
    warningsByRule,
    tables,
  };
}
