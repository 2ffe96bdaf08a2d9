/**
 * Header aliases shared by several export kinds (shared/spec/exports.md).
 * A field's aliases are matched after header normalisation (src/header.ts).
 */
import type { FieldSpec } from "../../read/header.ts";

export const TOWNSHIP: FieldSpec = {
  field: "township",
  aliases: ["乡镇", "乡镇(街道)", "乡镇街道", "所属乡镇", "苏木乡镇"],
};
export const UNIT: FieldSpec = {
  field: "unit",
  aliases: ["村(社区)", "村社", "村社名称", "行政村", "村名", "社区", "单位名称"],
};
export const TERM: FieldSpec = { field: "term", aliases: ["届次", "换届年份", "年度"] };
export const NAME: FieldSpec = { field: "name", aliases: ["姓名"] };
export const ID_NUMBER: FieldSpec = {
  field: "id_number",
  aliases: ["身份证号", "身份证号码", "公民身份号码"],
};
export const PARTY: FieldSpec = { field: "party", aliases: ["政治面貌"] };
