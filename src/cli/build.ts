/**
 * `huanjie build`: a dataset folder becomes the warehouse. Steps: read the
 * manifest and key, ingest units, then per term vote tallies, rosters and
 * vetting; resolve rosters; load every table into DuckDB; compute metrics;
 * write Parquet and manifest.json into a staging folder; swap it in.
 * Side effects (files, clock, logging) come in through {@link BuildOptions}.
 */

import { readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { InputError } from "../error.ts";
import { type Dataset, type InputFile, loadDataset } from "../ingest/dataset.ts";
import {
  addElectionDates,
  createElectionDates,
  ELECTION_DATES,
  electionDateRows,
  readElectionDates,
} from "../ingest/election-dates.ts";
import { finding } from "../ingest/finding.ts";
import { type FileLedger, ingestRecords, Ledger, sha256File } from "../ingest/ingest.ts";
import { resolveKey } from "../ingest/key-store.ts";
import { personKey } from "../ingest/person-key.ts";
import { resolveRoster } from "../ingest/roster-resolution.ts";
import { ingestRosterTerm } from "../ingest/roster-term.ts";
import type { FileContext, UnitIndex } from "../ingest/row-rules.ts";
import { type RosterEntry, rosterRows } from "../ingest/rows/roster.ts";
import { unitsRowsFor } from "../ingest/rows/units.ts";
import { parseTargets, type TargetRule } from "../ingest/targets.ts";
import { levelsBelow, UnitIndexBuilder, type UnitPlace, unitIndex } from "../ingest/unit-index.ts";
import { ingestVoting, type ReadFile } from "../ingest/voting.ts";
import { ingestVettingTerm, ingestVotesTerm } from "../ingest/voting-term.ts";
import { computeMetrics } from "../metrics/metrics.ts";
import type { ReadLimits } from "../read/reader.ts";
import { type DuckDBConnection, loadRows, openAppender } from "../warehouse/duckdb.ts";
import { commitOutput, fillStaging, lockOutput } from "../warehouse/output.ts";
import * as W from "../warehouse/tables.ts";
import { pauseAt } from "./pause.ts";
import {
  countRows,
  keyId,
  openOutputDatabase,
  type TableWritten,
  writeWarehouseTables,
} from "./warehouse-write.ts";

export const VERSION: string = JSON.parse(
  readFileSync(new URL("../../package.json", import.meta.url), "utf8"),
).version;

/**
 * Files of one kind of a term (roster, vote tallies or vetting) up to this size (all files
 * together, 8 MiB: about 60,000 rows) are read row by row in memory (`rosterRows` +
 * `resolveRoster`, `ingestVoting`); larger ones as set operations in DuckDB
 * (`ingestRosterTerm`, `ingestVotesTerm`, `ingestVettingTerm`), whose fixed cost (a few dozen
 * SQL statements) only pays off past that. Both give the same rows and findings
 * (test/ingest/roster-term.test.ts, test/ingest/voting-term.test.ts).
 */
export const SMALL_INPUT_BYTES = 8 << 20;

/** DuckDB's memory limit unless `--memory-limit` / HUANJIE_MEMORY_LIMIT says otherwise. */
export const DEFAULT_MEMORY_LIMIT = "2GB";

export interface BuildOptions {
  readonly datasetDir: string;
  readonly outDir: string;
  readonly strict?: boolean;
  /** `YYYY-MM-DD`: cuts the progress series. */
  readonly asOf?: string | null;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly limits?: Partial<ReadLimits>;
  /**
   * DuckDB's memory limit (e.g. `"2GB"`, default {@link DEFAULT_MEMORY_LIMIT}); past it, tables and
   * sorts move to a folder beside OUT_DIR. JavaScript holds at most the rows of one kind of a small
   * term (see {@link SMALL_INPUT_BYTES}); larger ones stay in DuckDB.
   */
  readonly memoryLimit?: string;
  /** One-off notices the user must see (e.g. a key file was created), written to stderr. */
  readonly notice?: (message: string) => void;
  /** Progress lines for a terminal (rows read so far); may be a no-op. */
  readonly progress?: (message: string) => void;
  /**
   * Stage timings (benchmarks, progress lines in logs): with a `clock` (milliseconds, e.g.
   * `performance.now`), `onStage` hears each stage's name, duration and rows as it
   * ends: `ingest` (read and normalise every file, cross-row resolution, rows
   * appended to DuckDB as they are done; rows read), `load` (findings and parameters into
   * DuckDB; rows loaded), `metrics` (the SQL; rows of the ingest tables it runs over),
   * `write` (Parquet and manifest; rows written), and `onFile` each input file's ledger line
   * and the time it took to read. Without a clock nothing is timed; the outputs never depend on it.
   */
  readonly clock?: () => number;
  readonly onStage?: (stage: BuildStage, ms: number, rows: number) => void;
  /** A file read (combine: an input warehouse checked), with its rows read. */
  readonly onFile?: (file: Pick<FileLedger, "path" | "read">, ms: number) => void;
}

export type BuildStage = "ingest" | "load" | "metrics" | "write";

/**
 * Time `run` as `stage` when the options carry a clock and an observer, which hears the rows
 * `rows` counts (after the timing).
 */
export async function stage<T>(
  options: Pick<BuildOptions, "clock" | "onStage">,
  name: BuildStage,
  run: () => Promise<T>,
  rows: (result: T) => number | Promise<number>,
): Promise<T> {
  const { clock, onStage } = options;
  if (!clock || !onStage) return run();
  const started = clock();
  const result = await run();
  const ms = clock() - started;
  onStage(name, ms, await rows(result));
  return result;
}

/** Time the reading of `file` when the options carry a clock and an `onFile` observer. */
async function timedFile<T>(options: BuildOptions, ledger: Ledger, path: string, run: () => Promise<T>) {
  const { clock, onFile } = options;
  if (!clock || !onFile) return run();
  const started = clock();
  const result = await run();
  onFile(ledger.file(path), clock() - started);
  return result;
}

export type { TableWritten };

/** What a run (build or combine) wrote: rejects and warnings with their counts by rule, the tables. */
export interface RunResult {
  readonly dataset: string;
  readonly rejects: number;
  readonly warnings: number;
  readonly warningsByRule: Readonly<Record<string, number>>;
  readonly rejectsByRule: Readonly<Record<string, number>>;
  readonly tables: readonly TableWritten[];
}

export interface BuildResult extends RunResult {
  /** True when the output folder was replaced. */
  readonly written: boolean;
  readonly files: readonly FileLedger[];
}

/** The `unit_levels` row of a unit of a dataset above county level, with the names of the levels in `below`. */
function unitLevelRow(p: UnitPlace, below: readonly string[]): W.UnitLevelRow {
  return {
    unit_id: p.row.unit_id,
    county: below.includes("county") ? p.county : null,
    city: below.includes("city") ? p.city : null,
    province: below.includes("province") ? p.province : null,
  };
}

function countBy(findings: readonly { rule: string }[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const f of [...findings].map((x) => x.rule).sort()) out[f] = (out[f] ?? 0) + 1;
  return out;
}

/**
 * Ingest every file of the dataset: findings go to the ledger, rows to the
 * DuckDB tables as each file (roster: each term) is done, so memory holds at
 * most one term's rows, not the whole dataset.
 */
async function ingest(
  dataset: Dataset,
  options: BuildOptions,
  key: string,
  ledger: Ledger,
  conn: DuckDBConnection,
): Promise<void> {
  const pk = (m: string) => personKey(key, m);
  const ingestOptions = {
    limits: options.limits,
    onProgress: (file: string, rows: number) =>
      options.progress?.(`读取 ${file}:${rows.toLocaleString("zh-CN")} 行`),
  };
  const emptyIndex = unitIndex([]);
  const ctxFor = (file: InputFile, units: UnitIndex, referenceDate: string | null): FileContext => ({
    file: file.path,
    term: file.term,
    body: file.body,
    referenceDate,
    units,
    personKey: pk,
  });

  // Units, streamed into the index: a second row naming the same unit is rejected.
  const index = new UnitIndexBuilder();
  const unitsTable = await openAppender<W.UnitRow>(conn, W.units);
  await conn.run(W.members.ddl());
  const levelsTable = await openAppender<W.UnitLevelRow>(conn, W.unitLevels);
  const below = levelsBelow(dataset.level);
  await timedFile(options, ledger, dataset.units.path, () =>
    ingestRecords(
      dataset.units,
      unitsRowsFor(dataset.level),
      ctxFor(dataset.units, emptyIndex, null),
      ledger,
      ({ row: u, place, at }) => {
        if (index.has(u)) {
          ledger.rejectAccepted(
            finding(
              at,
              null,
              u.unit,
              "duplicate_unit",
              `村社${u.township}${u.unit}(${u.unit_id})在村社名册中重复,保留首行`,
            ),
          );
          return;
        }
        index.add(place);
        unitsTable.append(u);
        if (dataset.level !== "county") levelsTable.append(unitLevelRow(place, below));
      },
      ingestOptions,
    ),
  );
  unitsTable.close();
  levelsTable.close();
  pauseAt(options.env, "ingest");
  const unitById = index.unitById;
  for (const def of [W.elections, W.ballots, W.candidates]) await conn.run(def.ddl());
  /** Files of one kind of a term small enough to go row by row. */
  const small = (files: readonly InputFile[]) =>
    files.reduce((n, f) => n + statSync(f.absPath).size, 0) <= SMALL_INPUT_BYTES;

  for (const term of dataset.terms) {
    const read: ReadFile = (file, rules, sink) =>
      timedFile(options, ledger, file.path, () =>
        ingestRecords(file, rules, ctxFor(file, index, term.referenceDate), ledger, sink, ingestOptions),
      );
    const setOptions = {
      conn,
      secret: key,
      ledger,
      ingest: ingestOptions,
      ctxFor: (file: InputFile) => ctxFor(file, index, term.referenceDate),
      unitById,
      readFile: (file: InputFile, run: () => Promise<void>) => timedFile(options, ledger, file.path, run),
    };
    // Small files of a kind: row by row in memory, without the fixed cost of the SQL; large ones as
    // set operations in DuckDB. Both give the same rows and findings (test/ingest/*-term.test.ts).
    const smallVotes = small(term.votes);
    const smallVetting = small(term.candidates);
    const elections: W.ElectionRow[] = [];
    const ballots: W.BallotRow[] = [];
    const candidates: W.CandidateRow[] = [];
    await createElectionDates(conn);
    const electionDates = await ingestVoting(
      { ...term, votes: smallVotes ? term.votes : [], candidates: smallVetting ? term.candidates : [] },
      {
        read,
        election: (e) => elections.push(e),
        ballot: (b) => ballots.push(b),
        candidate: (c) => candidates.push(c),
        reject: (r) => ledger.rejectAccepted(r),
      },
    );
    for (const [def, rows] of [
      [W.elections, elections],
      [W.ballots, ballots],
      [W.candidates, candidates],
    ] as const) {
      if (rows.length === 0) continue;
      await loadRows(conn, def, rows as readonly object[], `${def.name}_term`);
      await conn.run(`INSERT INTO ${def.name} SELECT * FROM ${def.name}_term`);
      await conn.run(`DROP TABLE ${def.name}_term`);
    }
    await addElectionDates(conn, electionDateRows(electionDates));
    if (!smallVotes) await ingestVotesTerm({ ...setOptions, term });
    if (!smallVetting) await ingestVettingTerm({ ...setOptions, term });
    if (small(term.roster)) {
      // A county's or city's term: row by row in memory, without the fixed cost of the SQL.
      const entries: RosterEntry[] = [];
      for (const file of term.roster) await read(file, rosterRows, (e) => entries.push(e));
      const resolved = resolveRoster(entries, term.referenceDate, await readElectionDates(conn));
      for (const d of resolved.dropped) {
        if (d.rowRejected) ledger.rejectAccepted(d.finding);
        else ledger.warnings.push(d.finding);
      }
      ledger.warnings.push(...resolved.warnings);
      await loadRows(conn, W.members, resolved.members, "members_term");
      await conn.run("INSERT INTO members SELECT * FROM members_term");
      await conn.run("DROP TABLE members_term");
    } else {
      // Rosters as set operations in DuckDB (row rules once per distinct value, cross-row rules in SQL).
      await ingestRosterTerm({
        conn,
        term,
        secret: key,
        ledger,
        ingest: ingestOptions,
        ctxFor: (file) => ctxFor(file, index, term.referenceDate),
        unitById,
        readFile: (file, run) => timedFile(options, ledger, file.path, run),
      });
    }
    await conn.run(`DROP TABLE ${ELECTION_DATES}`);
  }
}

/**
 * Run a build. Throws {@link InputError} for unreadable datasets (exit 2) and
 * LockError when another build holds the output folder. With `strict` and any
 * reject or warning, nothing is written and `written` is false.
 */
export async function build(options: BuildOptions): Promise<BuildResult> {
  const dataset = loadDataset(options.datasetDir, (p) => readFileSync(p, "utf8"));
  let key: string;
  try {
    const resolved = resolveKey(options.env);
    key = resolved.key;
    if (resolved.source === "generated") {
      options.notice?.(
        `未设置 HUANJIE_KEY:已生成新的人员标识密钥 ${resolved.path}(仅本机可读)。请妥善保管并备份;换用其他密钥会改变所有 person_key。`,
      );
    }
  } catch (error) {
    throw new InputError(null, (error as Error).message);
  }
  const targets: TargetRule[] = dataset.targets
    ? parseTargets(readFileSync(dataset.targets.absPath, "utf8"), dataset.targets.path)
    : [];
  const ledger = new Ledger();
  // Hold the output folder's lock for the whole build, so a second build into it is refused at once
  // rather than after doing all its work.
  const release = lockOutput(options.outDir);
  try {
    pauseAt(options.env, "lock");
    return await buildLocked(options, dataset, key, targets, ledger);
  } finally {
    release();
  }
}

async function buildLocked(
  options: BuildOptions,
  dataset: Dataset,
  key: string,
  targets: readonly TargetRule[],
  ledger: Ledger,
): Promise<BuildResult> {
  const { conn, close } = await openOutputDatabase(
    options.outDir,
    options.memoryLimit ?? DEFAULT_MEMORY_LIMIT,
  );
  try {
    await stage(
      options,
      "ingest",
      () => ingest(dataset, options, key, ledger, conn),
      () => ledger.files.reduce((n, f) => n + f.read, 0),
    );
    if (!ledger.balanced()) throw new Error("internal: ledger does not balance");

    // Report and manifest list files in the manifest's order, whatever order they were read in.
    const order = new Map(dataset.files.map((f, i) => [f.path, i]));
    ledger.files.sort((a, b) => (order.get(a.path) ?? 0) - (order.get(b.path) ?? 0));
    const summary = {
      dataset: dataset.name,
      files: ledger.files,
      rejects: ledger.rejects.length,
      warnings: ledger.warnings.length,
      warningsByRule: countBy(ledger.warnings),
      rejectsByRule: countBy(ledger.rejects),
    };
    if (options.strict && (ledger.rejects.length || ledger.warnings.length)) {
      return { ...summary, written: false, tables: [] };
    }

    options.progress?.("计算指标…");
    const termRows = dataset.terms.map((t) => ({ term: t.term, reference_date: t.referenceDate }));
    await stage(
      options,
      "load",
      async () => {
        await loadRows(conn, W.rejects, ledger.rejects);
        await loadRows(conn, W.warnings, ledger.warnings);
        await loadRows(conn, W.params, [
          { dataset: dataset.name, as_of: options.asOf ?? null, level: dataset.level },
        ]);
        await loadRows(conn, W.terms, termRows);
      },
      () => ledger.rejects.length + ledger.warnings.length + 1 + termRows.length,
    );
    pauseAt(options.env, "metrics");
    await stage(
      options,
      "metrics",
      () => computeMetrics(conn, { targets, log: (line) => options.progress?.(line) }),
      () => countRows(conn, W.INGEST_TABLES),
    );

    return await stage(
      options,
      "write",
      () => writeOutput(conn, options, dataset, key, ledger, summary),
      (result) => result.tables.reduce((n, t) => n + t.rows, 0),
    );
  } finally {
    close();
  }
}

/** Write the tables, metrics and manifest.json into a staging folder and swap it in. */
async function writeOutput(
  conn: DuckDBConnection,
  options: BuildOptions,
  dataset: Dataset,
  key: string,
  ledger: Ledger,
  summary: Omit<BuildResult, "written" | "tables">,
): Promise<BuildResult> {
  // Leftovers of killed builds went at the start (buildLocked).
  const { staging, value: tables } = await fillStaging(options.outDir, async (staging) => {
    const tables = await writeWarehouseTables(
      conn,
      staging,
      [...W.ingestTablesFor(dataset.level), ...W.WRITTEN_RUNTIME_TABLES],
      () => pauseAt(options.env, "staging"),
    );
    const manifest = {
      dataset: dataset.name,
      level: dataset.level,
      tool: { name: "huanjie", version: VERSION },
      options: { strict: Boolean(options.strict), as_of: options.asOf ?? null },
      build_time: buildTime(options.env),
      key_id: keyId(key),
      files: ledger.files,
      targets: dataset.targets
        ? { path: dataset.targets.path, sha256: await sha256File(dataset.targets.absPath) }
        : null,
      rejects_by_rule: summary.rejectsByRule,
      warnings_by_rule: summary.warningsByRule,
      tables,
    };
    writeFileSync(join(staging, "manifest.json"), `${JSON.stringify(manifest, null, 2)}\n`);
    return tables;
  });
  commitOutput(staging, options.outDir, process.pid, () => pauseAt(options.env, "swap"));
  return { ...summary, written: true, tables };
}

/** The build time shown in outputs: from SOURCE_DATE_EPOCH only, never the wall clock. */
export function buildTime(env: Readonly<Record<string, string | undefined>>): string | null {
  const s = env.SOURCE_DATE_EPOCH;
  if (!s || !/^\d+$/.test(s)) return null;
  return new Date(Number(s) * 1000).toISOString().replace(/\.000Z$/, "Z");
}
