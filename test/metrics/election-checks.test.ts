import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type DuckDBConnection, queryRows as rows } from "../../src/warehouse/duckdb.ts";
import { type ElectionRow, electionChecks } from "../../src/warehouse/tables.ts";
import { expectContract } from "../helpers/contract.ts";
import { buildMarts, election, type Tally, tallies, unit } from "../helpers/vote-fixtures.ts";

type Spec = Partial<ElectionRow> & Pick<ElectionRow, "body" | "seats" | "entitled" | "cast">;
type Expect = Record<string, readonly [status: string, message?: string]>;

/** One election per scenario, each in its own unit named after the scenario. */
const scenarios: { name: string; election: Spec; tallies: Tally[]; expect: Expect }[] = [
  {
    name: "quorum exactly four fifths",
    election: { body: "party", seats: 1, entitled: 25, cast: 20 },
    tallies: [["张三", 20, true]],
    expect: { quorum_four_fifths: ["failed", "实到20人,未超过应到25人的五分之四"] },
  },
  {
    name: "quorum one above four fifths",
    election: { body: "party", seats: 1, entitled: 25, cast: 21 },
    tallies: [["张三", 20, true]],
    expect: { quorum_four_fifths: ["passed", "实到21人,超过应到25人的五分之四"] },
  },
  {
    name: "party winner exactly half",
    election: { body: "party", seats: 2, entitled: 100, cast: 90 },
    tallies: [
      ["张三", 50, true],
      ["李四", 60, true],
      ["王五", 40, false],
    ],
    expect: {
      winner_majority: ["failed", "张三得票50票,未超过应到会人数100人的一半"],
      elected_flag_consistent: ["failed", "张三得票50票,未超过应到会人数100人的一半"],
      turnout_majority: ["not_applicable"],
      revote_one_third: ["not_applicable"],
      competitive: ["not_applicable"],
    },
  },
  {
    name: "party winner one above half",
    election: { body: "party", seats: 1, entitled: 100, cast: 90 },
    tallies: [
      ["张三", 51, true],
      ["李四", 39, false],
    ],
    expect: {
      winner_majority: ["passed", "当选1人,最低得票51票,超过应到会人数100人的一半"],
      elected_flag_consistent: ["passed"],
    },
  },
  {
    name: "committee turnout exactly half",
    election: { body: "committee", seats: 1, entitled: 100, cast: 50 },
    tallies: [
      ["张三", 30, true],
      ["李四", 20, false],
    ],
    expect: {
      turnout_majority: ["failed", "参加投票50人,未超过登记选民100人的一半"],
      quorum_four_fifths: ["not_applicable"],
      competitive_20pct: ["not_applicable"],
    },
  },
  {
    name: "committee turnout one above half",
    election: { body: "committee", seats: 1, entitled: 100, cast: 51 },
    tallies: [
      ["张三", 30, true],
      ["李四", 21, false],
    ],
    expect: { turnout_majority: ["passed", "参加投票51人,超过登记选民100人的一半"] },
  },
  {
    name: "committee round one winner exactly half of cast",
    election: { body: "committee", seats: 2, entitled: 150, cast: 100 },
    tallies: [
      ["张三", 50, true],
      ["李四", 49, true],
      ["王五", 51, true],
    ],
    expect: {
      winner_majority: [
        "failed",
        "张三得票50票,未超过参加投票人数100人的一半;李四得票49票,未超过参加投票人数100人的一半",
      ],
      revote_one_third: ["not_applicable", "仅适用于另行选举(第2轮起)"],
      seats_not_exceeded: ["failed", "当选3人,超过应选2名"],
    },
  },
  {
    name: "committee round two exactly one third",
    election: { body: "committee", seats: 1, entitled: 150, cast: 99, round: 2, election_date: "2021-01-12" },
    tallies: [
      ["张三", 33, true],
      ["李四", 30, false],
    ],
    expect: {
      revote_one_third: ["passed", "当选1人,最低得票33票,不少于参加投票人数99人的三分之一"],
      winner_majority: ["not_applicable", "第2轮为另行选举,适用三分之一规则"],
      elected_flag_consistent: ["passed"],
      competitive: ["passed", "候选人2名,多于应选1名"],
    },
  },
  {
    name: "committee round two below one third",
    election: { body: "committee", seats: 1, entitled: 150, cast: 99, round: 2 },
    tallies: [
      ["张三", 32, true],
      ["李四", 30, false],
    ],
    expect: {
      revote_one_third: ["failed", "张三得票32票,少于参加投票人数99人的三分之一"],
      elected_flag_consistent: ["failed", "张三得票32票,少于参加投票人数99人的三分之一"],
    },
  },
  {
    name: "committee candidates equal seats",
    election: { body: "committee", seats: 2, entitled: 100, cast: 80 },
    tallies: [
      ["张三", 70, true],
      ["李四", 60, true],
    ],
    expect: { competitive: ["failed", "候选人2名,未多于应选2名,不是差额选举"] },
  },
  {
    name: "party members exactly twenty percent more",
    election: { body: "party", seats: 5, entitled: 40, cast: 38 },
    tallies: [
      ["甲", 30, true],
      ["乙", 30, true],
      ["丙", 30, true],
      ["丁", 30, true],
      ["戊", 30, true],
      ["己", 10, false],
    ],
    expect: { competitive_20pct: ["passed", "候选人6名,应选5名,差额1名,占应选人数的20.0%,不少于20%"] },
  },
  {
    name: "party members below twenty percent",
    election: { body: "party", seats: 7, entitled: 40, cast: 38 },
    tallies: [
      ...["甲", "乙", "丙", "丁", "戊", "己", "庚"].map((n): Tally => [n, 30, true]),
      ["辛", 5, false],
    ],
    expect: { competitive_20pct: ["failed", "候选人8名,应选7名,差额1名,占应选人数的14.3%,少于20%"] },
  },
  {
    name: "party secretary office",
    election: { body: "party", seats: 1, entitled: 5, cast: 5, office: "书记" },
    tallies: [["张三", 5, true]],
    expect: {
      competitive_20pct: ["not_applicable", "仅适用于党组织委员选举"],
      winner_majority: ["passed"],
      quorum_four_fifths: ["passed"],
    },
  },
  {
    name: "ballots inconsistent",
    election: {
      body: "committee",
      seats: 1,
      entitled: 30,
      cast: 31,
      valid_ballots: 32,
      ballots_issued: 31,
      ballots_returned: 33,
    },
    tallies: [
      ["张三", 33, true],
      ["李四", 2, false],
    ],
    expect: {
      ballots_consistent: [
        "failed",
        "实到31人,超过应到30人;收回选票33张,超过发出选票31张;有效票32张,超过实到31人;张三得票33票,超过有效票32张",
      ],
    },
  },
  {
    name: "votes above cast without valid ballots",
    election: { body: "party", seats: 1, entitled: 30, cast: 28 },
    tallies: [["张三", 29, true]],
    expect: { ballots_consistent: ["failed", "张三得票29票,超过实到人数28人"] },
  },
  {
    name: "ballots consistent",
    election: { body: "party", seats: 1, entitled: 30, cast: 28, valid_ballots: 27 },
    tallies: [["张三", 27, true]],
    expect: {
      ballots_consistent: [
        "passed",
        "实到28人,未超过应到30人;有效票27张,未超过实到28人;最高得票27票,未超过有效票27张;未填报发出、收回选票数,未核对",
      ],
    },
  },
  {
    name: "nobody elected",
    election: { body: "committee", seats: 1, entitled: 100, cast: 80 },
    tallies: [
      ["张三", 40, false],
      ["李四", 40, false],
    ],
    expect: {
      winner_majority: ["not_applicable", "无当选人"],
      elected_flag_consistent: ["not_applicable"],
      seats_not_exceeded: ["passed", "当选0人,未超过应选1名"],
    },
  },
];

