/**
 * A tiny two-term county for the metrics tests (expected figures are worked
 * out by hand in test/metrics.test.ts). Units: 一村 (甲镇, village), 二社区
 * (甲镇, community), 三村 (乙镇, village, never has a roster).
 */
import type { MemberRow, UnitRow } from "../../src/warehouse/tables.ts";

export const UNITS: UnitRow[] = [
  { unit_id: "U1", unit_code: null, township: "甲镇", unit: "一村", unit_type: "village", key_unit: false },
  {
    unit_id: "U2",
    unit_code: null,
    township: "甲镇",
    unit: "二社区",
    unit_type: "community",
    key_unit: false,
  },
  { unit_id: "U3", unit_code: null, township: "乙镇", unit: "三村", unit_type: "village", key_unit: false },
];

const TOWNSHIP: Record<string, string> = { U1: "甲镇", U2: "甲镇", U3: "乙镇" };
let sourceRow = 1;

/** A membership with neutral defaults (man, 汉族, 50, junior, party member). */
export function member(
  p: Partial<MemberRow> & Pick<MemberRow, "term" | "unit_id" | "body" | "person_key">,
): MemberRow {
  sourceRow += 1;
  return {
    township: TOWNSHIP[p.unit_id] ?? "甲镇",
    unit: p.unit_id,
    position: "member",
    name: p.person_key,
    gender: "M",
    ethnicity: "汉族",
    birth_year: null,
    birth_month: null,
    reference_date: `${p.term}-06-30`,
    age: 50,
    education: "junior",
    college_plus: false,
    party_member: true,
    elected_on: null,
    source_file: `${p.term}.csv`,
    source_row: sourceRow,
    ...p,
  };
}

const college = { education: "college", college_plus: true } as const;

export const MEMBERS: MemberRow[] = [
  // 2018
  member({ term: 2018, unit_id: "U1", body: "party", person_key: "a", position: "secretary", age: 50 }),
  member({ term: 2018, unit_id: "U1", body: "party", person_key: "b", age: 55, education: "senior" }),
  member({ term: 2018, unit_id: "U1", body: "committee", person_key: "a", position: "chair", age: 50 }),
  member({
    term: 2018,
    unit_id: "U1",
    body: "committee",
    person_key: "c",
    age: 45,
    ...college,
    party_member: false,
  }),
  member({
    term: 2018,
    unit_id: "U2",
    body: "party",
    person_key: "d",
    position: "secretary",
    age: 60,
    ...college,
  }),
  // 2021
  member({ term: 2021, unit_id: "U1", body: "party", person_key: "a", position: "secretary", age: 53 }),
  member({
    term: 2021,
    unit_id: "U1",
    body: "party",
    person_key: "e",
    position: "deputy_secretary",
    gender: "F",
    age: 35,
    education: "bachelor",
    college_plus: true,
  }),
  member({
    term: 2021,
    unit_id: "U1",
    body: "party",
    person_key: "f",
    age: 40,
    education: null,
    college_plus: null,
    ethnicity: "蒙古族",
  }),
  // e again, in the committee, with rows that disagree: the party row wins except for age.
  member({
    term: 2021,
    unit_id: "U1",
    body: "committee",
    person_key: "e",
    position: "chair",
    gender: "M",
    age: 36,
    education: "junior",
    college_plus: false,
    party_member: false,
  }),
  member({
    term: 2021,
    unit_id: "U1",
    body: "committee",
    person_key: "c",
    position: "vice_chair",
    age: 48,
    ...college,
    party_member: false,
    ethnicity: null,
  }),
  member({
    term: 2021,
    unit_id: "U1",
    body: "committee",
    person_key: "g",
    gender: "F",
    age: null,
    education: "senior",
    party_member: false,
  }),
  member({
    term: 2021,
    unit_id: "U2",
    body: "party",
    person_key: "h",
    position: "secretary",
    gender: "F",
    age: 41,
    ...college,
  }),
  member({ term: 2021, unit_id: "U2", body: "party", person_key: "d", age: 63, ...college }),
];

