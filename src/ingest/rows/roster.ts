/**
 * Row rules of roster exports (班子成员花名册): one row per person per body, or
 * one row per person with a combined position. Each office of a row becomes
 * one {@link RosterEntry}; `../roster-resolution.ts` then resolves duplicates, personal
 * attributes across rows, reference dates and ages.
 */

import { checkBirth, type PartialDate, parseDate } from "../../parse/date.ts";
import { higherEducation, parseEducation } from "../../parse/education.ts";
import { type IdNumber, maskIdNumber, maskIdsInText, parseIdNumber } from "../../parse/id-number.ts";
import { type Office, parseBody, parsePositions } from "../../parse/position.ts";
import { suggestion } from "../../parse/suggest.ts";
import { parseEthnicity, parseGender, parseParty } from "../../parse/value.ts";
import { cellText } from "../../read/cell.ts";
import type { Body, EducationLevel, Position, UnitRow } from "../../warehouse/tables.ts";
import { type Finding, finding } from "../finding.ts";
import { fallbackMaterial, idMaterial } from "../person-key.ts";
import { type FileContext, outcome, type RowInput, type RowRules } from "../row-rules.ts";
import { ID_NUMBER, NAME, PARTY, TERM, TOWNSHIP, UNIT } from "./fields.ts";

type InvalidIdReason = Extract<IdNumber, { valid: false }>["reason"];

/** One membership as read from a roster row, before cross-row resolution. */
export interface RosterEntry {
  readonly term: number;
  readonly unit: UnitRow;
  readonly body: Body;
  readonly position: Position;
  readonly name: string;
  readonly personKey: string;
  /** True when person_key comes from a valid ID number. */
  readonly keyFromId: boolean;
  readonly gender: "F" | "M" | null;
  readonly ethnicity: string | null;
  readonly birth: PartialDate | null;
  readonly education: EducationLevel | null;
  readonly partyMember: boolean | null;
  readonly electedOn: string | null;
  readonly sourceFile: string;
  readonly sheet: string | null;
  readonly sourceRow: number;
}

const WARN_FIRST_SECRETARY = "驻村第一书记不是选举产生的班子成员,该行已跳过,不计入统计";

const RANK: Record<Position, number> = {
  secretary: 0,
  chair: 0,
  deputy_secretary: 1,
  vice_chair: 1,
  member: 2,
};

/** Keep one office per body: the highest (书记 over 委员 when a cell names both). */
function onePerBody(offices: readonly Office[]): Office[] {
  const byBody = new Map<Body, Office>();
  for (const o of offices) {
    const have = byBody.get(o.body);
    if (!have || RANK[o.position] < RANK[have.position]) byBody.set(o.body, o);
  }
  return [...byBody.values()].sort((a, b) => (a.body < b.body ? 1 : -1));
}

/** A name cell as stored: inner whitespace collapsed, an ID number pasted into it masked. */
export function personName(text: string): string {
  return maskIdsInText(text.replace(/\s+/g, " "));
}

/** The warning for a cell whose value is not recognised and is taken as unknown. */
function unknownValue(input: RowInput, field: string, label: string): Finding {
  const text = input.text(field);
  return finding(
    input.at,
    input.header(field),
    text,
    "unknown_value",
    `无法识别的${label}"${text}",按未知处理`,
  );
}

/** A birth cell as shown in messages: the day is never shown (full birth dates stay in ingest). */
export function maskBirthText(text: string): string {
  const t = maskIdsInText(text);
  return t.replace(/^(\d{4}\D+\d{1,2}\D+)\d{1,2}/, "$1**").replace(/^(\d{4})(\d{2})(\d{2})$/, "$1$2**");
}

function yearMonth(d: PartialDate): string {
  return `${d.year}年${d.month}月`;
}

function sameBirth(a: PartialDate, b: PartialDate): boolean {
  if (a.year !== b.year || a.month !== b.month) return false;
  return a.day === null || b.day === null || a.day === b.day;
}

/** The known unit a row names, or the reject (unknown township or unit, with the closest known name). */
export function resolveUnit(input: RowInput, ctx: FileContext): UnitRow | Finding {
  const township = input.text("township");
  const unit = input.text("unit");
  if (!ctx.units.townships.has(township)) {
    const guess = suggestion(township, ctx.units.townships);
    return finding(
      input.at,
      input.header("township"),
      township,
      "unknown_township",
      `乡镇"${township}"不在村社名册中${guess ? `,是否为"${guess}"?` : ""}`,
    );
  }
  const found = ctx.units.lookup(township, unit);
  if (!found) {
    const guess = suggestion(unit, ctx.units.unitNames(township));
    return finding(
      input.at,
      input.header("unit"),
      unit,
      "unknown_unit",
      `村社"${unit}"不在村社名册的${township}中${guess ? `,是否为"${guess}"?` : ""}`,
    );
  }
  return found;
}