const CHECKS = [
  "ballots_consistent",
  "turnout_majority",
  "quorum_four_fifths",
  "winner_majority",
  "revote_one_third",
  "competitive",
  "competitive_20pct",
  "seats_not_exceeded",
  "elected_flag_consistent",
];

let conn: DuckDBConnection;

beforeAll(async () => {
  const cases = scenarios.map((s) => ({ s, u: unit("城关镇", s.name) }));
  const data = tallies(...cases.map(({ s, u }) => election(u, s.election, s.tallies)));
  conn = await buildMarts({ units: cases.map((c) => c.u), ...data });
});
afterAll(() => conn?.closeSync());

describe("election_checks", () => {
  test.each(scenarios)("$name", async (s) => {
    const got = await rows<{ check: string; status: string; message: string }>(
      conn,
      `SELECT "check", status, message FROM election_checks WHERE unit = $1`,
      [s.name],
    );
    const byCheck = Object.fromEntries(got.map((r) => [r.check, r]));
    for (const [check, [status, message]] of Object.entries(s.expect)) {
      expect(byCheck[check]?.status, check).toBe(status);
      if (message !== undefined) expect(byCheck[check]?.message, check).toBe(message);
    }
  });

  test("one row per election and check, every check for every election", async () => {
    const got = await rows<{ n: number; keys: number; elections: number }>(
      conn,
      `SELECT count(*) AS n,
              count(DISTINCT (term, unit_id, body, office, round, "check")) AS keys,
              count(DISTINCT (term, unit_id, body, office, round)) AS elections
       FROM election_checks`,
    );
    expect(got[0]).toEqual({
      n: scenarios.length * CHECKS.length,
      keys: scenarios.length * CHECKS.length,
      elections: scenarios.length,
    });
    const checks = await rows<{ check: string }>(
      conn,
      `SELECT DISTINCT "check" FROM election_checks ORDER BY 1`,
    );
    expect(checks.map((r) => r.check)).toEqual([...CHECKS].sort());
  });

  test("holds its contract: columns, grain, accepted statuses, every row an election; messages never empty", async () => {
    await expectContract(conn, electionChecks);
    expect(await rows(conn, "SELECT * FROM election_checks WHERE message = ''")).toEqual([]);
  });

  test("a second round is an election of its own", async () => {
    const u = unit("城关镇", "东村");
    const data = tallies(
      election(u, { body: "committee", seats: 3, entitled: 100, cast: 90 }, [
        ["张三", 60, true],
        ["李四", 50, true],
        ["王五", 40, false],
        ["赵六", 30, false],
      ]),
      election(
        u,
        { body: "committee", seats: 1, entitled: 100, cast: 80, round: 2, election_date: "2021-01-12" },
        [
          ["王五", 45, true],
          ["赵六", 35, false],
        ],
      ),
    );
    const c = await buildMarts({ units: [u], ...data });
    const got = await rows<{ round: number; check: string; status: string }>(
      c,
      `SELECT round, "check", status FROM election_checks
        WHERE "check" IN ('winner_majority', 'revote_one_third') ORDER BY round, "check"`,
    );
    c.closeSync();
    expect(got).toEqual([
      { round: 1, check: "revote_one_third", status: "not_applicable" },
      { round: 1, check: "winner_majority", status: "passed" },
      { round: 2, check: "revote_one_third", status: "passed" },
      { round: 2, check: "winner_majority", status: "not_applicable" },
    ]);
  });

  test("no elections give an empty table with the contract's columns", async () => {
    const c = await buildMarts({ units: [unit("城关镇", "东村")] });
    await expectContract(c, electionChecks);
    const n = await rows<{ n: number }>(c, "SELECT count(*) AS n FROM election_checks");
    c.closeSync();
    expect(n[0]?.n).toBe(0);
  });
});
