/**
 * Rejects and warnings: every problem found in an input row, located by file,
 * sheet, spreadsheet row and column header, with its value (ID numbers masked)
 * and a message in Chinese. See `shared/spec/exports.md`, Rejects and warnings.
 */
import { maskIdsInText } from "../parse/id-number.ts";
import type { FindingRow } from "../warehouse/tables.ts";
import type { RowInput } from "./row-rules.ts";

export type Finding = FindingRow;

/** Where in the input a finding points. */
export interface Location {
  readonly source_file: string;
  readonly sheet: string | null;
  readonly source_row: number | null;
}

/** Rule codes of rejects (the row does not become a record). */
export const REJECT_RULES = {
  missing_name: "缺少姓名",
  unknown_township: "乡镇不在村社名册中",
  unknown_unit: "村社不在村社名册中",
  ambiguous_unit: "乡镇和村社名在多个县重名,未写明所属县",
  ambiguous_body: "无法确定所属班子",
  unknown_position: "无法识别的职务",
  term_mismatch: "届次与清单不符",
  duplicate_membership: "同一人在同一村社同一班子重复",
  duplicate_unit: "村社重复",
  missing_value: "缺少必填值",
  invalid_value: "无法识别的值",
  election_disagrees: "同一场选举的各行数据不一致",
  duplicate_candidate: "同一场选举中候选人重复",
} as const;

/** Rule codes of warnings (the row is kept). */
export const WARNING_RULES = {
  unknown_education: "无法识别的学历",
  invalid_date: "无法识别或不存在的日期",
  invalid_id: "身份证号码无效",
  id_birth_mismatch: "出生日期与身份证号码不符",
  id_gender_mismatch: "性别与身份证号码不符",
  two_units: "同一人在同一届同一班子出现在两个村社",
  first_secretary: "第一书记不是选举产生,已跳过",
  conflicting_attributes: "同一人的两行个人信息不一致",
  unknown_value: "无法识别的值,按未知处理",
  formula_cell: "单元格含公式",
} as const;

export type RejectRule = keyof typeof REJECT_RULES;
export type WarningRule = keyof typeof WARNING_RULES;

/**
 * Build a finding row. `message` is the full Chinese sentence shown to the
 * analyst. ID-shaped digit runs in the value and the message are masked here
 * (an ID number typed into the wrong column must not reach warnings.parquet).
 */
export function finding(
  at: Location,
  column: string | null,
  value: string | null,
  rule: RejectRule | WarningRule,
  message: string,
): Finding {
  return {
    ...at,
    column,
    value: value === null ? null : maskIdsInText(value),
    rule,
    message: maskIdsInText(message),
  };
}

/** A finding about the cell of `field` in a row: located, with the cell's header and its text as the value. */
export function cellFinding(
  input: RowInput,
  field: string,
  rule: RejectRule | WarningRule,
  message: string,
): Finding {
  return finding(input.at, input.header(field), input.text(field), rule, message);
}
