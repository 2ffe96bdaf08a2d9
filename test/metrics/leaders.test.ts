import { beforeAll, describe, expect, it } from "vitest";
import { computeMetrics } from "../../src/metrics/metrics.ts";
import { type DuckDBConnection, queryRows } from "../../src/warehouse/duckdb.ts";
import { openRuntime } from "../helpers/contract.ts";
import { leaderCounty } from "../helpers/leaders-fixture.ts";
import { rowByKey } from "../helpers/metric-rows.ts";
import { MEMBERS, UNITS } from "../helpers/metrics-fixture.ts";

interface Figure {
  count: number | null;
  base: number;
  value: number | null;
  prev_count: number | null;
  prev_value: number | null;
  delta: number | null;
}

/** The columns of {@link Figure}. */
const FIGURE = "count, base, value, prev_count, prev_value, delta";

const close = (x: number) => expect.closeTo(x, 9);

describe("leaders: the hand-worked two-term county", () => {
  let conn: DuckDBConnection;
  const get = (term: number, scope: string, scopeId: string, role: string, metric: string) =>
    rowByKey<Figure>(conn, "leaders", FIGURE, { term, scope, scope_id: scopeId, role, metric });
  beforeAll(async () => {
    conn = await leaderCounty();
  });

  it("secretaries of the county: A, D and E (E holds two units, counts once)", async () => {
    const g = (metric: string) => get(2021, "county", "测试县", "secretary", metric);
    expect(await g("members")).toEqual({
      count: 3,
      base: 3,
      value: 3,
      prev_count: 2,
      prev_value: 2,
      delta: 1,
    });
    // ages 53, 35 and 40 (E's age in 三村, the smallest unit_id); 2018: 50 and 55
    expect(await g("avg_age")).toEqual({
      count: 3,
      base: 3,
      value: close(128 / 3),
      prev_count: 2,
      prev_value: 52.5,
      delta: close(128 / 3 - 52.5),
    });
    expect(await g("age_le_35")).toMatchObject({ count: 1, value: close(100 / 3), prev_value: 0 });
    expect(await g("age_le_40")).toMatchObject({ count: 2, value: close(200 / 3) });
    expect(await g("college_plus")).toMatchObject({ count: 1, value: close(100 / 3), delta: close(100 / 3) });
    // D bachelor, E vocational; 2018: B senior of two
    expect(await g("high_school_plus")).toMatchObject({
      count: 2,
      value: close(200 / 3),
      prev_count: 1,
      prev_value: 50,
      delta: close(200 / 3 - 50),
    });
    expect(await g("women")).toMatchObject({ count: 1, value: close(100 / 3) });
    expect(await g("minority")).toMatchObject({ count: 1, value: close(100 / 3) });
    // A held the secretary of 一村 in 2018; 2018 itself has no previous term
    expect(await g("reelected")).toMatchObject({ count: 1, value: close(100 / 3), prev_count: null });
    expect(await g("party_members")).toBeUndefined();
  });

  it("chairs: the party row's attributes and age win; unknowns do not match; role changes are not reelection", async () => {
    const g = (metric: string) => get(2021, "county", "测试县", "chair", metric);
    expect(await g("members")).toMatchObject({ count: 4, base: 4 });
    // A 53 (party row, not his committee row's 54), C 48, B 58; F's age unknown
    expect(await g("avg_age")).toMatchObject({ count: 3, value: 53, prev_value: 47.5, delta: 5.5 });
    expect(await g("age_le_40")).toMatchObject({ count: 0, value: 0 });
    // only C: A's committee row says college, his party row junior
    expect(await g("college_plus")).toMatchObject({ count: 1, value: 25, prev_value: 50, delta: -25 });
    expect(await g("high_school_plus")).toMatchObject({ count: 2, value: 50 });
    expect(await g("women")).toMatchObject({ count: 1, value: 25 });
    expect(await g("party_members")).toMatchObject({ count: 3, value: 75, prev_count: 1, prev_value: 50 });
    // A and C; B was a secretary in 二村
    expect(await g("reelected")).toMatchObject({ count: 2, value: 50 });
  });

  it("one shoulder: A in 一村, both terms", async () => {
    expect(await get(2021, "county", "测试县", "one_shoulder", "members")).toMatchObject({
      count: 1,
      prev_count: 1,
      delta: 0,
    });
    expect(await get(2021, "county", "测试县", "one_shoulder", "reelected")).toMatchObject({
      count: 1,
      value: 100,
    });
    expect(await get(2021, "unit", "甲镇/一村", "one_shoulder", "avg_age")).toMatchObject({ value: 53 });
  });

  it("townships and units; scopes without leaders give base 0 and NULL shares", async () => {
    expect(await get(2021, "township", "乙镇", "secretary", "members")).toMatchObject({ count: 1, base: 1 });
    expect(await get(2021, "township", "乙镇", "secretary", "avg_age")).toMatchObject({ value: 40 });
    expect(await get(2021, "unit", "乙镇/五村", "secretary", "avg_age")).toMatchObject({ value: 41 });
    expect(await get(2021, "township", "甲镇", "secretary", "members")).toMatchObject({ count: 2 });
    expect(await get(2021, "township", "乙镇", "one_shoulder", "members")).toMatchObject({
      count: 0,
      base: 0,
      value: 0,
    });
    expect(await get(2021, "township", "乙镇", "one_shoulder", "women")).toMatchObject({
      count: 0,
      base: 0,
      value: null,
    });
    expect(await get(2021, "unit", "乙镇/四村", "chair", "avg_age")).toMatchObject({ count: 0, value: null });
  });

  it("the first term has no previous values and no reelection", async () => {
    expect(await get(2018, "county", "测试县", "secretary", "reelected")).toMatchObject({
      count: null,
      value: null,
    });
    expect(await get(2018, "county", "测试县", "chair", "members")).toMatchObject({
      count: 2,
      prev_count: null,
      prev_value: null,
      delta: null,
    });
  });
});

describe("high_school_plus in structure and unknowns (the metrics fixture)", () => {
  let conn: DuckDBConnection;
  beforeAll(async () => {
    conn = await openRuntime({ units: UNITS, members: MEMBERS });
    await computeMetrics(conn, { targets: [] });
  });
  const get = (body: string) =>
    rowByKey<Figure>(conn, "structure", FIGURE, {
      term: 2021,
      scope: "county",
      body,
      metric: "high_school_plus",
    });

  it("counts senior, vocational and higher; unknown education does not match", async () => {
    // party: e bachelor, h and d college (a junior, f unknown); 2018: b senior, d college of a, b, d
    expect(await get("party")).toMatchObject({
      count: 3,
      base: 5,
      value: 60,
      prev_count: 2,
      prev_value: close(200 / 3),
      delta: close(60 - 200 / 3),
    });
    // committee: e (her party row: bachelor), c college, g senior
    expect(await get("committee")).toMatchObject({ count: 3, base: 3, value: 100 });
    expect(await get("both")).toMatchObject({ count: 5, base: 7 });
    const [unknown] = await queryRows<{ unknown: number; base: number }>(
      conn,
      `SELECT unknown, base FROM unknowns
       WHERE term = 2021 AND scope = 'county' AND body = 'party' AND metric = 'high_school_plus'`,
    );
    expect(unknown).toEqual({ unknown: 1, base: 5 });
  });
});
