/**
 * How values are spelled in the exports: education, positions, births,
 * political status, in the varieties real township spreadsheets use.
 */

import { toExcelSerial } from "../../src/parse/date.ts";
import { ExcelDate } from "../../src/read/cell.ts";
import { type Day, pad2 } from "./day.ts";
import { COLLEGE_PLUS, type Level, type Member, type Position, type Unit } from "./model.ts";
import type { Random } from "./random.ts";

const LEVEL_TEXT: Record<Level, readonly string[]> = {
  postgraduate: ["硕士研究生", "研究生"],
  bachelor: ["大学本科", "本科"],
  college: ["大专", "大学专科", "专科"],
  vocational: ["中专", "职高", "技校"],
  senior: ["高中"],
  junior: ["初中"],
  primary: ["小学"],
  none: ["文盲"],
};
const IN_SERVICE: Partial<Record<Level, readonly string[]>> = {
  college: ["大专", "开放大学专科", "省委党校大专"],
  bachelor: ["本科", "中央党校大学"],
  postgraduate: ["在职研究生"],
};
/** A text no education rule recognises. */
export const UNKNOWN_EDUCATION = "扫盲班";

/** One education column. */
export function educationText(rng: Random, m: Member): string {
  return m.eduUnknown ? UNKNOWN_EDUCATION : rng.pick(LEVEL_TEXT[m.level]);
}

/** 全日制学历 and 在职学历: some cadres earned their degree in service (the higher counts). */
export function educationPair(rng: Random, m: Member): [string, string] {
  if (m.eduUnknown) return [UNKNOWN_EDUCATION, ""];
  const inService = IN_SERVICE[m.level];
  if (COLLEGE_PLUS.has(m.level) && inService && rng.chance(0.35)) {
    return [rng.pick(["高中", "中专"]), rng.pick(inService)];
  }
  return [rng.pick(LEVEL_TEXT[m.level]), ""];
}

export function genderText(m: Member): string {
  return m.person.gender === "F" ? "女" : "男";
}

export function partyText(rng: Random, m: Member, term: number): string {
  if (m.partyMember) return "中共党员";
  return term - m.person.birth.year <= 28 && rng.chance(0.6) ? "共青团员" : "群众";
}

/** Birth as text: month precision (`1972.05`, `1972年5月`, `1972/5`, `197205`). */
export function birthMonthText(rng: Random, d: Day): string {
  return rng.weighted<string>([
    [`${d.year}.${pad2(d.month)}`, 0.6],
    [`${d.year}年${d.month}月`, 0.2],
    [`${d.year}/${d.month}`, 0.1],
    [`${d.year}${pad2(d.month)}`, 0.1],
  ]);
}

/** Birth as a full date: `1972-05-03`, `19720503`, `1972年5月3日`. */
export function birthDayText(d: Day, style: "iso" | "compact" | "chinese"): string {
  if (style === "iso") return `${d.year}-${pad2(d.month)}-${pad2(d.day)}`;
  if (style === "compact") return `${d.year}${pad2(d.month)}${pad2(d.day)}`;
  return `${d.year}年${d.month}月${d.day}日`;
}

export function excelDate(d: Day): ExcelDate {
  return new ExcelDate(toExcelSerial(d));
}

/** 党支部 / 党总支 and 村委会 / 居委会. */
export function bodyText(unit: Unit, body: "party" | "committee"): string {
  if (body === "party") return unit.type === "community" ? "党总支" : "党支部";
  return unit.type === "community" ? "居委会" : "村委会";
}

/** A position as written next to a 组织 column: 书记, 副书记, 委员, 主任, 副主任. */
export function shortPosition(p: Position): string {
  return {
    secretary: "书记",
    deputy_secretary: "副书记",
    chair: "主任",
    vice_chair: "副主任",
    member: "委员",
  }[p];
}

const PARTY_LONG: Record<Position, readonly string[]> = {
  secretary: ["党支部书记", "支部书记", "书记"],
  deputy_secretary: ["党支部副书记", "副书记"],
  member: ["党支部委员", "支部委员"],
  chair: [],
  vice_chair: [],
};
const COMMITTEE_LONG: Record<Position, readonly string[]> = {
  chair: ["村委会主任", "村民委员会主任", "主任"],
  vice_chair: ["村委会副主任", "副主任"],
  member: ["村委会委员", "村委委员"],
  secretary: [],
  deputy_secretary: [],
};

/**
 * A self-explaining position cell without a 组织 column, combined for a person
 * in both bodies: `党支部书记、村委会主任`, `书记兼主任`, `支部委员/村委委员` ….
 */
export function combinedPosition(rng: Random, m: Member): string {
  const party = m.party === null ? null : rng.pick(PARTY_LONG[m.party]);
  const committee =
    m.committee === null
      ? null
      : m.womenSeat && rng.chance(0.5)
        ? "妇女委员"
        : rng.pick(COMMITTEE_LONG[m.committee]);
  if (party === null) return committee ?? "";
  if (committee === null) return party;
  if (m.party === "secretary" && m.committee === "chair" && rng.chance(0.3)) return "书记兼主任";
  return `${party}${rng.pick(["、", "/", "兼", "，"])}${committee}`;
}
