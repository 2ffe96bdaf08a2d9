/**
 * A small fabricated warehouse (warehouse.md layout) for the site tests when
 * the `huanjie` CLI or the sample dataset is not there, and for pages to be
 * tried against awkward data: a name with markup, a cell that looks like a
 * formula, empty tables. County figures of the party body repeat the reference
 * report (523, 30.2 %, 18.5 %, 18.4 %, 48.2; targets 96.3 %, 95.6 %).
 */
import { createHash } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { computeMetrics } from "../../src/metrics/metrics.ts";
import type { TableDef } from "../../src/warehouse/column.ts";
import { closeDatabase, loadRows, writeTable } from "../../src/warehouse/duckdb.ts";
import * as W from "../../src/warehouse/tables.ts";
import { structurePeople } from "../../src/warehouse/tables.ts";

export const MARKUP_NAME = "<img src=x onerror=alert(1)>";
export const FORMULA_NAME = '=HYPERLINK("http://x")';
/** More hostile names the sample build adds (issue 6): a script element and a DDE formula. */
export const SCRIPT_NAME = "<script>alert(1)</script>";
export const DDE_NAME = "=cmd|' /C calc'!A0";

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const TOWNSHIPS = ["城关镇", "盛乐镇", "新店子镇"];
const SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗";
const GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华";

const sha = (s: string) => createHash("sha256").update(s).digest("hex");

