/**
 * A two-term county for the leaders' profile and the election summary;
 * the expected figures are worked out by hand in test/metrics/leaders.test.ts
 * and test/metrics/election-summary.test.ts.
 * Units: 甲镇 一村, 二村; 乙镇 三村, 四村 (no roster, no tallies), 五村.
 */
import { computeMetrics } from "../../src/metrics/metrics.ts";
import type { DuckDBConnection } from "../../src/warehouse/duckdb.ts";
import type { MemberRow } from "../../src/warehouse/tables.ts";
import { openRuntime } from "./contract.ts";
import { election, member, tallies, unit } from "./vote-fixtures.ts";

export const U1 = unit("甲镇", "一村");
export const U2 = unit("甲镇", "二村");
export const U3 = unit("乙镇", "三村");
export const U4 = unit("乙镇", "四村");
export const U5 = unit("乙镇", "五村");
export const LEADER_UNITS = [U1, U2, U3, U4, U5];
export const LEADER_TERMS = [
  { term: 2018, reference_date: "2018-06-30" },
  { term: 2021, reference_date: "2021-06-30" },
];

const junior = { education: "junior", college_plus: false } as const;
const senior = { education: "senior", college_plus: false } as const;
const college = { education: "college", college_plus: true } as const;

/**
 * 2018: 一村 A secretary and chair (一肩挑); 二村 B secretary, C chair.
 * 2021: 一村 A again in both roles (his committee row says college and age 54:
 * the party row wins, junior and 53); 二村 D secretary (woman, 蒙古族,
 * bachelor, 35), C chair again; 三村 E secretary (vocational, 40) and F chair
 * (woman, age and education unknown); 五村 E secretary too (age 41 there: the
 * smallest unit_id, 三村, gives his age), B chair (was secretary: not
 * reelected as chair). Ordinary members around them do not count.
 */
export const LEADER_MEMBERS: MemberRow[] = [
  member(U1, { term: 2018, body: "party", name: "A", position: "secretary", age: 50, ...junior }),
  member(U1, { term: 2018, body: "committee", name: "A", position: "chair", age: 50, ...junior }),
  member(U1, { term: 2018, body: "party", name: "M1", age: 30, ...college }),
  member(U2, { term: 2018, body: "party", name: "B", position: "secretary", age: 55, ...senior }),
  member(U2, {
    term: 2018,
    body: "committee",
    name: "C",
    position: "chair",
    age: 45,
    ...college,
    party_member: false,
  }),
  member(U1, { term: 2021, body: "party", name: "A", position: "secretary", age: 53, ...junior }),
  member(U1, { term: 2021, body: "committee", name: "A", position: "chair", age: 54, ...college }),
  member(U1, { term: 2021, body: "committee", name: "M2", age: 30, gender: "F", ...college }),
  member(U2, {
    term: 2021,
    body: "party",
    name: "D",
    position: "secretary",
    age: 35,
    gender: "F",
    ethnicity: "蒙古族",
    education: "bachelor",
    college_plus: true,
  }),
  member(U2, {
    term: 2021,
    body: "committee",
    name: "C",
    position: "chair",
    age: 48,
    ...college,
    party_member: false,
  }),
  member(U3, {
    term: 2021,
    body: "party",
    name: "E",
    position: "secretary",
    age: 40,
    education: "vocational",
  }),
  member(U3, {
    term: 2021,
    body: "committee",
    name: "F",
    position: "chair",
    age: null,
    gender: "F",
    education: null,
    college_plus: null,
  }),
  member(U5, {
    term: 2021,
    body: "party",
    name: "E",
    position: "secretary",
    age: 41,
    education: "vocational",
  }),
  member(U5, { term: 2021, body: "committee", name: "B", position: "chair", age: 58, ...senior }),
];

const lost = (n: number) => Array.from({ length: n }, (_, i) => [`落${i}`, 1, false] as const);
const won = (n: number) => Array.from({ length: n }, (_, i) => [`当${i}`, 100, true] as const);

/**
 * 2021 tallies. Committee: 一村 first round (主任, 委员, 副主任 tie on
 * entitled 1000: 委员 counts, cast 790); 二村 主任 not filled in round 1,
 * round 2 (not first round; 主任 has the largest entitled, 600, cast 500);
 * 三村 first round (主任 and 副主任 tie on 300 without 委员: 主任, cast 200);
 * 五村 委员 two of three seats filled, no round 2 (not first round; 400 / 300);
 * 四村 no tallies. Party: 一村 委员 and 书记 tie on 40: 委员 (cast 38).
 */
export const LEADER_ELECTIONS = tallies(
  election(U1, { body: "committee", office: "主任", seats: 1, entitled: 1000, cast: 800 }, [
    ...won(1),
    ...lost(1),
  ]),
  election(U1, { body: "committee", office: "委员", seats: 4, entitled: 1000, cast: 790 }, [
    ...won(4),
    ...lost(1),
  ]),
  election(U1, { body: "committee", office: "副主任", seats: 1, entitled: 1000, cast: 700 }, won(1)),
  election(U2, { body: "committee", office: "主任", seats: 1, entitled: 600, cast: 500 }, lost(2)),
  election(U2, { body: "committee", office: "主任", round: 2, seats: 1, entitled: 600, cast: 400 }, [
    ...won(1),
    ...lost(1),
  ]),
  election(U2, { body: "committee", office: "委员", seats: 2, entitled: 580, cast: 450 }, [
    ...won(2),
    ...lost(1),
  ]),
  election(U3, { body: "committee", office: "副主任", seats: 1, entitled: 300, cast: 210 }, [
    ...won(1),
    ...lost(1),
  ]),
  election(U3, { body: "committee", office: "主任", seats: 1, entitled: 300, cast: 200 }, won(1)),
  election(U5, { body: "committee", office: "委员", seats: 3, entitled: 400, cast: 300 }, [
    ...won(2),
    ...lost(2),
  ]),
  election(U1, { body: "party", office: "书记", seats: 1, entitled: 40, cast: 39 }, won(1)),
  election(U1, { body: "party", office: "委员", seats: 5, entitled: 40, cast: 38 }, [...won(5), ...lost(1)]),
);

/** The county above (roster and tallies) in a new database with every metric SQL file run. */
export async function leaderCounty(): Promise<DuckDBConnection> {
  const conn = await openRuntime({
    units: LEADER_UNITS,
    members: LEADER_MEMBERS,
    terms: LEADER_TERMS,
    ...LEADER_ELECTIONS,
  });
  await computeMetrics(conn, { targets: [] });
  return conn;
}
