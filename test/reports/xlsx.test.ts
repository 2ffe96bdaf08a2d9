import { strFromU8, unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { columnLetters, workbook, xlsx } from "../../reports/components/xlsx.js";
import { ExcelDate } from "../../src/read/cell.ts";

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

describe("the XLSX writer (reports/components/xlsx.js)", () => {
  it("is byte-deterministic", () => {
    expect(workbook(sheets)).toEqual(workbook(sheets));
  });

  it("writes the parts of a workbook with escaped inline strings, dates, booleans and merges", () => {
    const parts = unzipSync(workbook(sheets));
    expect(Object.keys(parts)).toContain("xl/worksheets/sheet2.xml");
    const sheet = strFromU8(parts["xl/worksheets/sheet1.xml"] as Uint8Array);
    // The date style: cellXfs 8, number format yyyy-mm-dd.
    expect(sheet).toContain('<c r="B3" s="8"><v>26420</v></c>');
    const styles = strFromU8(parts["xl/styles.xml"] as Uint8Array);
    const xfs = [
      ...(styles.match(/<cellXfs[^>]*>(.*?)<\/cellXfs>/)?.[1] ?? "").matchAll(/<xf [^>]*?numFmtId="(\d+)"/g),
    ];
    expect(xfs[8]?.[1]).toBe("168");
    expect(styles).toContain('<numFmt numFmtId="168" formatCode="yyyy-mm-dd"/>');
    expect(sheet).toContain('<c r="C3" t="b"><v>1</v></c>');
    expect(sheet).toContain('<mergeCell ref="A1:C1"/>');
    expect(sheet).not.toContain("C4");
    expect(sheet).toContain('<t xml:space="preserve">张三 &amp; &lt;李四&gt;</t>');
    const workbookXml = strFromU8(parts["xl/workbook.xml"] as Uint8Array);
    expect(workbookXml).toContain('name="花名册"');
    expect(strFromU8(parts["[Content_Types].xml"] as Uint8Array)).toContain("/xl/worksheets/sheet2.xml");
  });

  it("keeps text whole: characters XML cannot carry as _xHHHH_, a carriage return as a reference", () => {
    const parts = unzipSync(workbook([{ name: "S", rows: [["a\u0001b", "_x0041_", "x\r\ny"]] }]));
    const sheet = strFromU8(parts["xl/worksheets/sheet1.xml"] as Uint8Array);
    expect(sheet).toContain(">a_x0001_b<");
    expect(sheet).toContain(">_x005F_x0041_<");
    expect(sheet).toContain(">x&#13;\ny<");
  });

  it("writes a download's one sheet under a cut-down name, rows without cells left out", () => {
    const parts = unzipSync(xlsx([["a"], [null, ""], [1]], { sheetName: "a/b:c" }));
    expect(strFromU8(parts["xl/workbook.xml"] as Uint8Array)).toContain('name="abc"');
    const sheet = strFromU8(parts["xl/worksheets/sheet1.xml"] as Uint8Array);
    expect(sheet.match(/<row /g)).toHaveLength(2);
  });

  it("rejects invalid sheet names and numbers", () => {
    expect(() => workbook([])).toThrow();
    expect(() => workbook([{ name: "a/b", rows: [] }])).toThrow();
    expect(() =>
      workbook([
        { name: "A", rows: [] },
        { name: "a", rows: [] },
      ]),
    ).toThrow();
    expect(() => workbook([{ name: "A", rows: [[Number.NaN]] }])).toThrow();
  });

  it("names columns like Excel", () => {
    expect([0, 25, 26, 701, 702, 16383].map(columnLetters)).toEqual(["A", "Z", "AA", "ZZ", "AAA", "XFD"]);
  });
});
