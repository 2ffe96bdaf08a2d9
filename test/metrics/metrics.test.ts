import { beforeAll, describe, expect, it } from "vitest";
import { computeMetrics } from "../../src/metrics/metrics.ts";
import type { Figure } from "../../src/metrics/summary.ts";
import { type DuckDBConnection, queryRows } from "../../src/warehouse/duckdb.ts";
import { openRuntime } from "../helpers/contract.ts";
import { rowByKey } from "../helpers/metric-rows.ts";
import { MEMBERS, member, UNITS } from "../helpers/metrics-fixture.ts";

type StructureRow = Figure & { change_pct: number | null; count_change_pct: number | null };

function getter(conn: () => DuckDBConnection) {
  return (term: number, scope: string, scopeId: string, body: string, metric: string) =>
    rowByKey<StructureRow>(
      conn(),
      "structure",
      "count, base, value, prev_count, prev_value, delta, change_pct, count_change_pct",
      { term, scope, scope_id: scopeId, body, metric },
    );
}

describe("structure: the two-term fixture", () => {
  let conn: DuckDBConnection;
  const get = getter(() => conn);
  beforeAll(async () => {
    conn = await openRuntime({ units: UNITS, members: MEMBERS });
    await computeMetrics(conn, { targets: [] });
  });

  it("counts distinct persons and positions per body (county, 2021)", async () => {
    expect(await get(2021, "county", "测试县", "party", "members")).toMatchObject({
      count: 5,
      base: 5,
      value: 5,
    });
    expect(await get(2021, "county", "测试县", "party", "secretaries")).toMatchObject({ count: 2, value: 2 });
    expect(await get(2021, "county", "测试县", "party", "deputy_secretaries")).toMatchObject({ count: 1 });
    expect(await get(2021, "county", "测试县", "committee", "chairs")).toMatchObject({ count: 1 });
    expect(await get(2021, "county", "测试县", "committee", "vice_chairs")).toMatchObject({ count: 1 });
    // both: a person on both committees (e) counts once.
    expect(await get(2021, "county", "测试县", "both", "members")).toMatchObject({ count: 7, base: 7 });
    expect(await get(2021, "county", "测试县", "both", "secretaries")).toMatchObject({ count: 2 });
    expect(await get(2021, "county", "测试县", "both", "chairs")).toMatchObject({ count: 1 });
  });

  it("gives no row for positions that do not exist in a body", async () => {
    expect(await get(2021, "county", "测试县", "committee", "secretaries")).toBeUndefined();
    expect(await get(2021, "county", "测试县", "committee", "deputy_secretaries")).toBeUndefined();
    expect(await get(2021, "county", "测试县", "party", "chairs")).toBeUndefined();
    expect(await get(2021, "county", "测试县", "party", "vice_chairs")).toBeUndefined();
  });

  it("counts unknown attributes as not matching and averages known ages only", async () => {
    // f: education unknown → not college; g: age unknown → outside avg and age shares.
    expect(await get(2021, "county", "测试县", "party", "college_plus")).toMatchObject({
      count: 3,
      base: 5,
      value: 60,
    });
    expect(await get(2021, "county", "测试县", "party", "minority")).toMatchObject({ count: 1, value: 20 });
    expect(await get(2021, "county", "测试县", "committee", "minority")).toMatchObject({
      count: 0,
      value: 0,
    });
    expect(await get(2021, "county", "测试县", "party", "avg_age")).toMatchObject({
      count: 5,
      base: 5,
      value: 46.4,
    });
    expect(await get(2021, "county", "测试县", "committee", "avg_age")).toMatchObject({
      count: 2,
      base: 3,
      value: 42,
    });
  });

  it("includes the boundary ages 35 and 40", async () => {
    expect(await get(2021, "county", "测试县", "party", "age_le_35")).toMatchObject({ count: 1, value: 20 });
    expect(await get(2021, "county", "测试县", "party", "age_le_40")).toMatchObject({ count: 2, value: 40 });
  });

  it("takes the party row's attributes for every body, and the party age for both", async () => {
    // e: party row F, bachelor, party member, 35; committee row M, junior, not member, 36.
    expect(await get(2021, "unit", "U1", "committee", "women")).toMatchObject({ count: 2, base: 3 });
    expect(await get(2021, "unit", "U1", "committee", "college_plus")).toMatchObject({ count: 2 });
    expect(await get(2021, "unit", "U1", "committee", "party_members")).toMatchObject({ count: 1 });
    // age belongs to the membership: 36 in the committee, 35 (party) for both.
    expect(await get(2021, "unit", "U1", "committee", "age_le_35")).toMatchObject({ count: 0 });
    expect(await get(2021, "unit", "U1", "both", "age_le_35")).toMatchObject({ count: 1, base: 5 });
    expect(await get(2021, "unit", "U1", "both", "women")).toMatchObject({ count: 2, base: 5 });
  });

  it("counts cross-serving persons and re-elected persons of the same body and unit", async () => {
    expect(await get(2021, "unit", "U1", "party", "cross_serving")).toMatchObject({ count: 1, base: 3 });
    expect(await get(2021, "unit", "U1", "committee", "cross_serving")).toMatchObject({ count: 1, base: 3 });
    // party: a was in U1's party in 2018, d in U2's party.
    expect(await get(2021, "county", "测试县", "party", "reelected")).toMatchObject({ count: 2, value: 40 });
    // committee: c (2018 committee); e was not there.
    expect(await get(2021, "unit", "U1", "committee", "reelected")).toMatchObject({ count: 1 });
    // both: a and c, from either body.
    expect(await get(2021, "unit", "U1", "both", "reelected")).toMatchObject({ count: 2 });
  });

  it("leaves re-election unknown in the first term, which has no previous term", async () => {
    expect(await get(2018, "county", "测试县", "party", "reelected")).toMatchObject({
      count: null,
      value: null,
    });
    expect(await get(2018, "unit", "U1", "both", "reelected")).toMatchObject({ count: null, value: null });
  });

  it("keeps units without a roster as rows with base 0", async () => {
    expect(await get(2021, "unit", "U3", "both", "members")).toMatchObject({ count: 0, base: 0, value: 0 });
    expect(await get(2021, "unit", "U3", "both", "women")).toMatchObject({ count: 0, base: 0, value: null });
    expect(await get(2021, "unit", "U3", "party", "avg_age")).toMatchObject({ count: 0, value: null });
    expect(await get(2021, "township", "乙镇", "party", "members")).toMatchObject({ count: 0, base: 0 });
    expect(await get(2021, "unit", "U2", "committee", "members")).toMatchObject({ count: 0, base: 0 });
  });

  it("compares with the previous term; the first term has no previous figures", async () => {
    expect(await get(2018, "county", "测试县", "party", "members")).toMatchObject({
      count: 3,
      prev_count: null,
      prev_value: null,
      delta: null,
      change_pct: null,
      count_change_pct: null,
    });
    const members = await get(2021, "county", "测试县", "party", "members");
    expect(members).toMatchObject({ prev_count: 3, prev_value: 3, delta: 2 });
    expect(members?.change_pct).toBeCloseTo(66.6667, 3);
    expect(members?.count_change_pct).toBeCloseTo(66.6667, 3);
    const college = await get(2021, "county", "测试县", "party", "college_plus");
    expect(college).toMatchObject({ prev_count: 1, count_change_pct: 200, change_pct: 80 });
    expect(college?.prev_value).toBeCloseTo(33.3333, 3);
    expect(college?.delta).toBeCloseTo(26.6667, 3);
    expect(await get(2021, "county", "测试县", "party", "avg_age")).toMatchObject({
      prev_value: 55,
      delta: -8.6,
    });
  });

  it("gives null relative changes when the previous share is zero", async () => {
    expect(await get(2021, "county", "测试县", "party", "women")).toMatchObject({
      value: 40,
      prev_count: 0,
      prev_value: 0,
      delta: 40,
      change_pct: null,
      count_change_pct: null,
    });
  });
});

