/**
 * The shipped sample dataset, built by the real CLI, reproduces the published
 * county report (shared/reference/README.md) and shows exactly the planted
 * election faults of data/sample/README.md.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { round1 } from "../src/metrics/round.ts";
import { expectBuilt, parquet, ROOT } from "./helpers/cli.ts";
import { warehouseViolations } from "./helpers/contract.ts";
import { sharedBuild } from "./helpers/shared.ts";

/** The sample's warehouse, built once per test run (test/helpers/shared.ts; test/security/privacy.test.ts reads it too). */
let out = "";
const SAMPLE = join(ROOT, "data", "sample");

interface Metric {
  metric: string;
  count: number;
  value: number;
  delta: number | null;
}

async function county(term: number, body: string): Promise<Record<string, Metric>> {
  const rows = await parquet<Metric>(
    join(out, "metrics", "structure.parquet"),
    "metric, count, value, delta",
    "WHERE term = $1 AND scope = 'county' AND body = $2",
    [term, body],
  );
  return Object.fromEntries(rows.map((r) => [r.metric, r]));
}

async function targetRate(term: number, id: string): Promise<number> {
  const rows = await parquet<{ target_id: string; rate: number }>(
    join(out, "metrics", "targets.parquet"),
    "target_id, rate",
    "WHERE term = $1 AND scope = 'county'",
    [term],
  );
  const row = rows.find((r) => r.target_id === id);
  if (!row) throw new Error(`no target ${id}`);
  return round1(row.rate);
}

beforeAll(async () => {
  const built = await sharedBuild(SAMPLE);
  out = built.out;
  expectBuilt(built.run);
}, 300_000);

describe("the sample reproduces the reference report", () => {
  it("2021 party committees: 523 members, 160 secretaries, 53 deputies", async () => {
    const m = await county(2021, "party");
    expect(m.members?.count).toBe(523);
    expect(m.secretaries?.count).toBe(160);
    expect(m.deputy_secretaries?.count).toBe(53);
  });

  it("college or above 158 (30.2 %), women 97 (18.5 %), aged 40 or under 96 (18.4 %)", async () => {
    const m = await county(2021, "party");
    expect([m.college_plus?.count, round1(m.college_plus?.value ?? Number.NaN)]).toEqual([158, 30.2]);
    expect([m.women?.count, round1(m.women?.value ?? Number.NaN)]).toEqual([97, 18.5]);
    expect([m.age_le_40?.count, round1(m.age_le_40?.value ?? Number.NaN)]).toEqual([96, 18.4]);
  });

  it("mean age 48.2, 3.2 below 2018, and the 两升一降 verdict", async () => {
    const m = await county(2021, "party");
    expect(round1(m.avg_age?.value ?? Number.NaN)).toBe(48.2);
    expect(round1(m.avg_age?.delta ?? Number.NaN)).toBe(-3.2);
    expect(round1(m.college_plus?.delta ?? Number.NaN)).toBe(7.6);
    expect(round1(m.women?.delta ?? Number.NaN)).toBe(2.5);
    const verdict = await parquet<{ verdict: boolean }>(
      join(out, "metrics", "two_up_one_down.parquet"),
      "verdict",
      "WHERE term = 2021 AND scope = 'county' AND body = 'party'",
    );
    expect(verdict).toEqual([{ verdict: true }]);
  });

  it("target rates: young cadre 96.3 % (45 % in 2018), two graduates 95.6 %, a woman 100 %", async () => {
    expect(await targetRate(2021, "young_35")).toBe(96.3);
    expect(await targetRate(2018, "young_35")).toBe(45);
    expect(await targetRate(2021, "two_college")).toBe(95.6);
    expect(await targetRate(2021, "woman_member")).toBe(100);
  });

  it("the summary paragraph reads like the report", () => {
    const summary = JSON.parse(readFileSync(join(out, "metrics", "summary.json"), "utf8"));
    expect(summary.term).toBe(2021);
    expect(summary.prev_term).toBe(2018);
    expect(summary.text).toContain(
      '共选举产生村、社区党组织委员523名,其中书记160名、副书记53名。大学专科及以上学历的158人、占30.2%,比上届提高7.6个百分点;女性97人、占18.5%,比上届提高2.5个百分点;40岁以下96人、占18.4%;平均年龄48.2岁,比上届降低3.2岁,实现"两升一降"。',
    );
  });
});

describe("the sample's messiness is accounted for", () => {
  it("every row of every file is read, accepted, rejected or skipped", () => {
    const manifest = JSON.parse(readFileSync(join(out, "manifest.json"), "utf8"));
    expect(manifest.files).toHaveLength(6);
    for (const f of manifest.files) expect(f.read, f.path).toBe(f.accepted + f.rejected + f.skipped);
    expect(manifest.warnings_by_rule).toMatchObject({ first_secretary: 1, unknown_education: 2 });
    expect(manifest.warnings_by_rule.invalid_id).toBeGreaterThan(0);
  });
});

describe("the sample's planted election faults, and nothing else, fail", () => {
  it("finds exactly the planted faults", async () => {
    const failed = await parquet<{ unit: string; body: string; round: number; check: string }>(
      join(out, "metrics", "election_checks.parquet"),
      'unit, body, round, "check"',
      "WHERE status = 'failed' ORDER BY unit, \"check\"",
    );
    expect(failed.map((f) => `${f.unit} ${f.body} ${f.round} ${f.check}`).sort()).toEqual(
      [
        "老河村 party 1 quorum_four_fifths",
        "上滩村 party 1 competitive_20pct",
        "大坝村 party 1 winner_majority",
        "大坝村 party 1 elected_flag_consistent",
        "北湾村 committee 2 revote_one_third",
        "北湾村 committee 2 elected_flag_consistent",
      ].sort(),
    );
  });

  it("shows the seat left unfilled (and the seat the second round refilled)", async () => {
    const short = await parquet<{
      unit: string;
      body: string;
      round: number;
      seats: number;
      elected: number;
    }>(
      join(out, "elections.parquet"),
      "unit, body, round, seats, elected",
      "WHERE elected < seats ORDER BY unit",
    );
    expect(short.map((e) => `${e.unit} ${e.body} ${e.round} ${e.elected}/${e.seats}`).sort()).toEqual(
      [
        "老堡村 party 1 4/5",
        "北湾村 committee 1 1/2",
        // the lawful second rounds of the sample (issue 15): round 1 left one 委员 seat open
        ...["北庄村", "北河村", "南坝村", "后庄村", "李壕村", "杨坝村", "高店村", "黑河村"].map(
          (u) => `${u} committee 1 1/2`,
        ),
        "南街社区 committee 1 2/3",
      ].sort(),
    );
  });

  it("every 2021 committee has a woman and every party committee one secretary", async () => {
    const failed = await parquet(
      join(out, "metrics", "unit_checks.parquet"),
      "*",
      "WHERE term = 2021 AND status = 'failed'",
    );
    expect(failed).toEqual([]);
  });
});

describe("every table of the sample holds the contract of its definition", () => {
  it("columns and types, grain, required columns, accepted values, references", async () => {
    const violations = await warehouseViolations(out, SAMPLE);
    expect(violations).toEqual([]);
  });
});
