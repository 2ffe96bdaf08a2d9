import { beforeAll, describe, expect, it } from "vitest";
import { type DuckDBConnection, queryRows } from "../../src/warehouse/duckdb.ts";
import type { ElectionSummaryRow } from "../../src/warehouse/tables.ts";
import { leaderCounty } from "../helpers/leaders-fixture.ts";
import { rowByKey } from "../helpers/metric-rows.ts";

describe("election summary: the hand-worked county (test/helpers/leaders-fixture.ts)", () => {
  let conn: DuckDBConnection;
  const get = async (term: number, scope: string, scopeId: string, body: string) => {
    const row = await rowByKey<ElectionSummaryRow>(
      conn,
      "election_summary",
      "* EXCLUDE (term, scope, scope_id, body)",
      { term, scope, scope_id: scopeId, body },
    );
    expect(row).toBeDefined();
    return row;
  };
  beforeAll(async () => {
    conn = await leaderCounty();
  });

  it("committee, county: four units elected, two in the first round; one election per unit summed", async () => {
    // 一村 委员 (tie on 1000) 790; 二村 主任 600/500; 三村 主任 (tie, no 委员) 300/200; 五村 400/300
    expect(await get(2021, "county", "测试县", "committee")).toEqual({
      units_elected: 4,
      units_first_round: 2,
      first_round_rate: 50,
      entitled: 2300,
      cast: 1790,
      turnout: expect.closeTo((1790 / 2300) * 100, 9),
      // round 1: 一村 3, 二村 2, 三村 2, 五村 1; competitive: 一村 主任 and 委员, 二村 both, 三村 副主任, 五村 委员
      elections: 8,
      competitive: 6,
      competitive_rate: 75,
    });
  });

  it("committee by township: a second round and an unfilled seat are not first-round successes", async () => {
    expect(await get(2021, "township", "甲镇", "committee")).toMatchObject({
      units_elected: 2,
      units_first_round: 1,
      entitled: 1600,
      cast: 1290,
      turnout: 80.625,
    });
    // 四村 has no tallies: not counted anywhere
    expect(await get(2021, "township", "乙镇", "committee")).toMatchObject({
      units_elected: 2,
      units_first_round: 1,
      first_round_rate: 50,
      entitled: 700,
      cast: 500,
      turnout: expect.closeTo(500 / 7, 9),
    });
  });

  it("party: the 委员 election counts on a tie of entitled; no elections give NULL rates", async () => {
    expect(await get(2021, "county", "测试县", "party")).toEqual({
      units_elected: 1,
      units_first_round: 1,
      first_round_rate: 100,
      entitled: 40,
      cast: 38,
      turnout: 95,
      elections: 2,
      competitive: 1,
      competitive_rate: 50,
    });
    expect(await get(2021, "township", "乙镇", "party")).toEqual({
      units_elected: 0,
      units_first_round: 0,
      first_round_rate: null,
      entitled: 0,
      cast: 0,
      turnout: null,
      elections: 0,
      competitive: 0,
      competitive_rate: null,
    });
    expect(await get(2018, "county", "测试县", "committee")).toMatchObject({
      units_elected: 0,
      turnout: null,
    });
  });

  it("has no unit scope", async () => {
    const [row] = await queryRows<{ n: number }>(
      conn,
      "SELECT count(*)::INTEGER AS n FROM election_summary WHERE scope NOT IN ('county', 'township')",
    );
    expect(row?.n).toBe(0);
  });
});