describe("structure: terms and persons in several units", () => {
  it("uses the largest smaller manifest term as previous, also when it has no roster", async () => {
    const conn = await openRuntime({
      units: UNITS,
      members: [member({ term: 2021, unit_id: "U1", body: "party", person_key: "a" })],
      terms: [
        { term: 2018, reference_date: "2018-06-30" },
        { term: 2021, reference_date: "2021-01-16" },
      ],
    });
    await computeMetrics(conn, { targets: [] });
    const get = getter(() => conn);
    expect(await get(2018, "county", "测试县", "party", "members")).toMatchObject({ count: 0, base: 0 });
    expect(await get(2021, "county", "测试县", "party", "members")).toMatchObject({
      count: 1,
      prev_count: 0,
      prev_value: 0,
      delta: 1,
      change_pct: null,
      count_change_pct: null,
    });
    expect(await get(2021, "county", "测试县", "party", "women")).toMatchObject({
      prev_value: null,
      delta: null,
    });
    const [verdict] = await queryRows(
      conn,
      "SELECT * FROM two_up_one_down WHERE scope = 'county' AND body = 'party'",
    );
    expect(verdict).toMatchObject({ term: 2021, prev_term: 2018, college_up: null, verdict: null });
  });

  it("counts a person in two units once at county scope", async () => {
    const conn = await openRuntime({
      units: UNITS,
      members: [
        member({ term: 2021, unit_id: "U1", body: "party", person_key: "a", gender: "F" }),
        member({ term: 2021, unit_id: "U3", body: "party", person_key: "a", gender: "F" }),
      ],
    });
    await computeMetrics(conn, { targets: [] });
    const get = getter(() => conn);
    expect(await get(2021, "county", "测试县", "party", "members")).toMatchObject({ count: 1 });
    expect(await get(2021, "county", "测试县", "party", "women")).toMatchObject({ count: 1, value: 100 });
    expect(await get(2021, "township", "甲镇", "party", "members")).toMatchObject({ count: 1 });
    expect(await get(2021, "township", "乙镇", "party", "members")).toMatchObject({ count: 1 });
  });
});

