import { dataTable } from "./dataTable.js";
import { fmtInt } from "./format.js";
import { EDUCATION, GENDER, label, POSITION, POSITION_ORDER } from "./labels.js";

/** The words for a member's `continuing` (same body, same unit, other term), by the term shown. */
const TENURE = {
  current: { label: "连任/新任", true: "连任", false: "新任" },
  previous: { label: "连任/离任", true: "连任", false: "离任" },
};

/**
 * The members of one body (or several units): name, gender, age, education,
 * position, party membership; with `tenure` ("current" or "previous": the term the rows are of), a
 * column from their `continuing` flag: 连任 or 新任 (current term), 连任 or 离任 (previous term).
 * Never ID numbers or birth dates (the data has none). Several memberships of a person in the same
 * body are joined. `name` names the table's search and sort in the address (dataTable.js).
 */
export function membersTable(
  rows,
  { unit = false, filename = "成员", pageSize = 30, tenure = null, name = "" } = {},
) {
  const columns = [
    ...(unit
      ? [
          { key: "township", label: "乡镇" },
          { key: "unit", label: "村社" },
        ]
      : []),
    { key: "name", label: "姓名" },
    {
      key: "position",
      label: "职务",
      format: (_, r) => label(POSITION, r.position),
      value: (r) => POSITION_ORDER.indexOf(r.position),
    },
    ...(tenure
      ? [
          {
            key: "continuing",
            label: TENURE[tenure].label,
            format: (v) => (v == null ? "—" : TENURE[tenure][v]),
          },
        ]
      : []),
    { key: "gender", label: "性别", format: (v) => label(GENDER, v) },
    { key: "age", label: "年龄", num: true, format: fmtInt },
    { key: "education", label: "学历", format: (v) => label(EDUCATION, v) },
    { key: "ethnicity", label: "民族", format: (v) => v ?? "—" },
    { key: "party_member", label: "党员", format: (v) => (v == null ? "—" : v ? "是" : "否") },
  ];
  return dataTable(rows, {
    columns,
    filename,
    name,
    pageSize,
    searchPlaceholder: "搜索姓名、职务…",
    sort: { key: "position" },
  });
}
