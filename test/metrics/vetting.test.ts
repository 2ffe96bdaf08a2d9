import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type DuckDBConnection, queryRows } from "../../src/warehouse/duckdb.ts";
import { type CandidateRow, type UnitRow, vetting, vettingReasons } from "../../src/warehouse/tables.ts";
import { expectContract } from "../helpers/contract.ts";
import { buildMarts, unit } from "../helpers/vote-fixtures.ts";

const east = unit("城关镇", "东村");
const west = unit("城关镇", "西村");
const south = unit("新镇", "南村");
const quiet = unit("静镇", "北村");

let row = 1;
function reg(
  u: UnitRow,
  person_key: string,
  body: CandidateRow["body"],
  status: CandidateRow["status"],
  over: Partial<CandidateRow> = {},
): CandidateRow {
  row += 1;
  return {
    term: 2021,
    unit_id: u.unit_id,
    township: u.township,
    unit: u.unit,
    body,
    person_key,
    name: person_key,
    party_member: true,
    status,
    reason: null,
    source_file: "vetting.csv",
    source_row: row,
    ...over,
  };
}

const rows: CandidateRow[] = [
  // 城关镇: p1 party passed and committee passed (one person in both)
  reg(east, "p1", "party", "passed"),
  reg(east, "p1", "committee", "passed"),
  // p2 passed for the party, disqualified for the committee → disqualified in both
  reg(east, "p2", "party", "passed"),
  reg(east, "p2", "committee", "disqualified", { reason: " 受过刑事处罚 " }),
  // p3 names no body: counts only in both; not a party member
  reg(west, "p3", null, "withdrawn", { party_member: false }),
  // p4 withdrew from the party, passed for the committee → passed in both
  reg(west, "p4", "party", "withdrawn"),
  reg(west, "p4", "committee", "passed", { party_member: null }),
  // 新镇: two disqualified for the same reason, one without a reason
  reg(south, "p5", "party", "disqualified", { reason: "受过刑事处罚" }),
  reg(south, "p6", "committee", "disqualified", { reason: "受过刑事处罚", party_member: false }),
  reg(south, "p7", "committee", "disqualified", { reason: "" }),
];

let conn: DuckDBConnection;

beforeAll(async () => {
  conn = await buildMarts({ units: [east, west, south, quiet], candidates: rows, dataset: "测试县" });
});
afterAll(() => conn?.closeSync());

type Counts = [
  registered: number,
  party_members: number,
  passed: number,
  disqualified: number,
  withdrawn: number,
];

async function counts(scope_id: string, body: string): Promise<Counts | undefined> {
  const got = await queryRows<{ r: number; pm: number; p: number; d: number; w: number }>(
    conn,
    `SELECT registered AS r, party_members AS pm, passed AS p, disqualified AS d, withdrawn AS w
       FROM vetting WHERE term = 2021 AND scope_id = $1 AND body = $2`,
    [scope_id, body],
  );
  expect(got).toHaveLength(1);
  return got[0] && [got[0].r, got[0].pm, got[0].p, got[0].d, got[0].w];
}

describe("vetting", () => {
  test("per body: the rows of that body, distinct persons", async () => {
    expect(await counts("城关镇", "party")).toEqual([3, 3, 2, 0, 1]);
    expect(await counts("城关镇", "committee")).toEqual([3, 2, 2, 1, 0]);
  });

  test("both: every distinct person, NULL bodies included, disqualified > passed > withdrawn", async () => {
    expect(await counts("城关镇", "both")).toEqual([4, 3, 2, 1, 1]);
    expect(await counts("测试县", "both")).toEqual([7, 5, 2, 4, 1]);
  });

  test("county sums the townships; a township without registrations has zeros", async () => {
    expect(await counts("测试县", "party")).toEqual([4, 4, 2, 1, 1]);
    expect(await counts("测试县", "committee")).toEqual([5, 3, 2, 3, 0]);
    expect(await counts("静镇", "both")).toEqual([0, 0, 0, 0, 0]);
  });

  test("registered = passed + disqualified + withdrawn everywhere; contract columns", async () => {
    const bad = await queryRows(
      conn,
      "SELECT * FROM vetting WHERE registered <> passed + disqualified + withdrawn",
    );
    expect(bad).toEqual([]);
    const n = await queryRows<{ n: number }>(conn, "SELECT count(*) AS n FROM vetting");
    expect(n[0]?.n).toBe((1 + 3) * 3); // county + 3 townships, 3 bodies
    await expectContract(conn, vetting);
  });

  test("vetting_reasons: distinct persons per reason as written (trimmed), no reason grouped as 未注明原因", async () => {
    const got = await queryRows(
      conn,
      "SELECT scope, scope_id, reason, disqualified FROM vetting_reasons ORDER BY scope, scope_id, reason",
    );
    expect(got).toEqual([
      { scope: "county", scope_id: "测试县", reason: "受过刑事处罚", disqualified: 3 },
      { scope: "county", scope_id: "测试县", reason: "未注明原因", disqualified: 1 },
      { scope: "township", scope_id: "城关镇", reason: "受过刑事处罚", disqualified: 1 },
      { scope: "township", scope_id: "新镇", reason: "受过刑事处罚", disqualified: 2 },
      { scope: "township", scope_id: "新镇", reason: "未注明原因", disqualified: 1 },
    ]);
    await expectContract(conn, vettingReasons);
  });

  test("no vetting rows: both tables empty", async () => {
    const c = await buildMarts({ units: [east] });
    const got = await queryRows<{ v: number; r: number }>(
      c,
      "SELECT (SELECT count(*) FROM vetting) AS v, (SELECT count(*) FROM vetting_reasons) AS r",
    );
    c.closeSync();
    expect(got[0]).toEqual({ v: 0, r: 0 });
  });
});