/** The reject of a row whose term cell (when given) is not the manifest term, else null. */
export function termMismatch(input: RowInput, term: number): Finding | null {
  const text = input.text("term");
  if (!text) return null;
  const t = text.replace(/年$/, "");
  if (/^\d{4}$/.test(t) && Number(t) === term) return null;
  return finding(
    input.at,
    input.header("term"),
    text,
    "term_mismatch",
    `届次"${text}"与清单中的${term}年不符`,
  );
}

/** The warning of an invalid ID number (masked): it is not used for birth, gender or identity. */
export function invalidIdFinding(input: RowInput, idText: string, reason: InvalidIdReason): Finding {
  const why = {
    length: "位数不对",
    characters: "含有非法字符",
    checksum: "校验码错误",
    date: "出生日期不存在",
  }[reason];
  return finding(
    input.at,
    input.header("id_number"),
    maskIdNumber(idText),
    "invalid_id",
    `身份证号码无效(${why}),不用于出生日期、性别和身份识别`,
  );
}

export const rosterRows: RowRules<RosterEntry> = {
  kind: "roster",
  fields: [
    TOWNSHIP,
    UNIT,
    TERM,
    NAME,
    { field: "gender", aliases: ["性别"] },
    { field: "ethnicity", aliases: ["民族"] },
    { field: "birth", aliases: ["出生年月", "出生日期", "出生年月日"] },
    ID_NUMBER,
    PARTY,
    { field: "education", aliases: ["学历", "文化程度", "最高学历"] },
    { field: "education_fulltime", aliases: ["全日制学历", "全日制教育"] },
    { field: "education_inservice", aliases: ["在职学历", "在职教育"] },
    { field: "body", aliases: ["组织", "班子", "所在班子", "组织类别"] },
    { field: "position", aliases: ["职务", "现任职务", "拟任职务", "任职"] },
    { field: "elected_on", aliases: ["当选时间", "当选日期", "选举日期", "任职时间"] },
    { field: "remarks", aliases: ["备注"] },
  ],
  required: ["township", "unit", "name"],
  totalsFields: ["name", "unit", "township"],
  row(input, ctx) {
    const at = input.at;
    const term = ctx.term ?? 0;
    const warnings: Finding[] = [];
    const name = personName(input.text("name"));
    if (!name) return outcome.rejected(finding(at, input.header("name"), null, "missing_name", "缺少姓名"));
    const unit = resolveUnit(input, ctx);
    if ("rule" in unit) return outcome.rejected(unit);

    const mismatch = termMismatch(input, term);
    if (mismatch) return outcome.rejected(mismatch);

    let rowBody: Body | null = null;
    if (input.text("body")) {
      const b = parseBody(input.text("body"));
      if (b === "invalid") {
        warnings.push(
          finding(
            at,
            input.header("body"),
            input.text("body"),
            "unknown_value",
            `无法识别的班子"${input.text("body")}"`,
          ),
        );
      } else rowBody = b;
    }
    const pos = parsePositions(input.text("position"), rowBody, ctx.body);
    let offices: Office[];
    if (pos.kind === "first_secretary") {
      return outcome.skipped([
        finding(
          at,
          input.header("position"),
          input.text("position"),
          "first_secretary",
          WARN_FIRST_SECRETARY,
        ),
      ]);
    } else if (pos.kind === "ambiguous" || (pos.kind === "empty" && (rowBody ?? ctx.body) === null)) {
      return outcome.rejected(
        finding(
          at,
          input.header("position") ?? input.header("body"),
          input.text("position") || null,
          "ambiguous_body",
          `无法确定"${input.text("position") || "(空)"}"属于党组织还是村(居)委会:请填写"组织"列或在清单中为该文件指定 body`,
        ),
        warnings,
      );
    } else if (pos.kind === "unknown") {
      return outcome.rejected(
        finding(
          at,
          input.header("position"),
          input.text("position"),
          "unknown_position",
          `无法识别的职务"${pos.text}"`,
        ),
        warnings,
      );
    } else if (pos.kind === "empty") {
      offices = [{ body: (rowBody ?? ctx.body) as Body, position: "member" }];
    } else offices = onePerBody(pos.offices);

    // Identity, birth and gender: a valid ID number wins over the cells.
    const idText = cellText(input.cell("id_number"));
    const id = idText ? parseIdNumber(idText) : null;
    let birth: PartialDate | null = null;
    let gender: "F" | "M" | null = null;

    const birthCell = input.cell("birth");
    const birthParsed = parseDate(birthCell);
    let cellBirth: PartialDate | null = null;
    if (birthParsed === "invalid") {
      warnings.push(
        finding(
          at,
          input.header("birth"),
          maskBirthText(cellText(birthCell)),
          "invalid_date",
          "无法识别或不存在的出生日期,按未知处理",
        ),
      );
    } else if (birthParsed) {
      const check = checkBirth(birthParsed, ctx.referenceDate ?? `${term}-12-31`);
      if (check === "ok") cellBirth = birthParsed;
      else
        warnings.push(
          finding(
            at,
            input.header("birth"),
            maskBirthText(cellText(birthCell)),
            "invalid_date",
            check === "future"
              ? "出生日期晚于参照日期,按未知处理"
              : "出生日期早于参照日期100年以上,按未知处理",
          ),
        );
    }
    const genderText = input.text("gender");
    const cellGender = parseGender(genderText);
    if (cellGender === "invalid") {
      warnings.push(unknownValue(input, "gender", "性别"));
    }

    if (id?.valid) {
      birth = id.birth;
      gender = id.gender;
      if (cellBirth && !sameBirth(cellBirth, id.birth)) {
        warnings.push(
          finding(
            at,
            input.header("birth"),
            maskBirthText(cellText(birthCell)),
            "id_birth_mismatch",
            `出生年月${yearMonth(cellBirth)}与身份证号码(${yearMonth(id.birth)})不符,以身份证号码为准`,
          ),
        );
      }
      if (cellGender !== null && cellGender !== "invalid" && cellGender !== id.gender) {
        warnings.push(
          finding(
            at,
            input.header("gender"),
            genderText,
            "id_gender_mismatch",
            `性别"${genderText}"与身份证号码(${id.gender === "F" ? "女" : "男"})不符,以身份证号码为准`,
          ),
        );
      }
    } else {
      if (id && !id.valid) {
        warnings.push(invalidIdFinding(input, idText, id.reason));
      }
      birth = cellBirth;
      gender = cellGender === "invalid" ? null : cellGender;
    }
    const keyFromId = Boolean(id?.valid);
    const personKey = ctx.personKey(
      // Year and month only, so 1972.05 in one term and 1972-05-03 in the next give one person.
      id?.valid
        ? idMaterial(id.normalized)
        : fallbackMaterial(unit.township, unit.unit, name, birth ? { ...birth, day: null } : null),
    );

    const partyText = input.text("party");
    let partyMember = parseParty(partyText);
    if (partyMember === "invalid") {
      warnings.push(unknownValue(input, "party", "政治面貌"));
      partyMember = null;
    }
    let ethnicity = parseEthnicity(input.cell("ethnicity"));
    if (ethnicity === "invalid") {
      warnings.push(unknownValue(input, "ethnicity", "民族"));
      ethnicity = null;
    }

    let education: EducationLevel | null = null;
    for (const field of ["education", "education_fulltime", "education_inservice"]) {
      const text = input.text(field);
      const level = parseEducation(text);
      if (level === "unknown") {
        warnings.push(
          finding(at, input.header(field), text, "unknown_education", `无法识别的学历"${text}",按未知处理`),
        );
      } else if (level !== null) education = higherEducation(education, level);
    }

    let electedOn: string | null = null;
    if (input.text("elected_on")) {
      const d = parseDate(input.cell("elected_on"));
      if (d === "invalid" || d === null || d.day === null) {
        warnings.push(
          finding(
            at,
            input.header("elected_on"),
            input.text("elected_on"),
            "invalid_date",
            d !== "invalid" && d !== null
              ? "当选时间只有年月,不作为年龄参照日期"
              : "无法识别或不存在的当选时间,按未知处理",
          ),
        );
      } else electedOn = `${d.year}-${String(d.month).padStart(2, "0")}-${String(d.day).padStart(2, "0")}`;
    }

    const entries: RosterEntry[] = offices.map((o) => ({
      term,
      unit,
      body: o.body,
      position: o.position,
      name,
      personKey,
      keyFromId,
      gender,
      ethnicity,
      birth,
      education,
      partyMember: partyMember as boolean | null,
      electedOn,
      sourceFile: at.source_file,
      sheet: at.sheet,
      sourceRow: at.source_row ?? 0,
    }));
    return outcome.accepted(entries, warnings);
  },
};
