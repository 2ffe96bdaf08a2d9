import { beforeAll, describe, expect, it } from "vitest";
import { parseTargets } from "../../src/ingest/targets.ts";
import { computeMetrics } from "../../src/metrics/metrics.ts";
import { type DuckDBConnection, queryRows } from "../../src/warehouse/duckdb.ts";
import { openRuntime } from "../helpers/contract.ts";
import { MEMBERS, member, TARGETS_YAML, UNITS } from "../helpers/metrics-fixture.ts";

interface UnitResult {
  unit_id: string;
  actual: number | null;
  met: boolean;
  has_data: boolean;
}

describe("targets and target_units", () => {
  let conn: DuckDBConnection;
  const units = (term: number, target: string) =>
    queryRows<UnitResult>(
      conn,
      "SELECT unit_id, actual, met, has_data FROM target_units WHERE term = $1 AND target_id = $2 ORDER BY unit_id",
      [term, target],
    );
  const scopes = (term: number, target: string) =>
    queryRows(
      conn,
      "SELECT scope, scope_id, units_met, units_total, rate, goal, met FROM targets WHERE term = $1 AND target_id = $2 ORDER BY scope, scope_id",
      [term, target],
    );
  beforeAll(async () => {
    conn = await openRuntime({ units: UNITS, members: MEMBERS });
    await computeMetrics(conn, { targets: parseTargets(TARGETS_YAML, "targets.yaml") });
  });

  it("checks every unit in every term; units without roster have no data and do not meet", async () => {
    expect(await units(2021, "woman_member")).toEqual([
      { unit_id: "U1", actual: 2, met: true, has_data: true },
      { unit_id: "U2", actual: 1, met: true, has_data: true },
      { unit_id: "U3", actual: null, met: false, has_data: false },
    ]);
    expect(await scopes(2021, "woman_member")).toEqual([
      {
        scope: "county",
        scope_id: "测试县",
        units_met: 2,
        units_total: 3,
        rate: 200 / 3,
        goal: 100,
        met: false,
      },
      { scope: "township", scope_id: "乙镇", units_met: 0, units_total: 1, rate: 0, goal: 100, met: false },
      { scope: "township", scope_id: "甲镇", units_met: 2, units_total: 2, rate: 100, goal: 100, met: true },
    ]);
  });

  it("counts age ≤ age_max with the party age for both, and education at or above the minimum", async () => {
    expect(await units(2021, "young_35")).toEqual([
      { unit_id: "U1", actual: 1, met: true, has_data: true },
      { unit_id: "U2", actual: 0, met: false, has_data: true },
      { unit_id: "U3", actual: null, met: false, has_data: false },
    ]);
    // U1: e (bachelor) and c (college); f's unknown education does not count.
    expect(await units(2021, "two_college")).toEqual([
      { unit_id: "U1", actual: 2, met: true, has_data: true },
      { unit_id: "U2", actual: 2, met: true, has_data: true },
      { unit_id: "U3", actual: null, met: false, has_data: false },
    ]);
    const [county] = await scopes(2021, "two_college");
    expect(county).toMatchObject({ units_met: 2, units_total: 3, met: true });
  });

  it("measures one shoulder on villages only, needing both bodies' rosters; a rate equal to the goal meets it", async () => {
    expect(await units(2018, "one_shoulder")).toEqual([
      { unit_id: "U1", actual: 1, met: true, has_data: true },
      { unit_id: "U3", actual: null, met: false, has_data: false },
    ]);
    expect(await units(2021, "one_shoulder")).toEqual([
      { unit_id: "U1", actual: 0, met: false, has_data: true },
      { unit_id: "U3", actual: null, met: false, has_data: false },
    ]);
    expect(await scopes(2018, "one_shoulder")).toEqual([
      { scope: "county", scope_id: "测试县", units_met: 1, units_total: 2, rate: 50, goal: 50, met: true },
      { scope: "township", scope_id: "乙镇", units_met: 0, units_total: 1, rate: 0, goal: 50, met: false },
      { scope: "township", scope_id: "甲镇", units_met: 1, units_total: 1, rate: 100, goal: 50, met: true },
    ]);
  });

  it("applies position and party conditions within the target's body, on communities only", async () => {
    expect(await units(2021, "party_secretary")).toEqual([
      { unit_id: "U2", actual: 1, met: true, has_data: true },
    ]);
    expect(await units(2018, "party_secretary")).toEqual([
      { unit_id: "U2", actual: 1, met: true, has_data: true },
    ]);
  });

  it("has no data for a body without roster even when the other body has one", async () => {
    // U2 has a party roster in 2021 but no committee roster.
    expect(await units(2021, "committee_woman")).toEqual([
      { unit_id: "U1", actual: 2, met: true, has_data: true },
      { unit_id: "U2", actual: null, met: false, has_data: false },
      { unit_id: "U3", actual: null, met: false, has_data: false },
    ]);
  });
});

describe("targets without applicable units or rosters", () => {
  it("gives a county row with no rate when no unit applies", async () => {
    const conn = await openRuntime({
      units: UNITS.filter((u) => u.unit_type === "village"),
      members: [member({ term: 2021, unit_id: "U1", body: "party", person_key: "a" })],
    });
    await computeMetrics(conn, {
      targets: parseTargets(
        "targets:\n  - { id: c, label: 社区, rule: one_shoulder, goal: 50, applies_to: community }\n",
        "targets.yaml",
      ),
    });
    expect(await queryRows(conn, "SELECT scope, units_total, rate, met FROM targets")).toEqual([
      { scope: "county", units_total: 0, rate: null, met: null },
    ]);
    expect(await queryRows(conn, "SELECT * FROM target_units")).toEqual([]);
  });

  it("creates empty target tables when there are no targets", async () => {
    const conn = await openRuntime({ units: UNITS, members: MEMBERS });
    await computeMetrics(conn, { targets: [] });
    expect(await queryRows(conn, "SELECT count(*) AS n FROM targets")).toEqual([{ n: 0 }]);
    expect(await queryRows(conn, "SELECT count(*) AS n FROM target_units")).toEqual([{ n: 0 }]);
  });
});
