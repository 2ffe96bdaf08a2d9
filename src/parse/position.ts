/**
 * Positions and bodies of the roster, `shared/spec/exports.md` "Positions": a
 * position cell holds one or more offices, each of which becomes one
 * membership (a body and a position).
 *
 * Reading choices where the spec is silent:
 * - Spaces are ignored, and offices written together without a separator
 *   are split after each 书记, 主任 or 委员 (`书记主任`, `党支部书记村委会主任`);
 *   text after the last office word stays with it (`主任一肩挑`).
 * - Offices outside the two committees (youth league 团支部书记, supervision
 *   committee 监委会主任, 治保主任, 妇女主任, 会计, 组长 …) and a first
 *   secretary next to elected offices are left out and listed in `ignored`;
 *   a cell of only such offices is "unknown" (not a two-committee office),
 *   and a cell whose only two-committee-looking office is 第一书记 is
 *   "first_secretary".
 * - 组织委员, 宣传委员 and 纪检委员 (the divisions of a party branch committee)
 *   are party members; `两委委员` is ambiguous.
 * - One unknown office makes the whole cell "unknown"; else one ambiguous
 *   office makes it "ambiguous".
 */

import type { Body, Position } from "../warehouse/tables.ts";
import { compactText } from "./fullwidth.ts";

/** One membership: the body and the position held in it. */
export interface Office {
  body: Body;
  position: Position;
}

export type PositionResult =
  | {
      kind: "offices";
      /** Distinct offices in the order written. */
      offices: Office[];
      /** Parts of the cell not counted: a first secretary, offices outside the two committees. */
      ignored?: string[];
    }
  | { kind: "first_secretary" }
  | { kind: "ambiguous"; text: string }
  | { kind: "unknown"; text: string }
  | { kind: "empty" };

/** How one office text reads on its own. `member_alone` is 委员 without a body. */
export type OfficeReading =
  | { kind: "office"; office: Office }
  | { kind: "member_alone" }
  | { kind: "first_secretary" }
  | { kind: "other" }
  | { kind: "ambiguous" }
  | { kind: "unknown" };