/** Targets over the two-term fixture; expected figures are worked out by hand in test/metrics-targets.test.ts. */
export const TARGETS_YAML = `
targets:
  - { id: woman_member, label: 村"两委"班子至少有1名女性成员, body: both, count: { gender: F }, at_least: 1, goal: 100 }
  - { id: young_35, label: 村"两委"班子有35岁以下年轻干部, body: both, count: { age_max: 35 }, at_least: 1, goal: 50 }
  - { id: two_college, label: 村"两委"班子至少有2名大专及以上学历成员, body: both, count: { education_min: college }, at_least: 2, goal: 60 }
  - { id: one_shoulder, label: 书记、主任"一肩挑", rule: one_shoulder, goal: 50, applies_to: village }
  - id: party_secretary
    label: 社区党组织书记是党员
    body: party
    count: { position: secretary, party_member: true }
    at_least: 1
    goal: 100
    applies_to: community
  - { id: committee_woman, label: 村委会有女性成员, body: committee, count: { gender: F }, at_least: 1, goal: 100 }
`;

/**
 * A synthetic county shaped like the reference report (shared/reference):
 * 160 units (150 villages, 10 communities, 9 townships). 2021 party: 523
 * persons, 160 secretaries, 53 deputies, 158 college, 97 women, 96 aged ≤ 40,
 * ages summing to 25209 (mean 48.2); 2018 party: 500 persons, 113 college, 80
 * women, mean age 51.4. Committees make the two-committee targets 100 %
 * (a woman), 154/160 = 96.25 % (aged ≤ 35; 2018: 72/160 = 45 %) and 153/160
 * = 95.625 % (two college members; 2018: none).
 */
export function referenceCounty(): { units: UnitRow[]; members: MemberRow[] } {
  const units: UnitRow[] = Array.from({ length: 160 }, (_, u) => ({
    unit_id: `R${String(u).padStart(3, "0")}`,
    unit_code: null,
    township: `第${u % 9}乡`,
    unit: `${u}${u < 150 ? "村" : "社区"}`,
    unit_type: u < 150 ? "village" : "community",
    key_unit: false,
  }));
  const at = (u: number) => units[u % 160] as UnitRow;
  const row = (term: number, u: number, body: "party" | "committee", key: string, p: Partial<MemberRow>) =>
    member({
      term,
      unit_id: at(u).unit_id,
      township: at(u).township,
      unit: at(u).unit,
      body,
      person_key: key,
      ...p,
    });
  const edu = (c: boolean): Partial<MemberRow> =>
    c ? { education: "college", college_plus: true } : { education: "junior", college_plus: false };
  const members: MemberRow[] = [];
  for (let i = 0; i < 523; i++) {
    const [u, position] =
      i < 160 ? [i, "secretary"] : i < 213 ? [i - 160, "deputy_secretary"] : [i - 213, "member"];
    const age = i >= 427 ? 38 : i >= 216 ? 51 : 50;
    members.push(
      row(2021, u, "party", `p21-${i}`, {
        position: position as MemberRow["position"],
        gender: i < 97 ? "F" : "M",
        age,
        ...edu(i >= 213 && i < 371),
      }),
    );
  }
  for (let u = 0; u < 160; u++) {
    members.push(
      row(2021, u, "committee", `c21a-${u}`, { gender: "F", age: u < 154 ? 30 : 45, ...edu(u < 153) }),
    );
    members.push(row(2021, u, "committee", `c21b-${u}`, { age: 50, ...edu(u < 153) }));
    members.push(row(2021, u, "committee", `c21c-${u}`, { age: 55 }));
    members.push(row(2018, u, "committee", `c18-${u}`, { age: u < 72 ? 30 : 60 }));
  }
  for (let i = 0; i < 500; i++) {
    members.push(
      row(2018, i, "party", `p18-${i}`, {
        position: i < 160 ? "secretary" : "member",
        gender: i < 80 ? "F" : "M",
        age: i < 300 ? 51 : 52,
        ...edu(i < 113),
      }),
    );
  }
  return { units, members };
}
