import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type DuckDBConnection, queryRows } from "../../src/warehouse/duckdb.ts";
import { type MemberRow, type UnitRow, unitChecks } from "../../src/warehouse/tables.ts";
import { expectContract } from "../helpers/contract.ts";
import { buildMarts, member, unit } from "../helpers/vote-fixtures.ts";

/** `n` committee members of `u`, the first `women` of them women. */
function committee(u: UnitRow, n: number, women = 0, term = 2021): MemberRow[] {
  return Array.from({ length: n }, (_, i) =>
    member(u, { term, body: "committee", name: `${u.unit}委员${i + 1}`, gender: i < women ? "F" : "M" }),
  );
}

const village2 = unit("城关镇", "两人村");
const village3 = unit("城关镇", "三人村");
const village7 = unit("城关镇", "七人村");
const village8 = unit("城关镇", "八人村");
const community4 = unit("城关镇", "四人社区", "community");
const community5 = unit("城关镇", "五人社区", "community");
const community9 = unit("城关镇", "九人社区", "community");
const community10 = unit("城关镇", "十人社区", "community");
const empty = unit("新镇", "空村");
const unknownGender = unit("新镇", "不详村");
const twoSecretaries = unit("新镇", "双书记村");
const noSecretary = unit("新镇", "无书记村");

let conn: DuckDBConnection;

beforeAll(async () => {
  conn = await buildMarts({
    terms: [
      { term: 2018, reference_date: "2018-06-30" },
      { term: 2021, reference_date: "2021-01-16" },
    ],
    units: [
      village2,
      village3,
      village7,
      village8,
      community4,
      community5,
      community9,
      community10,
      empty,
      unknownGender,
      twoSecretaries,
      noSecretary,
    ],
    members: [
      ...committee(village2, 2, 1),
      ...committee(village3, 3, 0),
      ...committee(village7, 7, 2),
      ...committee(village8, 8, 1),
      ...committee(community4, 4, 1),
      ...committee(community5, 5, 1),
      ...committee(community9, 9, 1),
      ...committee(community10, 10, 1),
      ...committee(unknownGender, 3, 0).map((m, i) => (i === 0 ? { ...m, gender: null } : m)),
      member(village3, { body: "party", name: "书记甲", position: "secretary" }),
      member(village3, { body: "party", name: "三人村委员1" }),
      member(twoSecretaries, { body: "party", name: "张三", position: "secretary" }),
      member(twoSecretaries, { body: "party", name: "李四", position: "secretary" }),
      member(noSecretary, { body: "party", name: "王五", position: "deputy_secretary" }),
      member(noSecretary, { body: "party", name: "赵六" }),
      // a person holding two party rows (secretary and a member row) is one secretary
      member(village7, { body: "party", name: "钱七", position: "secretary" }),
      member(village7, { body: "party", name: "钱七", position: "member", source_row: 3 }),
    ],
  });
});
afterAll(() => conn?.closeSync());

async function check(u: UnitRow, name: string, term = 2021) {
  const got = await queryRows<{ status: string; message: string }>(
    conn,
    `SELECT status, message FROM unit_checks WHERE term = $1 AND unit_id = $2 AND "check" = $3`,
    [term, u.unit_id, name],
  );
  expect(got).toHaveLength(1);
  return got[0];
}

describe("unit_checks", () => {
  test.each([
    { u: village2, status: "failed", message: "村民委员会成员2人,少于3人" },
    { u: village3, status: "passed", message: "村民委员会成员3人,在3至7人之间" },
    { u: village7, status: "passed", message: "村民委员会成员7人,在3至7人之间" },
    { u: village8, status: "failed", message: "村民委员会成员8人,多于7人" },
    { u: community4, status: "failed", message: "居民委员会成员4人,少于5人" },
    { u: community5, status: "passed", message: "居民委员会成员5人,在5至9人之间" },
    { u: community9, status: "passed", message: "居民委员会成员9人,在5至9人之间" },
    { u: community10, status: "failed", message: "居民委员会成员10人,多于9人" },
    { u: empty, status: "not_applicable", message: "无村民委员会成员名单" },
  ])("committee_size of $u.unit is $status", async ({ u, status, message }) => {
    expect(await check(u, "committee_size")).toEqual({ status, message });
  });

  test.each([
    { name: "committee_has_woman", u: village2, status: "passed", message: "村民委员会成员2人,其中女性1人" },
    { name: "committee_has_woman", u: village3, status: "failed", message: "村民委员会成员3人,其中女性0人" },
    {
      name: "committee_has_woman",
      u: unknownGender,
      status: "failed",
      message: "村民委员会成员3人,其中女性0人,性别不详1人",
    },
    { name: "party_has_secretary", u: village3, status: "passed", message: "党组织书记1人(书记甲)" },
    // exactly one: a person holding two party rows (secretary and a member row) is one secretary
    { name: "party_has_secretary", u: village7, status: "passed", message: "党组织书记1人(钱七)" },
    {
      name: "party_has_secretary",
      u: twoSecretaries,
      status: "failed",
      message: "党组织书记2人(张三、李四),应为1人",
    },
    {
      name: "party_has_secretary",
      u: noSecretary,
      status: "failed",
      message: "党组织成员2人,无书记,应为1人",
    },
    { name: "party_has_secretary", u: village2, status: "not_applicable", message: "无党组织成员名单" },
  ])("$name of $u.unit is $status", async ({ name, u, status, message }) => {
    expect(await check(u, name)).toEqual({ status, message });
  });

  test("committee_has_woman without a committee roster is not applicable", async () => {
    expect((await check(empty, "committee_has_woman"))?.status).toBe("not_applicable");
  });

  test("every unit × every term × three checks, a term without roster is not applicable", async () => {
    const got = await queryRows<{ n: number; keys: number; applicable: number }>(
      conn,
      `SELECT count(*) AS n, count(DISTINCT (term, unit_id, "check")) AS keys,
              count(*) FILTER (WHERE term = 2018 AND status <> 'not_applicable') AS applicable
       FROM unit_checks`,
    );
    expect(got[0]).toEqual({ n: 2 * 12 * 3, keys: 2 * 12 * 3, applicable: 0 });
    await expectContract(conn, unitChecks);
  });
});
