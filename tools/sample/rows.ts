/**
 * Rows of the exports that both the county sample and synthetic datasets
 * write: roster rows with a 组织 column (one per membership), vote-tally rows
 * and vetting rows, with their header rows.
 */
import { birthDayText, bodyText, educationText, genderText, partyText, shortPosition } from "./cell-text.ts";
import type { CsvCell } from "./csv-sink.ts";
import { isoDay } from "./day.ts";
import type { Ballot, Member, Position, Registrant, UnitTerm } from "./model.ts";
import type { Random } from "./random.ts";

const ORDER: Record<Position, number> = {
  secretary: 0,
  deputy_secretary: 1,
  chair: 2,
  vice_chair: 3,
  member: 4,
};
const rank = (m: Member) => (m.party !== null ? ORDER[m.party] : 10 + ORDER[m.committee ?? "member"]);

/** A unit's members in roster order: party by position, then committee-only by position. */
export function ordered(ut: UnitTerm): Member[] {
  return [...ut.members].sort((a, b) => rank(a) - rank(b));
}

/** The header of {@link membershipRows}; `unitLabel` is the unit column's header (an alias of exports.md). */
export const membershipHeader = (unitLabel = "村(社区)") => [
  "所属乡镇",
  unitLabel,
  "姓名",
  "性别",
  "民族",
  "出生年月日",
  "身份证号码",
  "政治面貌",
  "学历",
  "组织",
  "职务",
  "当选日期",
];

/** One row per membership (a person in both bodies has two rows); 当选日期 only when `dated`. */
export function membershipRows(rng: Random, ut: UnitTerm, dated: boolean): CsvCell[][] {
  const out: CsvCell[][] = [];
  for (const m of ordered(ut)) {
    const birth = birthDayText(m.person.birth, rng.chance(0.7) ? "compact" : "chinese");
    const person: CsvCell[] = [
      ut.unit.township,
      ut.unit.name,
      m.person.name,
      genderText(m),
      m.person.ethnicity,
    ];
    person.push(birth, m.person.idNumber, partyText(rng, m, ut.term), educationText(rng, m));
    for (const body of ["party", "committee"] as const) {
      const position = body === "party" ? m.party : m.committee;
      if (position === null) continue;
      const day = body === "party" ? ut.partyDate : ut.committeeDate;
      out.push([...person, bodyText(ut.unit, body), shortPosition(position), dated ? isoDay(day) : null]);
    }
  }
  return out;
}

export const VOTE_HEADER = [
  "乡镇",
  "村(社区)",
  "届次",
  "组织",
  "职位",
  "轮次",
  "选举日期",
  "应选人数",
  "应到人数",
  "实到人数",
  "发出选票",
  "收回选票",
  "有效票",
  "候选人",
  "身份证号",
  "得票数",
  "是否当选",
];

export function ballotRow(b: Ballot): CsvCell[] {
  return [
    b.unit.township,
    b.unit.name,
    b.term,
    b.body === "party" ? "党组织" : bodyText(b.unit, "committee"),
    b.office,
    b.round === 1 ? "正式选举" : "另行选举",
    isoDay(b.date),
    b.seats,
    b.entitled,
    b.cast,
    b.issued,
    b.returned,
    b.valid,
    b.candidate.name,
    b.candidate.idNumber,
    b.votes,
    b.elected ? "是" : "否",
  ];
}

export const VETTING_HEADER = [
  "乡镇",
  "村(社区)",
  "姓名",
  "身份证号",
  "政治面貌",
  "拟参选组织",
  "审查结果",
  "取消原因",
];

export function registrantRow(rng: Random, r: Registrant): CsvCell[] {
  const status =
    r.status === "passed"
      ? rng.pick(["通过", "通过", "合格"])
      : r.status === "withdrawn"
        ? rng.pick(["退出", "放弃"])
        : rng.pick(["取消", "不合格"]);
  return [
    r.unit.township,
    r.unit.name,
    r.person.name,
    r.person.idNumber,
    r.partyMember ? "中共党员" : "群众",
    bodyText(r.unit, r.body),
    status,
    r.reason,
  ];
}