describe("two_up_one_down and one_shoulder", () => {
  let conn: DuckDBConnection;
  beforeAll(async () => {
    conn = await openRuntime({ units: UNITS, members: MEMBERS });
    await computeMetrics(conn, { targets: [] });
  });

  it("reports each leg and the verdict for county and township, party and both, from the second term", async () => {
    const rows = await queryRows(
      conn,
      "SELECT term, prev_term, scope, scope_id, body, college_up, women_up, age_down, verdict FROM two_up_one_down ORDER BY ALL",
    );
    // every leg of these rows holds (true), or none is known (null)
    const legs = (scope: string, scope_id: string, body: string, all: boolean | null) => ({
      term: 2021,
      prev_term: 2018,
      scope,
      scope_id,
      body,
      college_up: all,
      women_up: all,
      age_down: all,
      verdict: all,
    });
    expect(rows).toEqual([
      legs("county", "测试县", "both", true),
      legs("county", "测试县", "party", true),
      legs("township", "乙镇", "both", null),
      legs("township", "乙镇", "party", null),
      legs("township", "甲镇", "both", true),
      legs("township", "甲镇", "party", true),
    ]);
  });

  it("gives a false verdict when one leg fails", async () => {
    const c = await openRuntime({
      units: UNITS,
      members: [
        member({ term: 2018, unit_id: "U1", body: "party", person_key: "a", age: 40, gender: "F" }),
        member({
          term: 2021,
          unit_id: "U1",
          body: "party",
          person_key: "b",
          age: 50,
          gender: "F",
          education: "college",
          college_plus: true,
        }),
      ],
    });
    await computeMetrics(c, { targets: [] });
    const [row] = await queryRows(
      c,
      "SELECT college_up, women_up, age_down, verdict FROM two_up_one_down WHERE scope = 'county' AND body = 'party'",
    );
    expect(row).toEqual({ college_up: true, women_up: false, age_down: false, verdict: false });
  });

  it("counts one-shoulder units over all units of the scope", async () => {
    const rows = await queryRows(
      conn,
      "SELECT term, scope, scope_id, units_total, units_with_data, units_one_shoulder, rate FROM one_shoulder WHERE scope <> 'unit' ORDER BY ALL",
    );
    const shoulder = (
      term: number,
      scope: string,
      scope_id: string,
      units_total: number,
      units_with_data: number,
      units_one_shoulder: number,
      rate: number,
    ) => ({ term, scope, scope_id, units_total, units_with_data, units_one_shoulder, rate });
    expect(rows).toEqual([
      shoulder(2018, "county", "测试县", 3, 1, 1, 100 / 3),
      shoulder(2018, "township", "乙镇", 1, 0, 0, 0),
      shoulder(2018, "township", "甲镇", 2, 1, 1, 50),
      shoulder(2021, "county", "测试县", 3, 1, 0, 0),
      shoulder(2021, "township", "乙镇", 1, 0, 0, 0),
      shoulder(2021, "township", "甲镇", 2, 1, 0, 0),
    ]);
    const units = await queryRows(
      conn,
      "SELECT scope_id, units_one_shoulder FROM one_shoulder WHERE scope = 'unit' AND term = 2018 ORDER BY 1",
    );
    expect(units).toEqual([
      { scope_id: "U1", units_one_shoulder: 1 },
      { scope_id: "U2", units_one_shoulder: 0 },
      { scope_id: "U3", units_one_shoulder: 0 },
    ]);
  });
});
