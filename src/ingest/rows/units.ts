/**
 * Row rules of the units export (村社名册): one row per village or community.
 * unit_id is the 12-digit unit_code where given, else `township/unit`.
 */

import { parseUnitType, parseYesNo } from "../../parse/value.ts";
import { cellText } from "../../read/cell.ts";
import type { UnitRow } from "../../warehouse/tables.ts";
import { finding, type Location } from "../finding.ts";
import { outcome, type RowRules } from "../row-rules.ts";
import { TOWNSHIP, UNIT } from "./fields.ts";

/** A unit and the row it was read from (to locate a duplicate). */
export interface UnitRecord {
  readonly row: UnitRow;
  readonly at: Location;
}

export const unitsRows: RowRules<UnitRecord> = {
  kind: "units",
  fields: [
    TOWNSHIP,
    UNIT,
    { field: "unit_type", aliases: ["类型", "村社类型", "单位类型"] },
    { field: "unit_code", aliases: ["区划代码", "统计用区划代码", "代码"] },
    { field: "key_unit", aliases: ["重点难点村", "重点村", "是否重点难点村"] },
  ],
  required: ["township", "unit"],
  totalsFields: ["township", "unit"],
  row(input) {
    const township = input.text("township");
    const unit = input.text("unit");
    const warnings = [];
    if (!township || !unit) {
      const field = township ? "unit" : "township";
      return outcome.rejected(
        finding(
          input.at,
          input.header(field),
          null,
          "missing_value",
          `缺少${field === "unit" ? "村社名称" : "乡镇名称"}`,
        ),
      );
    }
    let unitType = parseUnitType(input.text("unit_type"));
    if (unitType === "invalid") {
      warnings.push(
        finding(
          input.at,
          input.header("unit_type"),
          input.text("unit_type"),
          "unknown_value",
          `无法识别的村社类型"${input.text("unit_type")}",按名称判断`,
        ),
      );
      unitType = null;
    }
    const type = unitType ?? (unit.endsWith("社区") ? "community" : "village");
    let code: string | null = cellText(input.cell("unit_code")).replace(/\s/g, "") || null;
    if (code !== null && !/^\d{12}$/.test(code)) {
      warnings.push(
        finding(
          input.at,
          input.header("unit_code"),
          code,
          "unknown_value",
          `区划代码"${code}"不是12位数字,已忽略`,
        ),
      );
      code = null;
    }
    let key = parseYesNo(input.text("key_unit"));
    if (key === "invalid") {
      warnings.push(
        finding(
          input.at,
          input.header("key_unit"),
          input.text("key_unit"),
          "unknown_value",
          `无法识别的"是/否"值"${input.text("key_unit")}",按"否"处理`,
        ),
      );
      key = null;
    }
    const row: UnitRow = {
      unit_id: code ?? `${township}/${unit}`,
      unit_code: code,
      township,
      unit,
      unit_type: type,
      key_unit: key ?? false,
    };
    return outcome.accepted([{ row, at: input.at }], warnings);
  },
};
