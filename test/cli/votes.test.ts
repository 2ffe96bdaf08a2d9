import { readdirSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { expectBuilt, FIXTURES, huanjie, parquet, type Run, tempDir } from "../helpers/cli.ts";

/** test/fixtures/datasets/votes: one term with vote tallies and vetting (see test/fixtures/README.md). */
const DATASET = join(FIXTURES, "datasets", "votes");

describe("huanjie build with vote tallies and vetting", () => {
  const out = join(tempDir(), "out");
  const asOf = join(tempDir(), "out");
  let run: Run;
  beforeAll(() => {
    run = huanjie(["build", DATASET, "--out", out]);
  });

  it("exits 0 and reconciles the vote and vetting files", () => {
    expectBuilt(run);
    expect(run.stdout).toMatch(/votes-2021\.csv\s+19\s+13\s+3\s+3/);
    expect(run.stdout).toMatch(/vetting-2021\.csv\s+11\s+9\s+1\s+1/);
  });

  it("writes one election per (unit, body, office, round), merged cells filled, the disagreeing one left out", async () => {
    const rows = await parquet<Record<string, unknown>>(
      join(out, "elections.parquet"),
      "unit, body, office, round, strftime(election_date, '%Y-%m-%d') AS day, seats, entitled, \"cast\", valid_ballots, candidates, elected, turnout, competition_ratio",
      "ORDER BY body, office, round",
    );
    expect(rows.map((r) => Object.values(r))).toEqual([
      ["城关村", "committee", "委员", 1, "2021-01-10", 3, 800, 600, 590, 4, 2, 75, (1 / 3) * 100],
      ["城关村", "committee", "委员", 2, "2021-01-12", 1, 800, 560, null, 2, 1, 70, 100],
      ["城关村", "party", "书记", 1, "2021-01-06", 1, 5, 5, null, 1, 1, 100, 0],
      ["城关村", "party", "委员", 1, "2021-01-05", 5, 40, 33, 33, 6, 5, 82.5, 20],
    ]);
  });

  it("writes ballots with vote shares and person_keys that link to the roster through the ID number", async () => {
    const ballots = await parquet<{
      candidate: string;
      person_key: string;
      vote_share: number;
      source_row: number;
    }>(
      join(out, "ballots.parquet"),
      "candidate, person_key, vote_share, source_row",
      "WHERE body = 'party' AND office = '委员' ORDER BY source_row",
    );
    expect(ballots.map((b) => b.candidate)).toEqual(["张三", "李四", "赵六", "钱一", "孙二", "吴三"]);
    expect(ballots[0]?.vote_share).toBe((30 / 33) * 100);
    const members = await parquet<{ person_key: string }>(
      join(out, "members.parquet"),
      "DISTINCT person_key",
      "WHERE name = '张三'",
    );
    expect(members.map((m) => m.person_key)).toEqual([ballots[0]?.person_key]);
  });

  it("rejects the disagreeing election whole, every row located, and repeated vetting rows", async () => {
    const rejects = await parquet<{ source_file: string; source_row: number; rule: string; value: string }>(
      join(out, "rejects.parquet"),
      "source_file, source_row, rule, value",
      "ORDER BY source_file, source_row",
    );
    expect(rejects.map((r) => `${r.source_file}:${r.source_row} ${r.rule} ${r.value}`)).toEqual([
      "vetting-2021.csv:11 duplicate_membership 卫八",
      "votes-2021.csv:16 election_disagrees 5",
      "votes-2021.csv:17 election_disagrees 7",
      "votes-2021.csv:18 unknown_unit 盛乐屯",
    ]);
  });

  it("checks every election: the party winner at exactly half of the entitled fails, the rest pass or do not apply", async () => {
    const checks = await parquet<{
      office: string;
      round: number;
      check: string;
      status: string;
      message: string;
    }>(
      join(out, "metrics", "election_checks.parquet"),
      'office, round, "check", status, message',
      "WHERE status = 'failed' ORDER BY \"check\"",
    );
    expect(checks).toEqual([
      {
        office: "委员",
        round: 1,
        check: "elected_flag_consistent",
        status: "failed",
        message: "孙二得票20票,未超过应到会人数40人的一半",
      },
      {
        office: "委员",
        round: 1,
        check: "winner_majority",
        status: "failed",
        message: "孙二得票20票,未超过应到会人数40人的一半",
      },
    ]);
    const [n] = await parquet<{ n: number }>(
      join(out, "metrics", "election_checks.parquet"),
      "count(*) AS n",
    );
    expect(n?.n).toBe(4 * 9);
  });

  it("tracks progress from the tallies, else the roster's elected_on, up to the latest date", async () => {
    const last = await parquet<{
      body: string;
      scope_id: string;
      done: number;
      total: number;
      rank: number | null;
    }>(
      join(out, "metrics", "progress.parquet"),
      "body, scope_id, units_done AS done, units_total AS total, rank",
      "WHERE day = DATE '2021-01-12' ORDER BY body, scope, rank",
    );
    const [days] = await parquet<{ first: string; last: string }>(
      join(out, "metrics", "progress.parquet"),
      "strftime(min(day), '%Y-%m-%d') AS first, strftime(max(day), '%Y-%m-%d') AS last",
    );
    expect(days).toEqual({ first: "2021-01-05", last: "2021-01-12" });
    expect(last).toEqual([
      { body: "committee", scope_id: "测试县", done: 2, total: 3, rank: null },
      { body: "committee", scope_id: "盛乐镇", done: 1, total: 1, rank: 1 },
      { body: "committee", scope_id: "城关镇", done: 1, total: 2, rank: 2 },
      { body: "party", scope_id: "测试县", done: 2, total: 3, rank: null },
      { body: "party", scope_id: "盛乐镇", done: 1, total: 1, rank: 1 },
      { body: "party", scope_id: "城关镇", done: 1, total: 2, rank: 2 },
    ]);
  });

  it("counts vetting by distinct person; a NULL body counts in both only", async () => {
    const v = await parquet<Record<string, unknown>>(
      join(out, "metrics", "vetting.parquet"),
      "body, registered, party_members, passed, disqualified, withdrawn",
      "WHERE scope = 'county' ORDER BY body",
    );
    expect(v).toEqual([
      { body: "both", registered: 8, party_members: 5, passed: 4, disqualified: 3, withdrawn: 1 },
      { body: "committee", registered: 4, party_members: 1, passed: 2, disqualified: 2, withdrawn: 0 },
      { body: "party", registered: 4, party_members: 4, passed: 3, disqualified: 1, withdrawn: 0 },
    ]);
    const reasons = await parquet<Record<string, unknown>>(
      join(out, "metrics", "vetting_reasons.parquet"),
      "reason, disqualified",
      "WHERE scope = 'county' ORDER BY reason",
    );
    expect(reasons).toEqual([
      { reason: "受过刑事处罚", disqualified: 2 },
      { reason: "涉黑涉恶", disqualified: 1 },
    ]);
  });

  it("never writes an ID number", async () => {
    for (const name of readdirSync(out, { recursive: true }) as string[]) {
      if (!name.endsWith(".parquet")) continue;
      const rows = await parquet(join(out, name));
      expect(JSON.stringify(rows)).not.toMatch(/\d{17}[\dX]/);
    }
  });

  it("--as-of cuts the progress series at that day", async () => {
    const r = huanjie(["build", DATASET, "--out", asOf, "--as-of", "2021-01-10"]);
    expect(r.status).toBe(0);
    const rows = await parquet<{ body: string; day: string; done: number }>(
      join(asOf, "metrics", "progress.parquet"),
      "body, strftime(max(day), '%Y-%m-%d') AS day, arg_max(units_done, day) AS done",
      "WHERE scope = 'county' GROUP BY body ORDER BY body",
    );
    expect(rows).toEqual([
      { body: "committee", day: "2021-01-10", done: 0 },
      { body: "party", day: "2021-01-10", done: 2 },
    ]);
  });
});
