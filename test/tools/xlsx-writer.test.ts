import { strFromU8, unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { ExcelDate } from "../../src/read/cell.ts";
import { columnLetters, writeXlsx } from "../../tools/xlsx-writer.ts";

const sheets = [
  {
    name: "花名册",
    rows: [
      ["和林格尔县2021年村“两委”成员花名册", null, null],
      ["姓名", "出生年月", "是否党员"],
      ["张三 & <李四>", new ExcelDate(26420), true],
      [1.5, -3, null],
    ],
    merges: ["A1:C1"],
  },
  { name: "Sheet2", rows: [] },
];

describe("writeXlsx", () => {
  it("is byte-deterministic", () => {
    expect(writeXlsx(sheets)).toEqual(writeXlsx(sheets));
  });

  it("writes the parts of a workbook with escaped shared strings, dates, booleans and merges", () => {
    const parts = unzipSync(writeXlsx(sheets));
    expect(Object.keys(parts)).toContain("xl/worksheets/sheet2.xml");
    const sheet = strFromU8(parts["xl/worksheets/sheet1.xml"] as Uint8Array);
    expect(sheet).toContain('<c r="B3" s="1"><v>26420</v></c>');
    expect(sheet).toContain('<c r="C3" t="b"><v>1</v></c>');
    expect(sheet).toContain('<mergeCell ref="A1:C1"/>');
    expect(sheet).not.toContain("C4");
    const sst = strFromU8(parts["xl/sharedStrings.xml"] as Uint8Array);
    expect(sst).toContain("<t>张三 &amp; &lt;李四&gt;</t>");
    const workbook = strFromU8(parts["xl/workbook.xml"] as Uint8Array);
    expect(workbook).toContain('name="花名册"');
  });

  it("rejects invalid sheet names and numbers", () => {
    expect(() => writeXlsx([])).toThrow();
    expect(() => writeXlsx([{ name: "a/b", rows: [] }])).toThrow();
    expect(() =>
      writeXlsx([
        { name: "A", rows: [] },
        { name: "a", rows: [] },
      ]),
    ).toThrow();
    expect(() => writeXlsx([{ name: "A", rows: [[Number.NaN]] }])).toThrow();
  });

  it("names columns like Excel", () => {
    expect([0, 25, 26, 701, 702, 16383].map(columnLetters)).toEqual(["A", "Z", "AA", "ZZ", "AAA", "XFD"]);
  });
});
