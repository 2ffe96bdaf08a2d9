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
import { cellFinding, type Finding, finding } from "../finding.ts";
import { fallbackMaterial, idMaterial } from "../person-key.ts";
import { type FileContext, outcome, type RowInput, type RowRules } from "../row-rules.ts";
import { HIGHER_LEVELS } from "../unit-index.ts";
import { ID_NUMBER, LEVEL_FIELDS, NAME, PARTY, TERM, TOWNSHIP, UNIT } from "./fields.ts";

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
  const within: Record<string, string> = {};
  for (const level of HIGHER_LEVELS) {
    const text = input.text(level);
    if (text) within[level] = text;
  }
  const found = ctx.units.lookup(township, unit, within);
  if (found === "ambiguous") {
    return finding(
      input.at,
      input.header(input.has("county") ? "county" : "unit"),
      unit,
      "ambiguous_unit",
      `村社名册中不止一个县有${township}${unit},请在"县"列写明所属县`,
    );
  }
  if (!found) {
    const guess = suggestion(unit, ctx.units.unitNames(township));
    const where = HIGHER_LEVELS.map((l) => within[l] ?? "")
      .reverse()
      .join("");
    return finding(
      input.at,
      input.header("unit"),
      unit,
      "unknown_unit",
      `村社"${unit}"不在村社名册的${where}${township}中${guess ? `,是否为"${guess}"?` : ""}`,
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

/** The name of a row (see {@link personName}), or the reject of a row without one. */
export function readName(input: RowInput): string | Finding {
  const name = personName(input.text("name"));
  return name || finding(input.at, input.header("name"), null, "missing_name", "缺少姓名");
}

/** What the body and position cells of a row say: its offices, or why the row is skipped or rejected. */
export type OfficesReading =
  | { readonly kind: "offices"; readonly offices: Office[]; readonly warnings: Finding[] }
  | { readonly kind: "skipped"; readonly finding: Finding }
  | { readonly kind: "rejected"; readonly finding: Finding; readonly warnings: Finding[] };

/** The offices of a row from its body and position cells and the file's body (one per body, the highest). */
export function readOffices(input: RowInput, ctx: FileContext): OfficesReading {
  const at = input.at;
  const warnings: Finding[] = [];
  let rowBody: Body | null = null;
  if (input.text("body")) {
    const b = parseBody(input.text("body"));
    if (b === "invalid") {
      warnings.push(cellFinding(input, "body", "unknown_value", `无法识别的班子"${input.text("body")}"`));
    } else rowBody = b;
  }
  const pos = parsePositions(input.text("position"), rowBody, ctx.body);
  if (pos.kind === "first_secretary") {
    return {
      kind: "skipped",
      finding: cellFinding(input, "position", "first_secretary", WARN_FIRST_SECRETARY),
    };
  }
  if (pos.kind === "ambiguous" || (pos.kind === "empty" && (rowBody ?? ctx.body) === null)) {
    return {
      kind: "rejected",
      finding: finding(
        at,
        input.header("position") ?? input.header("body"),
        input.text("position") || null,
        "ambiguous_body",
        `无法确定"${input.text("position") || "(空)"}"属于党组织还是村(居)委会:请填写"组织"列或在清单中为该文件指定 body`,
      ),
      warnings,
    };
  }
  if (pos.kind === "unknown") {
    return {
      kind: "rejected",
      finding: cellFinding(input, "position", "unknown_position", `无法识别的职务"${pos.text}"`),
      warnings,
    };
  }
  const offices =
    pos.kind === "empty"
      ? [{ body: (rowBody ?? ctx.body) as Body, position: "member" as const }]
      : onePerBody(pos.offices);
  return { kind: "offices", offices, warnings };
}

/** A value read from a row's cells and the warnings reading it raised. */
export interface Reading<T> {
  readonly value: T;
  readonly warnings: Finding[];
}

/** The birth date in the birth cell when it is a plausible one on the reference date (else a warning). */
export function readBirthCell(input: RowInput, ctx: FileContext): Reading<PartialDate | null> {
  const birthCell = input.cell("birth");
  const birthParsed = parseDate(birthCell);
  const warn = (message: string) => [
    finding(input.at, input.header("birth"), maskBirthText(cellText(birthCell)), "invalid_date", message),
  ];
  if (birthParsed === "invalid")
    return { value: null, warnings: warn("无法识别或不存在的出生日期,按未知处理") };
  if (!birthParsed) return { value: null, warnings: [] };
  const check = checkBirth(birthParsed, ctx.referenceDate ?? `${ctx.term ?? 0}-12-31`);
  if (check === "ok") return { value: birthParsed, warnings: [] };
  return {
    value: null,
    warnings: warn(
      check === "future" ? "出生日期晚于参照日期,按未知处理" : "出生日期早于参照日期100年以上,按未知处理",
    ),
  };
}

/** The gender cell: F, M, null when empty, "invalid" (with a warning) when not recognised. */
export function readGenderCell(input: RowInput): Reading<"F" | "M" | null | "invalid"> {
  const value = parseGender(input.text("gender"));
  return { value, warnings: value === "invalid" ? [unknownValue(input, "gender", "性别")] : [] };
}

/** The ID number cell: null when empty; an invalid one comes with its warning. */
export function readIdCell(input: RowInput): Reading<IdNumber | null> {
  const idText = cellText(input.cell("id_number"));
  const id = idText ? parseIdNumber(idText) : null;
  return { value: id, warnings: id && !id.valid ? [invalidIdFinding(input, idText, id.reason)] : [] };
}

/** The warning of a birth cell that a valid ID number contradicts (the ID wins), else null. */
export function birthMismatch(
  input: RowInput,
  cellBirth: PartialDate | null,
  idBirth: PartialDate,
): Finding | null {
  if (!cellBirth || sameBirth(cellBirth, idBirth)) return null;
  return finding(
    input.at,
    input.header("birth"),
    maskBirthText(cellText(input.cell("birth"))),
    "id_birth_mismatch",
    `出生年月${yearMonth(cellBirth)}与身份证号码(${yearMonth(idBirth)})不符,以身份证号码为准`,
  );
}

/** The warning of a gender cell that a valid ID number contradicts (the ID wins), else null. */
export function genderMismatch(
  input: RowInput,
  cellGender: "F" | "M" | null | "invalid",
  idGender: "F" | "M",
): Finding | null {
  if (cellGender === null || cellGender === "invalid" || cellGender === idGender) return null;
  const genderText = input.text("gender");
  return finding(
    input.at,
    input.header("gender"),
    genderText,
    "id_gender_mismatch",
    `性别"${genderText}"与身份证号码(${idGender === "F" ? "女" : "男"})不符,以身份证号码为准`,
  );
}

/** The party cell: member or not, null when empty or not recognised (with a warning). */
export function readParty(input: RowInput): Reading<boolean | null> {
  const party = parseParty(input.text("party"));
  if (party !== "invalid") return { value: party, warnings: [] };
  return { value: null, warnings: [unknownValue(input, "party", "政治面貌")] };
}

/** The ethnicity cell, null when empty or not recognised (with a warning). */
export function readEthnicity(input: RowInput): Reading<string | null> {
  const ethnicity = parseEthnicity(input.cell("ethnicity"));
  if (ethnicity !== "invalid") return { value: ethnicity, warnings: [] };
  return { value: null, warnings: [unknownValue(input, "ethnicity", "民族")] };
}

/** The highest education level of the three education columns; an unrecognised one warns. */
export function readEducation(input: RowInput): Reading<EducationLevel | null> {
  const warnings: Finding[] = [];
  let education: EducationLevel | null = null;
  for (const field of ["education", "education_fulltime", "education_inservice"]) {
    const text = input.text(field);
    const level = parseEducation(text);
    if (level === "unknown") {
      warnings.push(
        finding(
          input.at,
          input.header(field),
          text,
          "unknown_education",
          `无法识别的学历"${text}",按未知处理`,
        ),
      );
    } else if (level !== null) education = higherEducation(education, level);
  }
  return { value: education, warnings };
}

/** The election date (`YYYY-MM-DD`) of the elected_on cell; null when empty or not a full date (with a warning). */
export function readElectedOn(input: RowInput): Reading<string | null> {
  if (!input.text("elected_on")) return { value: null, warnings: [] };
  const d = parseDate(input.cell("elected_on"));
  if (d === "invalid" || d === null || d.day === null) {
    return {
      value: null,
      warnings: [
        cellFinding(
          input,
          "elected_on",
          "invalid_date",
          d !== "invalid" && d !== null
            ? "当选时间只有年月,不作为年龄参照日期"
            : "无法识别或不存在的当选时间,按未知处理",
        ),
      ],
    };
  }
  return {
    value: `${d.year}-${String(d.month).padStart(2, "0")}-${String(d.day).padStart(2, "0")}`,
    warnings: [],
  };
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
    ...LEVEL_FIELDS,
  ],
  required: ["township", "unit", "name"],
  totalsFields: ["name", "unit", "township"],
  row(input, ctx) {
    const at = input.at;
    const term = ctx.term ?? 0;
    const name = readName(input);
    if (typeof name !== "string") return outcome.rejected(name);
    const unit = resolveUnit(input, ctx);
    if ("rule" in unit) return outcome.rejected(unit);
    const mismatch = termMismatch(input, term);
    if (mismatch) return outcome.rejected(mismatch);
    const offices = readOffices(input, ctx);
    if (offices.kind === "skipped") return outcome.skipped([offices.finding]);
    if (offices.kind === "rejected") return outcome.rejected(offices.finding, offices.warnings);
    const warnings: Finding[] = [...offices.warnings];

    // Identity, birth and gender: a valid ID number wins over the cells.
    const cellBirth = readBirthCell(input, ctx);
    const cellGender = readGenderCell(input);
    const id = readIdCell(input);
    warnings.push(...cellBirth.warnings, ...cellGender.warnings);
    let birth: PartialDate | null;
    let gender: "F" | "M" | null;
    if (id.value?.valid) {
      birth = id.value.birth;
      gender = id.value.gender;
      for (const w of [
        birthMismatch(input, cellBirth.value, id.value.birth),
        genderMismatch(input, cellGender.value, id.value.gender),
      ])
        if (w) warnings.push(w);
    } else {
      warnings.push(...id.warnings);
      birth = cellBirth.value;
      gender = cellGender.value === "invalid" ? null : cellGender.value;
    }
    const keyFromId = Boolean(id.value?.valid);
    const personKey = ctx.personKey(
      // Year and month only, so 1972.05 in one term and 1972-05-03 in the next give one person.
      id.value?.valid
        ? idMaterial(id.value.normalized)
        : fallbackMaterial(unit.township, unit.unit, name, birth ? { ...birth, day: null } : null),
    );
    const party = readParty(input);
    const ethnicity = readEthnicity(input);
    const education = readEducation(input);
    const electedOn = readElectedOn(input);
    warnings.push(...party.warnings, ...ethnicity.warnings, ...education.warnings, ...electedOn.warnings);

    const entries: RosterEntry[] = offices.offices.map((o) => ({
      term,
      unit,
      body: o.body,
      position: o.position,
      name,
      personKey,
      keyFromId,
      gender,
      ethnicity: ethnicity.value,
      birth,
      education: education.value,
      partyMember: party.value,
      electedOn: electedOn.value,
      sourceFile: at.source_file,
      sheet: at.sheet,
      sourceRow: at.source_row ?? 0,
    }));
    return outcome.accepted(entries, warnings);
  },
};