const SEPARATORS = /[、,;/兼]/;
/** Where an office word ends; `委员会` is a body, not an office. */
const OFFICE_WORD = /书记|主任|委员(?!会)/g;
const DECORATION = /["'“”‘’《》()[\]【】「」]/g;
/** Offices and bodies outside the two committees. */
const OTHER_OFFICES = [
  "团支部",
  "团总支",
  "团委",
  "共青团",
  "监委",
  "监督",
  "监事",
  "纪委",
  "治保",
  "调解",
  "妇联",
  "妇代会",
  "妇女主任",
  "民兵",
  "合作社",
  "经联社",
  "经济联合",
  "集体经济",
  "会计",
  "出纳",
  "报账",
  "文书",
  "网格",
  "组长",
  "队长",
  "社长",
  "理事",
  "助理",
];
const PARTY_MEMBER_MARKERS = ["党", "支部", "总支", "支委", "组织", "宣传", "纪检"];
const COMMITTEE_MEMBER_MARKERS = ["村委", "居委", "村民", "居民", "妇女"];
/** Place words that may stand before a bare 委员 (`村委员`, `社区委员`). */
const PLACE_PREFIX = /^(村|社区|嘎查|居)$/;

const includesAny = (text: string, words: readonly string[]) => words.some((w) => text.includes(w));

/** The reading of one office text (no separators), tried in the order of the module comment and exports.md. */
export function classifyOffice(text: string): OfficeReading {
  const t = compactText(text).replace(DECORATION, "");
  if (t.includes("第一书记")) return { kind: "first_secretary" };
  if (t.includes("两委")) return { kind: "ambiguous" };
  if (includesAny(t, OTHER_OFFICES)) return { kind: "other" };
  if (t.includes("副书记"))
    return { kind: "office", office: { body: "party", position: "deputy_secretary" } };
  if (t.includes("书记")) return { kind: "office", office: { body: "party", position: "secretary" } };
  if (t.includes("副主任")) return { kind: "office", office: { body: "committee", position: "vice_chair" } };
  if (t.includes("主任")) return { kind: "office", office: { body: "committee", position: "chair" } };
  const member = /委员(?!会)/.exec(t);
  if (!member) return { kind: "unknown" };
  const prefix = t.slice(0, member.index);
  const party = includesAny(prefix, PARTY_MEMBER_MARKERS);
  const committee = includesAny(prefix, COMMITTEE_MEMBER_MARKERS);
  if (party && committee) return { kind: "ambiguous" };
  if (party) return { kind: "office", office: { body: "party", position: "member" } };
  if (committee) return { kind: "office", office: { body: "committee", position: "member" } };
  return prefix === "" || PLACE_PREFIX.test(prefix) ? { kind: "member_alone" } : { kind: "unknown" };
}

/** The office texts of a cell: split on the separators, then after each office word but the last. */
export function splitOffices(text: string): string[] {
  const parts: string[] = [];
  for (const part of compactText(text).split(SEPARATORS)) {
    let start = 0;
    const ends = [...part.matchAll(OFFICE_WORD)].map((m) => m.index + m[0].length);
    for (const end of ends.slice(0, -1)) {
      parts.push(part.slice(start, end));
      start = end;
    }
    parts.push(part.slice(start));
  }
  return parts.filter((p) => p !== "");
}

/**
 * The memberships of a position cell. `rowBody` (the row's body cell) and
 * then `fileBody` (the manifest's body of the file) give the body of a bare
 * 委员; with neither it is "ambiguous". Returns "empty" for a blank cell,
 * "offices" with distinct offices, "first_secretary" when 第一书记 is the only
 * two-committee-looking office, else "ambiguous" or "unknown" naming the
 * first offending office text (see the module comment). Never throws.
 */
export function parsePositions(text: string, rowBody: Body | null, fileBody: Body | null): PositionResult {
  const parts = splitOffices(text);
  if (parts.length === 0) return { kind: "empty" };
  const readings = parts.map((part) => ({ part, reading: classifyOffice(part) }));
  const unknown = readings.find((r) => r.reading.kind === "unknown");
  if (unknown) return { kind: "unknown", text: unknown.part };
  const memberBody = rowBody ?? fileBody;
  const ambiguous = readings.find(
    (r) => r.reading.kind === "ambiguous" || (r.reading.kind === "member_alone" && memberBody === null),
  );
  if (ambiguous) return { kind: "ambiguous", text: ambiguous.part };
  const offices: Office[] = [];
  const ignored: string[] = [];
  for (const { part, reading } of readings) {
    const office =
      reading.kind === "office"
        ? reading.office
        : reading.kind === "member_alone" && memberBody !== null
          ? { body: memberBody, position: "member" as const }
          : null;
    if (office === null) ignored.push(part);
    else if (!offices.some((o) => o.body === office.body && o.position === office.position))
      offices.push(office);
  }
  if (offices.length > 0)
    return ignored.length > 0 ? { kind: "offices", offices, ignored } : { kind: "offices", offices };
  if (readings.some((r) => r.reading.kind === "first_secretary")) return { kind: "first_secretary" };
  return { kind: "unknown", text: compactText(text) };
}

const PARTY_BODY_WORDS = ["党组织", "党支部", "党总支", "党委", "党组", "支部", "总支"];
const COMMITTEE_BODY_WORDS = ["村委会", "村民委员会", "居委会", "居民委员会", "村委", "居委"];
const OTHER_BODY_WORDS = ["两委", "团支部", "团总支", "团委", "共青团", "监委", "监督", "妇联", "合作社"];

/**
 * The body named in a body cell: null when empty; "party" for 党组织, 党支部,
 * 党总支, 党委 (also 党组, 支部, 总支, and the code `party`); "committee" for
 * 村委会, 村民委员会, 居委会, 居民委员会 (also 村委, 居委, and `committee`);
 * surrounding words such as 村, 社区, 中共 are allowed. "invalid" when it names
 * neither, both, the two committees together (`两委`) or another organisation
 * (youth league, supervision committee …). Never throws.
 */
export function parseBody(text: string): Body | null | "invalid" {
  const t = compactText(text).replace(DECORATION, "");
  if (t === "") return null;
  if (t.toLowerCase() === "party" || t.toLowerCase() === "committee") return t.toLowerCase() as Body;
  if (includesAny(t, OTHER_BODY_WORDS)) return "invalid";
  const party = includesAny(t, PARTY_BODY_WORDS);
  const committee = includesAny(t, COMMITTEE_BODY_WORDS);
  if (party === committee) return "invalid";
  return party ? "party" : "committee";
}