export async function writeFixtureWarehouse(out: string): Promise<void> {
  mkdirSync(join(out, "metrics"), { recursive: true });
  // Not openDatabase(): its TimeZone option is rejected by this DuckDB build (no ICU).
  const conn = await (await DuckDBInstance.create(":memory:", { threads: "1" })).connect();
  const r = rng(42);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;

  const units: W.UnitRow[] = [];
  TOWNSHIPS.forEach((township, t) => {
    for (let i = 0; i < 3; i++) {
      const community = i === 2;
      const unit = community ? `${township.slice(0, 2)}社区` : `${"东西南北"[i]}${township.slice(0, 1)}村`;
      units.push({
        unit_id: `15012310${t}${i}00`.padEnd(12, "0"),
        unit_code: `15012310${t}${i}00`.padEnd(12, "0"),
        township,
        unit,
        unit_type: community ? "community" : "village",
        key_unit: i === 0 && t === 1,
      });
    }
  });

  const members: W.MemberRow[] = [];
  let row = 2;
  for (const term of [2018, 2021]) {
    for (const u of units) {
      const size = u.unit_id.endsWith("100") && term === 2021 ? 3 : 5;
      for (let k = 0; k < size; k++) {
        let name = pick([...SURNAMES]) + pick([...GIVEN]) + (r() < 0.5 ? pick([...GIVEN]) : "");
        if (term === 2021 && u === units[0] && k === 1) name = MARKUP_NAME;
        if (term === 2021 && u === units[0] && k === 2) name = FORMULA_NAME;
        const age = 28 + Math.floor(r() * 35);
        const edu = pick(W.EDUCATION_LEVELS.slice(2));
        const noWomen = u === units[3] && term === 2021;
        for (const body of k === 0 ? (["party", "committee"] as const) : [pick(W.BODIES)]) {
          members.push({
            term,
            unit_id: u.unit_id,
            township: u.township,
            unit: u.unit,
            body,
            position: k === 0 ? (body === "party" ? "secretary" : "chair") : "member",
            person_key: sha(`${term}${u.unit_id}${k}`).slice(0, 16),
            name,
            gender: noWomen ? "M" : r() < 0.3 ? "F" : "M",
            ethnicity: r() < 0.1 ? "蒙古族" : "汉族",
            birth_year: term - age,
            birth_month: 1 + Math.floor(r() * 12),
            reference_date: `${term}-01-16`,
            age,
            education: edu,
            college_plus: ["college", "bachelor", "postgraduate"].includes(edu),
            party_member: body === "party" || r() < 0.4,
            elected_on: `${term}-01-${String(5 + Math.floor(r() * 11)).padStart(2, "0")}`,
            source_file: `${term}年两委成员花名册.csv`,
            source_row: row++,
          });
        }
      }
    }
  }

  const elections: W.ElectionRow[] = [];
  const checks: Record<string, unknown>[] = [];
  for (const u of units) {
    for (const body of W.BODIES) {
      const entitled = 300 + Math.floor(r() * 900);
      const cast = Math.floor(entitled * (0.45 + r() * 0.5));
      const seats = body === "party" ? 5 : 3;
      const candidates = seats + Math.floor(r() * 3);
      const round = u === units[4] && body === "committee" ? 2 : 1;
      // The election's key, which its checks repeat.
      const election = {
        term: 2021,
        unit_id: u.unit_id,
        township: u.township,
        unit: u.unit,
        body,
        office: body === "party" ? "委员" : "主任",
        round,
      };
      elections.push({
        ...election,
        election_date: `2021-01-${String(5 + Math.floor(r() * 11)).padStart(2, "0")}`,
        seats,
        entitled,
        cast,
        valid_ballots: cast - 3,
        candidates,
        elected: seats,
        turnout: (cast / entitled) * 100,
        competition_ratio: ((candidates - seats) / seats) * 100,
        ballots_issued: cast,
        ballots_returned: cast,
      });
      const check = body === "party" ? "quorum_four_fifths" : "turnout_majority";
      const ok = body === "party" ? cast > (entitled * 4) / 5 : cast > entitled / 2;
      checks.push({
        ...election,
        check,
        status: ok ? "passed" : "failed",
        message: `参加投票${cast}人,应参加${entitled}人`,
      });
    }
  }

  const county = "和林格尔县";
  const structure: Record<string, unknown>[] = [];
  const ref: [string, number, number, number | null, number | null][] = [
    ["members", 523, 523, 480, 480],
    ["secretaries", 160, 160, 160, 160],
    ["deputy_secretaries", 53, 53, 50, 50],
    ["college_plus", 158, (158 / 523) * 100, 108, 22.5],
    ["women", 97, (97 / 523) * 100, 77, 16.0],
    ["age_le_40", 96, (96 / 523) * 100, 70, 14.6],
    ["age_le_35", 50, (50 / 523) * 100, 40, 8.3],
    ["avg_age", 523, 48.2, 480, 51.4],
    ["party_members", 523, 100, 480, 100],
  ];
  for (const [metric, count, value, prevCount, prevValue] of ref) {
    for (const body of ["party", "both"] as const) {
      structure.push({
        term: 2021,
        scope: "county",
        scope_id: county,
        body,
        metric,
        count,
        base: 523,
        value,
        prev_count: prevCount,
        prev_value: prevValue,
        delta: prevValue === null ? null : value - prevValue,
        change_pct: prevValue ? (value / prevValue - 1) * 100 : null,
        count_change_pct: prevCount ? (count / prevCount - 1) * 100 : null,
      });
    }
  }
  TOWNSHIPS.forEach((township, i) => {
    for (const metric of ["members", "college_plus", "women", "age_le_35", "avg_age"]) {
      const value = metric === "members" ? 10 + i : metric === "avg_age" ? 45 + i : 20 + 5 * i;
      structure.push({
        term: 2021,
        scope: "township",
        scope_id: township,
        body: "both",
        metric,
        count: 3 + i,
        base: 15,
        value,
        prev_count: 2,
        prev_value: value - 1,
        delta: 1,
        change_pct: null,
        count_change_pct: null,
      });
    }
  });

  const targetDefs = [
    ["young_35", '村"两委"班子有35岁以下年轻干部', 90, 154],
    ["two_college", '村"两委"班子至少有2名大专及以上学历成员', 95, 153],
    ["woman_member", '村"两委"班子至少有1名女性成员', 100, 159],
  ] as const;
  const targets: Record<string, unknown>[] = [];
  const targetUnits: Record<string, unknown>[] = [];
  for (const [id, label, goal, met] of targetDefs) {
    targets.push({
      term: 2021,
      target_id: id,
      label,
      scope: "county",
      scope_id: county,
      units_met: met,
      units_total: 160,
      rate: (met / 160) * 100,
      goal,
      met: (met / 160) * 100 >= goal,
    });
    for (const u of units) {
      const ok = !(id === "woman_member" && u === units[3]) && !(id === "young_35" && u === units[5]);
      targetUnits.push({
        term: 2021,
        target_id: id,
        unit_id: u.unit_id,
        township: u.township,
        unit: u.unit,
        actual: ok ? 2 : 0,
        met: ok,
        has_data: true,
      });
    }
  }

  const progress: Record<string, unknown>[] = [];
  for (let d = 5; d <= 16; d++) {
    const day = `2021-01-${String(d).padStart(2, "0")}`;
    TOWNSHIPS.forEach((township, i) => {
      progress.push({
        term: 2021,
        body: "party",
        scope: "township",
        scope_id: township,
        day,
        units_done: Math.min(3, Math.floor(((d - 4) * (i + 1)) / 4)),
        units_total: 3,
        rate: (Math.min(3, Math.floor(((d - 4) * (i + 1)) / 4)) / 3) * 100,
        rank: 3 - i,
      });
    });
  }

  const warnings = [
    {
      source_file: "2021年两委成员花名册.xlsx",
      sheet: "城关镇",
      source_row: 7,
      column: "学历",
      value: "夜大",
      rule: "unknown_education",
      message: "无法识别的学历“夜大”",
    },
  ];
  const rejects = [
    {
      source_file: "2021年两委成员花名册.xlsx",
      sheet: "盛乐镇",
      source_row: 12,
      column: "村(社区)",
      value: "东盛村",
      rule: "unknown_unit",
      message: "村社不在村社名册中,是否为“东盛村”?",
    },
  ];

  const write = async (table: unknown, rows: Iterable<Record<string, unknown>>, dir = "") => {
    const def = table as TableDef;
    await loadRows(conn, def, rows);
    await writeTable(conn, def, join(out, dir, `${def.name}.parquet`), def.columnNames.slice(0, 3));
  };
  await write(W.units, units);
  await write(W.members, members);
  await write(W.elections, elections);
  await write(W.ballots, []);
  await write(W.candidates, []);
  await write(W.rejects, rejects);
  await write(W.warnings, warnings);
  await write(W.structure, structure, "metrics");
  await write(W.targets, targets, "metrics");
  await write(W.targetUnits, targetUnits, "metrics");
  await write(W.electionChecks, checks, "metrics");
  await write(W.progress, progress, "metrics");
  // The age-band × education mart as the pipeline computes it: the metrics SQL over these members.
  // Imported here, not at the top: contract.ts uses vitest's expect, and the screenshot script (run
  // outside vitest) imports this module through build.ts.
  const { openRuntime } = await import("../helpers/contract.ts");
  const metrics = await openRuntime({ units, members, dataset: county });
  try {
    await computeMetrics(metrics, { targets: [] });
    const file = join(out, "metrics", `${structurePeople.name}.parquet`);
    await writeTable(metrics, structurePeople, file, structurePeople.order);
  } finally {
    closeDatabase(metrics);
  }

  const manifest = {
    dataset: county,
    tool: { name: "huanjie", version: "0.1.0" },
    options: { strict: false, as_of: null },
    files: [
      {
        path: "村社名册.xlsx",
        sha256: sha("units"),
        sheets: ["Sheet1"],
        read: 10,
        accepted: 9,
        rejected: 0,
        skipped: 1,
      },
      {
        path: "2021年两委成员花名册.xlsx",
        sha256: sha("roster"),
        sheets: ["城关镇", "盛乐镇"],
        read: 60,
        accepted: 57,
        rejected: 1,
        skipped: 2,
      },
    ],
    rejects_by_rule: { unknown_unit: 1 },
    warnings_by_rule: { unknown_education: 1 },
    tables: [{ path: "members.parquet", rows: members.length, sha256: sha("members") }],
  };
  writeFileSync(join(out, "manifest.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  const summary = {
    dataset: county,
    term: 2021,
    prev_term: 2018,
    text: '共选举产生村、社区党组织委员523名,其中书记160名、副书记53名。大学专科及以上学历的158人、占30.2%,比上届提高7.6个百分点;女性97人、占18.5%,比上届提高2.5个百分点;40岁以下96人、占18.4%;平均年龄48.2岁,比上届降低3.2岁,实现"两升一降"。',
    figures: {},
  };
  writeFileSync(join(out, "metrics", "summary.json"), `${JSON.stringify(summary, null, 2)}\n`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await writeFixtureWarehouse(process.argv[2] ?? "data/fixture-out");
}
