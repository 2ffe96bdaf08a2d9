import { describe, expect, test } from "vitest";
import { queryRows } from "../../src/warehouse/duckdb.ts";
import { type MemberRow, progress, type UnitRow } from "../../src/warehouse/tables.ts";
import { expectContract } from "../helpers/contract.ts";
import {
  buildMarts,
  election,
  type Fixture,
  member,
  type Tally,
  tallies,
  unit,
} from "../helpers/vote-fixtures.ts";

const a1 = unit("甲镇", "一村");
const a2 = unit("甲镇", "二村");
const b1 = unit("乙镇", "一村");
const b2 = unit("乙镇", "二村");
const c1 = unit("丙镇", "一村");
const d1 = unit("丁镇", "一村");
const UNITS = [a1, a2, b1, b2, c1, d1];
const ONE: Tally[] = [["张三", 30, true]];

/** A party election of `u` on `day` (round 1 unless given). */
function partyVote(u: UnitRow, day: string, round = 1) {
  return election(u, { body: "party", seats: 1, entitled: 30, cast: 30, round, election_date: day }, ONE);
}

/** A roster row of `u`'s party with an election date. */
function elected(u: UnitRow, day: string | null, term = 2021): MemberRow {
  return member(u, { term, body: "party", name: `${u.unit_id}书记`, position: "secretary", elected_on: day });
}

/**
 * Party completion: 甲镇 一村 01-03 (round 1), 01-05 (round 2); 乙镇 一村 01-04
 * from the roster; 丙镇 一村 01-05; everything else open. Committee: nothing.
 */
const base: Fixture = {
  units: UNITS,
  ...tallies(partyVote(a1, "2021-01-03"), partyVote(a1, "2021-01-05", 2), partyVote(c1, "2021-01-05")),
  members: [
    elected(b1, "2021-01-04"),
    // votes win over the roster: 甲镇 一村 completes on its last round, not on this date
    elected(a1, "2021-01-09"),
    elected(a2, null),
  ],
};

type Row = {
  scope: string;
  scope_id: string;
  day: string;
  units_done: number;
  units_total: number;
  rate: number;
  rank: number | null;
};

async function series(f: Fixture, where = "TRUE"): Promise<Row[]> {
  const conn = await buildMarts(f);
  const got = await queryRows<Row>(
    conn,
    `SELECT scope, scope_id, strftime(day, '%Y-%m-%d') AS day, units_done, units_total, rate, rank
       FROM progress WHERE ${where} ORDER BY day, scope, rank, scope_id`,
  );
  conn.closeSync();
  return got;
}

describe("progress", () => {
  test("county series from the first election date to the latest date in the data", async () => {
    const got = await series(base, "body = 'party' AND scope = 'county'");
    expect(got.map((r) => [r.day, r.units_done, r.units_total, r.rank])).toEqual([
      ["2021-01-03", 0, 6, null],
      ["2021-01-04", 1, 6, null],
      ["2021-01-05", 3, 6, null],
    ]);
    expect(got[2]?.rate).toBe(50);
  });

  test("townships ranked by rate, ties sharing a rank and skipping the next (1, 2, 2, 4)", async () => {
    const got = await series(base, "body = 'party' AND scope = 'township' AND day = DATE '2021-01-05'");
    expect(got.map((r) => [r.scope_id, r.units_done, r.units_total, r.rate, r.rank])).toEqual([
      ["丙镇", 1, 1, 100, 1],
      ["乙镇", 1, 2, 50, 2],
      ["甲镇", 1, 2, 50, 2],
      ["丁镇", 0, 1, 0, 4],
    ]);
  });

  test("a body with no completion date anywhere counts as not done; its series follows the term's dates", async () => {
    const got = await series(base, "body = 'committee' AND scope = 'county'");
    expect(got.map((r) => [r.day, r.units_done])).toEqual([
      ["2021-01-03", 0],
      ["2021-01-04", 0],
      ["2021-01-05", 0],
    ]);
  });

  test("as_of before the last date ends the series there", async () => {
    const got = await series({ ...base, asOf: "2021-01-04" }, "body = 'party' AND scope = 'county'");
    expect(got.map((r) => [r.day, r.units_done])).toEqual([
      ["2021-01-03", 0],
      ["2021-01-04", 1],
    ]);
  });

  test("as_of after the last date extends the latest term's series, flat", async () => {
    const got = await series({ ...base, asOf: "2021-01-07" }, "body = 'party' AND scope = 'county'");
    expect(got.map((r) => [r.day, r.units_done])).toEqual([
      ["2021-01-03", 0],
      ["2021-01-04", 1],
      ["2021-01-05", 3],
      ["2021-01-06", 3],
      ["2021-01-07", 3],
    ]);
  });

  test("as_of before any election gives the single day as_of with nothing done", async () => {
    const got = await series({ ...base, asOf: "2020-12-31" }, "body = 'party' AND scope = 'county'");
    expect(got.map((r) => [r.day, r.units_done])).toEqual([["2020-12-31", 0]]);
  });

  test("an earlier term ends at its own last date, not at as_of", async () => {
    const f: Fixture = {
      ...base,
      asOf: "2021-01-05",
      terms: [
        { term: 2018, reference_date: "2018-06-30" },
        { term: 2021, reference_date: "2021-01-16" },
      ],
      members: [...(base.members ?? []), elected(a1, "2018-06-01", 2018), elected(b1, "2018-06-02", 2018)],
    };
    const conn = await buildMarts(f);
    const got = await queryRows<{ term: number; first: string; last: string; n: number }>(
      conn,
      `SELECT term, strftime(min(day), '%Y-%m-%d') AS first, strftime(max(day), '%Y-%m-%d') AS last,
              count(*) AS n
         FROM progress WHERE body = 'party' AND scope = 'county' GROUP BY term ORDER BY term`,
    );
    await expectContract(conn, progress);
    conn.closeSync();
    expect(got).toEqual([
      { term: 2018, first: "2018-06-01", last: "2018-06-02", n: 2 },
      { term: 2021, first: "2021-01-03", last: "2021-01-05", n: 3 },
    ]);
  });

  test("one row per term × body × scope × day; county scope_id is the dataset name", async () => {
    const got = await series({ ...base, dataset: "和林格尔县" });
    const keys = new Set(got.map((r) => `${r.scope}|${r.scope_id}|${r.day}`));
    // 3 days × (1 county + 4 townships) × 2 bodies, two bodies share scope and day
    expect(got).toHaveLength(3 * 5 * 2);
    expect(keys.size).toBe(3 * 5);
    expect(got.filter((r) => r.scope === "county").every((r) => r.scope_id === "和林格尔县")).toBe(true);
  });

  test("no dates and no as_of: no rows", async () => {
    expect(await series({ units: UNITS })).toEqual([]);
  });
});
