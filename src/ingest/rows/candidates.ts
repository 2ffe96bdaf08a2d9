/**
 * Row rules of candidate vetting (资格审查): one row per person who registered for
 * the turnover (shared/spec/exports.md "candidates"). Each accepted row
 * becomes one {@link CandidateEntry}; `../voting.ts` drops repeated rows.
 *
 * Reading choices where the spec is silent:
 * - The body comes from the row's body cell, else the manifest's body for the
 *   file, else it is NULL: the person registered without naming a body and
 *   counts in the vetting figures of body `both` only. An unreadable body cell
 *   is a warning and counts as not given.
 * - The status is required: a row without a readable status is rejected.
 * - The reason is kept as written (trimmed, any ID number in it masked) for
 *   every status.
 * - Vetting exports have no birth column: a person without a valid ID number
 *   gets the person_key of `township|unit|name|` (birth unknown).
 */

import { maskIdsInText } from "../../parse/id-number.ts";
import { parseParty, parseVettingStatus, type VettingStatus } from "../../parse/value.ts";
import type { CandidateRow } from "../../warehouse/tables.ts";
import { cellFinding, type Finding, finding } from "../finding.ts";
import { outcome, type RowInput, type RowRules } from "../row-rules.ts";
import { ID_NUMBER, LEVEL_FIELDS, NAME, PARTY, TERM, TOWNSHIP, UNIT } from "./fields.ts";
import { bodyCell, keyWithoutBirth, placeRow } from "./shared.ts";

/** A vetting row: the warehouse row and the sheet it came from (for locating findings). */
export interface CandidateEntry {
  readonly row: CandidateRow;
  readonly sheet: string | null;
}

/** The vetting status of a row, or the reject of a missing or unreadable one. */
export function readStatus(input: RowInput): VettingStatus | Finding {
  const status = parseVettingStatus(input.cell("status"));
  if (status === null) {
    return finding(input.at, input.header("status"), null, "missing_value", "缺少资格审查结果");
  }
  if (status !== "invalid") return status;
  const statusText = maskIdsInText(input.text("status"));
  return finding(
    input.at,
    input.header("status"),
    statusText,
    "invalid_value",
    `资格审查结果"${statusText}"无法识别(应为通过、不合格/取消或退出/放弃)`,
  );
}

/** Party membership from the party cell; an unreadable one is unknown, with a warning pushed. */
export function readVettingParty(input: RowInput, warnings: Finding[]): boolean | null {
  const party = parseParty(input.cell("party"));
  if (party !== "invalid") return party;
  warnings.push(
    cellFinding(input, "party", "unknown_value", `无法识别的政治面貌"${input.text("party")}",按未知处理`),
  );
  return null;
}

/** The reason as kept: trimmed, any ID number masked; null when empty. */
export function reasonText(input: RowInput): string | null {
  return maskIdsInText(input.text("reason")) || null;
}

export const candidatesRows: RowRules<CandidateEntry> = {
  kind: "candidates",
  fields: [
    TOWNSHIP,
    UNIT,
    TERM,
    NAME,
    ID_NUMBER,
    PARTY,
    { field: "body", aliases: ["拟参选组织", "组织"] },
    { field: "status", aliases: ["审查结果", "资格审查结果", "状态"] },
    { field: "reason", aliases: ["取消原因", "不合格原因", "负面清单情形"] },
    ...LEVEL_FIELDS,
  ],
  required: ["township", "unit", "name", "status"],
  totalsFields: ["name", "unit", "township"],
  row(input, ctx) {
    const at = input.at;
    const term = ctx.term ?? 0;
    const warnings: Finding[] = [];
    const placed = placeRow(input, ctx, "name", "缺少姓名");
    if ("rule" in placed) return outcome.rejected(placed);
    const { name, unit } = placed;

    const status = readStatus(input);
    if (typeof status !== "string") return outcome.rejected(status);

    const body = bodyCell(input, warnings, "拟参选组织", "按未指定处理");
    const party = readVettingParty(input, warnings);

    const personKey = keyWithoutBirth(input, ctx, unit, name, warnings);

    return outcome.accepted(
      [
        {
          sheet: at.sheet,
          row: {
            term,
            unit_id: unit.unit_id,
            township: unit.township,
            unit: unit.unit,
            body: body ?? ctx.body,
            person_key: personKey,
            name,
            party_member: party,
            status,
            reason: reasonText(input),
            source_file: at.source_file,
            source_row: at.source_row ?? 0,
          },
        },
      ],
      warnings,
    );
  },
};
