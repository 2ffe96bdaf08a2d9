/**
 * Education levels, `shared/spec/exports.md` "Education": the level of a
 * written education text and the ordinal comparison of levels.
 *
 * Reading choices where the spec is silent:
 * - The "none" words 文盲 and 未上学 count wherever they appear; 无 counts
 *   only as the whole text (also 无学历, 无文化, 没上学 as the whole text), so
 *   that 无 inside a school name or a remark (无锡…, 本科无学位 is already
 *   bachelor) does not read as none.
 * - Spaces, full-width forms and the brackets/quotes around words are ignored.
 * - On a tie of senior and vocational, {@link higherEducation} returns
 *   "vocational" whichever argument it is, so the function is symmetric.
 */

import type { EducationLevel } from "../warehouse/tables.ts";
import { compactText } from "./fullwidth.ts";

/** The rules of exports.md, tried top to bottom: the first whose words the text contains gives the level. */
const RULES: readonly { level: EducationLevel; words: readonly string[]; unless?: readonly string[] }[] = [
  { level: "postgraduate", words: ["研究生", "硕士", "博士"] },
  { level: "college", words: ["大专", "大学专科", "专科", "高职", "高专", "电大", "开放大学专科"] },
  { level: "bachelor", words: ["本科", "大学本科", "大学"], unless: ["大学专科"] },
  { level: "vocational", words: ["中专", "中技", "技校", "职高", "中职"] },
  { level: "senior", words: ["高中"] },
  { level: "junior", words: ["初中"] },
  { level: "primary", words: ["小学"] },
  { level: "none", words: ["文盲", "未上学"] },
];
/** Texts that are "none" only as the whole text. */
const NONE_WHOLE = new Set(["无", "无学历", "无文化", "没上学"]);

/**
 * The level of an education text: null when empty, the level of the first
 * matching rule (module comment; party-school texts such as 省委党校大专 count
 * at their level), else "unknown". Never throws.
 */
export function parseEducation(text: string): EducationLevel | "unknown" | null {
  const t = compactText(text).replace(/["'“”‘’()（）[\]【】]/g, "");
  if (t === "") return null;
  for (const rule of RULES) {
    if (rule.unless?.some((w) => t.includes(w))) continue;
    if (rule.words.some((w) => t.includes(w))) return rule.level;
  }
  return NONE_WHOLE.has(t) ? "none" : "unknown";
}

const RANK: Record<EducationLevel, number> = {
  none: 0,
  primary: 1,
  junior: 2,
  senior: 3,
  vocational: 3,
  college: 4,
  bachelor: 5,
  postgraduate: 6,
};

/** Ordinal rank: none 0 < primary 1 < junior 2 < senior 3 = vocational 3 < college 4 < bachelor 5 < postgraduate 6. */
export function educationRank(level: EducationLevel): number {
  return RANK[level];
}

/**
 * The higher of two levels (fulltime and in-service education); an
 * "unknown" or null side yields the other. Both unknown or null: "unknown"
 * when either is "unknown", else null. A senior/vocational tie gives
 * "vocational".
 */
export function higherEducation(a: EducationLevel | null, b: EducationLevel | null): EducationLevel | null;
export function higherEducation(
  a: EducationLevel | "unknown" | null,
  b: EducationLevel | "unknown" | null,
): EducationLevel | "unknown" | null;
export function higherEducation(
  a: EducationLevel | "unknown" | null,
  b: EducationLevel | "unknown" | null,
): EducationLevel | "unknown" | null {
  const known = (x: typeof a): x is EducationLevel => x !== null && x !== "unknown";
  if (!known(a)) return known(b) ? b : a === "unknown" || b === "unknown" ? "unknown" : null;
  if (!known(b)) return a;
  if (RANK[a] !== RANK[b]) return RANK[a] > RANK[b] ? a : b;
  return a === "vocational" || b === "vocational" ? "vocational" : a;
}

/** Whether a level is college or above (大专及以上): college, bachelor or postgraduate. */
export function isCollegePlus(level: EducationLevel): boolean {
  return RANK[level] >= RANK.college;
}
