import { describe, expect, it } from "vitest";
import type { Cell, RawRow } from "../../src/read/cell.ts";
import {
  type FieldSpec,
  isBlank,
  isHeaderRepeat,
  matchHeader,
  normalizeHeader,
} from "../../src/read/header.ts";

const FIELDS: readonly FieldSpec[] = [
  { field: "township", aliases: ["乡镇", "乡镇(街道)", "所属乡镇"] },
  { field: "unit", aliases: ["村(社区)", "村社", "行政村"] },
  { field: "name", aliases: ["姓名"] },
  { field: "birth", aliases: ["出生年月", "出生日期"] },
  { field: "position", aliases: ["职务", "现任职务"] },
];

const row = (rowNumber: number, cells: Cell[], sheet: string | null = "Sheet1"): RawRow => ({
  sheet,
  rowNumber,
  cells,
});

describe("normalizeHeader", () => {
  it("ignores spaces, full-width spaces, line breaks and the width of brackets", () => {
    expect(normalizeHeader("  村（社区） ")).toBe("村(社区)");
    expect(normalizeHeader("姓\u3000\u3000名")).toBe("姓名");
    expect(normalizeHeader("出生\r\n年月")).toBe("出生年月");
    expect(normalizeHeader("乡镇 ( 街道 )")).toBe("乡镇(街道)");
  });
});

describe("matchHeader", () => {
  it("skips title rows and finds the header with full-width brackets, padded names and line breaks", () => {
    const rows = [
      row(1, ["和林格尔县2021年村“两委”成员花名册"]),
      row(2, ["填报单位:城关镇", null, "姓名"]),
      row(3, ["序号", "乡　镇", "村（社区）", "姓  名", "出生\n年月", "现任\r\n职务", "备注", "姓名"]),
    ];
    expect(matchHeader(rows[0] as RawRow, FIELDS)).toBeNull();
    expect(matchHeader(rows[1] as RawRow, FIELDS)).toBeNull();
    const header = matchHeader(rows[2] as RawRow, FIELDS);
    expect(header).not.toBeNull();
    expect(header?.rowNumber).toBe(3);
    expect(header?.sheet).toBe("Sheet1");
    expect(Object.fromEntries(header?.columns ?? [])).toEqual({
      township: { index: 1, header: "乡　镇" },
      unit: { index: 2, header: "村（社区）" },
      name: { index: 3, header: "姓  名" },
      birth: { index: 4, header: "出生\n年月" },
      position: { index: 5, header: "现任\r\n职务" },
    });
    expect(header?.duplicates).toEqual([{ field: "name", header: "姓名", index: 7 }]);
    expect(header?.unknown).toEqual(["序号", "备注"]);
  });

  it("needs three matching cells", () => {
    expect(matchHeader(row(1, ["姓名", "职务", "民族"]), FIELDS)).toBeNull();
    expect(matchHeader(row(1, ["姓名", "职务", "出生日期"], null), FIELDS)?.sheet).toBeNull();
  });
});

describe("isHeaderRepeat and isBlank", () => {
  const header = matchHeader(row(2, ["乡镇", "村(社区)", "姓名", "职务"]), FIELDS);
  if (!header) throw new Error("no header");

  it("recognises a header repeated further down, however it is spaced", () => {
    expect(isHeaderRepeat(row(40, [" 乡镇", "村（社区）", "姓 名", "职务"]), header)).toBe(true);
    expect(isHeaderRepeat(row(41, ["城关镇", "西沟门村", "张三", "职务"]), header)).toBe(false);
  });

  it("treats rows of empty, space and full-width space cells as blank", () => {
    expect(isBlank(row(5, []))).toBe(true);
    expect(isBlank(row(5, [null, "", " \u3000", "\n"]))).toBe(true);
    expect(isBlank(row(5, [null, 0]))).toBe(false);
  });
});
