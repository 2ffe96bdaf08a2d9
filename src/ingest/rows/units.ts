/**
 * Row rules of the units export (村社名册): one row per village or community.
 * unit_id is the 12-digit unit_code where given, else `township/unit`. Above
 * county level the file also names each unit's county (and city, province, up
 * to the level below the dataset's), and the township is `县名/乡镇名`.
 */

import { parseUnitType, parseYesNo } from "../../parse/value.ts";
import { cellText } from "../../read/cell.ts";
import type { Level, UnitRow } from "../../warehouse/tables.ts";
import { cellFinding, type Finding, finding, type Location } from "../finding.ts";
import { outcome, type RowInput, type RowOutcome, type RowRules } from "../row-rules.ts";
import { levelsBelow, type UnitPlace } from "../unit-index.ts";
import { LEVEL_FIELDS, TOWNSHIP, UNIT } from "./fields.ts";

/** A unit, the names placing it, and the row it was read from (to locate a duplicate). */
export interface UnitRecord {
  readonly row: UnitRow;
  readonly place: UnitPlace;
  readonly at: Location;
}

const LEVEL_NAMES = { county: "县", city: "市", province: "省" } as const;

/** The units file's rules for a dataset at `level`: the level columns below it are required. */
export function unitsRowsFor(level: Level): RowRules<UnitRecord> {
  const levels = levelsBelow(level);
  // One string per distinct name (a township's name is on each of its units' rows): the units live
  // for the whole build, the table only while this file is read.
  const shared = new Map<string, string>();
  const intern = (text: string) => {
    const have = shared.get(text);
    if (have !== undefined) return have;
    shared.set(text, text);
    return text;
  };
  const levelFields = LEVEL_FIELDS.filter((f) => (levels as readonly string[]).includes(f.field));
  return {
    kind: "units",
    fields: [
      TOWNSHIP,
      UNIT,
      { field: "unit_type", aliases: ["类型", "村社类型", "单位类型"] },
      { field: "unit_code", aliases: ["区划代码", "统计用区划代码", "代码"] },
      { field: "key_unit", aliases: ["重点难点村", "重点村", "是否重点难点村"] },
      ...levelFields,
    ],
    required: ["township", "unit", ...levels],
    totalsFields: ["township", "unit"],
    row(input) {
      const missing = (["township", "unit", ...levels] as const).find((f) => !input.text(f));
      if (missing) {
        const what = missing === "unit" ? "村社" : missing === "township" ? "乡镇" : LEVEL_NAMES[missing];
        return outcome.rejected(
          finding(input.at, input.header(missing), null, "missing_value", `缺少${what}名称`),
        );
      }
      const level = (l: (typeof levels)[number]) => (levels.includes(l) ? intern(input.text(l)) : null);
      return unitRow(input, intern, {
        township: intern(input.text("township")),
        county: level("county"),
        city: level("city"),
        province: level("province"),
      });
    },
  };
}

/** The units file's rules for a county dataset. */
export const unitsRows: RowRules<UnitRecord> = unitsRowsFor("county");

/** The unit of a row whose names are all given. */
function unitRow(
  input: RowInput,
  intern: (text: string) => string,
  names: Omit<UnitPlace, "row">,
): RowOutcome<UnitRecord> {
  const township = names.county === null ? names.township : intern(`${names.county}/${names.township}`);
  const unit = intern(input.text("unit"));
  const warnings: Finding[] = [];
  /** A cell that cannot be read: warned about, and read as not given. */
  const unknownValue = (field: string, message: string) =>
    warnings.push(cellFinding(input, field, "unknown_value", message));
  let unitType = parseUnitType(input.text("unit_type"));
  if (unitType === "invalid") {
    unknownValue("unit_type", `无法识别的村社类型"${input.text("unit_type")}",按名称判断`);
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
    unknownValue("key_unit", `无法识别的"是/否"值"${input.text("key_unit")}",按"否"处理`);
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
  const place: UnitPlace = {
    row,
    township: names.township,
    county: names.county,
    city: names.city,
    province: names.province,
  };
  return outcome.accepted([{ row, place, at: input.at }], warnings);
}
