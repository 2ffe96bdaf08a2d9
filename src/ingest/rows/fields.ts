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

/** The jurisdictions between a dataset above county level and its townships (docs/levels.md). */
export const COUNTY: FieldSpec = {
  field: "county",
  aliases: ["县", "区", "旗", "县区", "县(市、区)", "县级"],
};
export const CITY: FieldSpec = { field: "city", aliases: ["市", "地市", "州", "盟", "地区", "市州"] };
export const PROVINCE: FieldSpec = { field: "province", aliases: ["省", "省份", "省级"] };
/** The level columns a row may carry, lowest first. */
export const LEVEL_FIELDS = [COUNTY, CITY, PROVINCE] as const;
/** The fields that place a row in a unit: township, unit and the optional level columns. */
export const PLACE_FIELDS = [TOWNSHIP, UNIT, ...LEVEL_FIELDS] as const;
