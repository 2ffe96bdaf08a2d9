import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { strToU8, unzipSync, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { workbook } from "../../reports/components/xlsx.js";
import { InputError } from "../../src/error.ts";
import { ExcelDate, type RawRow } from "../../src/read/cell.ts";
import { isDateFormat, readXlsx, type XlsxOptions } from "../../src/read/xlsx.ts";

const dir = mkdtempSync(join(process.env.HUANJIE_TEST_TMP ?? tmpdir(), "huanjie-xlsx-"));
const fixture = (name: string) => join(import.meta.dirname, "..", "fixtures", "readers", name);
const limits = { maxRows: 1000, maxDecompressedBytes: 10 << 20 };

function save(name: string, bytes: Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

async function rows(path: string, options: Partial<XlsxOptions> = {}): Promise<RawRow[]> {
  const out: RawRow[] = [];
  for await (const batch of readXlsx(path, { displayName: "名册.xlsx", ...limits, ...options }))
    out.push(...batch);
  return out;
}

async function failure(promise: Promise<unknown>): Promise<InputError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InputError);
  return error as InputError;
}

const MAIN = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/**
 * A workbook written by hand, part by part, in an order no Office writer uses:
 * sheets first, then styles, then shared strings, then the workbook itself.
 * Sheet 1 uses a prefixed namespace (`x:`), as the .NET Open XML SDK writes.
 */
function handCrafted(): Uint8Array {
  const sheet1 =
    `<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>` +
    `<x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c></x:row>` +
    `<x:row r="3" spans="1:6"><x:c r="A3" t="s"><x:v>1</x:v></x:c><x:c r="B3" t="inlineStr"><x:is><x:t>姓 名</x:t></x:is></x:c>` +
    `<x:c r="D3" t="s"><x:v>2</x:v></x:c></x:row>` +
    `<x:row><x:c t="str"><x:f>A1&amp;"x"</x:f><x:v>a&amp;b_x000D_</x:v></x:c><x:c s="1"><x:v>26420</x:v></x:c>` +
    `<x:c r="D4" s="2"><x:v>26420.5</x:v></x:c><x:c r="E4" s="3"><x:v>3.25</x:v></x:c><x:c r="F4" t="b"><x:v>0</x:v></x:c></x:row>` +
    `<x:row r="5"><x:c r="A5" t="e"><x:v>#N/A</x:v></x:c><x:c r="C5"><x:f>1/0</x:f></x:c>` +
    `<x:c r="D5" t="d"><x:v>1972-05-03</x:v></x:c><x:c r="E5" s="4"/></x:row>` +
    `</x:sheetData><x:mergeCells count="1"><x:mergeCell ref="A1:F1"/></x:mergeCells></x:worksheet>`;
  const sheet2 =
    `<worksheet ${MAIN}><sheetData><row r="2"><c r="B2" t="inlineStr"><is><r><t>张</t></r><r><rPr><b/></rPr><t xml:space="preserve">三 </t></r>` +
    `<rPh sb="0" eb="1"><t>ZHANG</t></rPh></is></c></row></sheetData></worksheet>`;
  const styles =
    `<styleSheet ${MAIN}><numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy&quot;年&quot;m&quot;月&quot;"/>` +
    `<numFmt numFmtId="165" formatCode="[Red]0.00;&quot;day&quot;0"/></numFmts>` +
    `<cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs>` +
    `<cellXfs count="5"><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="22"/><xf numFmtId="165"/><xf numFmtId="49"/></cellXfs></styleSheet>`;
  const sst =
    `<sst ${MAIN} count="3" uniqueCount="3"><si><t>和林格尔县2021年村“两委”成员花名册</t></si>` +
    `<si><r><t>乡</t></r><r><t>镇</t></r></si><si><t>出生\n年月</t><rPh><t>ignored</t></rPh></si></sst>`;
  const workbook =
    `<workbook ${MAIN} xmlns:r="${REL}"><workbookPr/><sheets>` +
    `<sheet name="花名册" sheetId="1" r:id="rId1"/><sheet name="说明 &amp; 附表" sheetId="2" r:id="rId2"/></sheets></workbook>`;
  const rels =
    `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
    `<Relationship Id="rId2" Type="${REL}/worksheet" Target="/xl/worksheets/second.xml"/>` +
    `<Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/first.xml"/>` +
    `<Relationship Id="rId3" Type="${REL}/styles" Target="styles.xml"/>` +
    `<Relationship Id="rId4" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`;
  const root =
    `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
    `<Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
  return zipSync({
    "xl/worksheets/first.xml": strToU8(sheet1),
    "xl/worksheets/second.xml": strToU8(sheet2),
    "xl/styles.xml": strToU8(styles),
    "xl/sharedStrings.xml": strToU8(sst),
    "xl/workbook.xml": strToU8(workbook),
    "xl/_rels/workbook.xml.rels": strToU8(rels),
    "_rels/.rels": strToU8(root),
  });
}

describe("readXlsx on a hand-crafted workbook", () => {
  const path = save("hand.xlsx", handCrafted());

  it("reads the sheets in workbook order", async () => {
    expect([...new Set((await rows(path)).map((r) => r.sheet))]).toEqual(["花名册", "说明 & 附表"]);
  });

  it("reads shared strings stored after the sheet, inline and rich text, gaps and missing references", async () => {
    const [title, header, values, errors] = await rows(path, { sheet: "花名册" });
    expect(title).toEqual({ sheet: "花名册", rowNumber: 1, cells: ["和林格尔县2021年村“两委”成员花名册"] });
    expect(header).toEqual({ sheet: "花名册", rowNumber: 3, cells: ["乡镇", "姓 名", null, "出生\n年月"] });
    expect(values?.rowNumber).toBe(4);
    expect(values?.cells).toEqual(["a&b\r", new ExcelDate(26420), null, new ExcelDate(26420.5), 3.25, false]);
    expect(values?.formulaColumns).toEqual([0]);
    expect(errors?.cells).toEqual(["#N/A", null, null, new ExcelDate(26422)]);
    expect(errors?.formulaColumns).toEqual([2]);
  });

  it("reads every sheet when none is named, leaving phonetic runs out", async () => {
    const all = await rows(path);
    expect(all).toHaveLength(5);
    expect(all[4]).toEqual({ sheet: "说明 & 附表", rowNumber: 2, cells: [null, "张三 "] });
  });

  it("names the sheets there are when the named one is missing", async () => {
    const error = await failure(rows(path, { sheet: "Sheet1" }));
    expect(error.message).toBe("名册.xlsx: 找不到工作表“Sheet1”,文件中的工作表有:“花名册”、“说明 & 附表”");
  });
});

describe("readXlsx on workbooks written by the project's writer and by LibreOffice", () => {
  it("round-trips the writer's output: several sheets, a merged title row, dates, numbers, booleans", async () => {
    const path = save(
      "written.xlsx",
      workbook([
        {
          name: "2021年",
          rows: [
            ["和林格尔县2021年村“两委”成员花名册"],
            [],
            ["姓名", "出生年月", "党员", "得票"],
            ["张三", new ExcelDate(26420), true, 98],
          ],
          merges: ["A1:D1"],
        },
        { name: "Sheet2", rows: [[null, "  空格  "]] },
      ]),
    );
    expect(await rows(path)).toEqual([
      { sheet: "2021年", rowNumber: 1, cells: ["和林格尔县2021年村“两委”成员花名册"] },
      { sheet: "2021年", rowNumber: 3, cells: ["姓名", "出生年月", "党员", "得票"] },
      { sheet: "2021年", rowNumber: 4, cells: ["张三", new ExcelDate(26420), true, 98] },
      { sheet: "Sheet2", rowNumber: 1, cells: [null, "  空格  "] },
    ]);
  });

  it("reads a LibreOffice workbook with date cells and cached formula values", async () => {
    const all = await rows(fixture("libreoffice.xlsx"));
    expect(all.map((r) => r.cells)).toEqual([
      ["乡镇", "村(社区)", "姓名", "出生日期", "得票数", "合计"],
      ["城关镇", "西沟门村", "张三", new ExcelDate(26422), 120, 240],
      ["城关镇", "东沟门村", "王五", new ExcelDate(29251), 98, 196],
    ]);
    expect(all[1]?.formulaColumns).toEqual([5]);
  });

  it("shifts 1904-based serials to the 1900 system", async () => {
    const bytes = workbook([{ name: "S", rows: [[new ExcelDate(24958)]] }]);
    const path = save(
      "d1904.xlsx",
      patch(bytes, "xl/workbook.xml", (xml) => xml.replace("<sheets>", '<workbookPr date1904="1"/><sheets>')),
    );
    expect((await rows(path))[0]?.cells).toEqual([new ExcelDate(26420)]);
  });
});

describe("readXlsx on broken and hostile files", () => {
  const good = workbook([{ name: "S", rows: [["a", "b", "c"]] }]);

  it("rejects a truncated zip", async () => {
    const path = save("truncated.xlsx", good.subarray(0, Math.floor(good.length * 0.6)));
    const error = await failure(rows(path));
    expect(error.message).toMatch(/^名册\.xlsx: 无法读取的 XLSX 文件/);
  });

  it("rejects garbage and an old .xls", async () => {
    const garbage = save(
      "garbage.xlsx",
      new Uint8Array(4096).map((_, i) => (i * 7919) % 251),
    );
    expect((await failure(rows(garbage))).message).toMatch(/无法读取的 XLSX 文件:不是 ZIP 格式/);
    const xls = save("old.xlsx", new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]));
    expect((await failure(rows(xls))).message).toMatch(/旧版 \.xls/);
  });

  it("rejects a zip bomb: a small file whose sheet inflates beyond the limit", async () => {
    const row = `<row><c t="inlineStr"><is><t>${"0".repeat(1000)}</t></is></c></row>`;
    const bomb = patch(
      good,
      "xl/worksheets/sheet1.xml",
      () => `<worksheet ${MAIN}><sheetData>${row.repeat(3000)}</sheetData></worksheet>`,
    );
    expect(bomb.length).toBeLessThan(30_000);
    const path = save("bomb.xlsx", bomb);
    const error = await failure(rows(path, { maxDecompressedBytes: 1 << 20 }));
    expect(error.message).toMatch(/解压后的数据超过上限/);
  });

  it("rejects a sheet with more rows than the limit", async () => {
    const path = save(
      "long.xlsx",
      workbook([{ name: "S", rows: Array.from({ length: 20 }, (_, i) => [i]) }]),
    );
    const error = await failure(rows(path, { maxRows: 10 }));
    expect(error.message).toBe("名册.xlsx: 工作表“S”的行数超过上限 10 行");
  });

  it("rejects corrupt XML inside a valid zip", async () => {
    const path = save(
      "badxml.xlsx",
      patch(good, "xl/worksheets/sheet1.xml", (xml) => xml.slice(0, -40)),
    );
    expect((await failure(rows(path))).message).toMatch(/sheet1\.xml 内容损坏/);
  });
});

describe("isDateFormat", () => {
  it("finds date tokens outside quotes, brackets and escapes", () => {
    for (const code of [
      "yyyy-mm-dd",
      'yyyy"年"m"月"',
      "[$-804]yyyy/m/d",
      "h:mm:ss",
      "m/d/yy h:mm",
      "[DBNum1]yyyy年m月d日",
    ]) {
      expect(isDateFormat(code), code).toBe(true);
    }
    for (const code of [
      "General",
      "0.00",
      "[Red]0.00",
      '"day"0',
      "#,##0_);[Red](#,##0)",
      "@",
      '0"天"',
      "\\d0",
    ]) {
      expect(isDateFormat(code), code).toBe(false);
    }
  });
});

/** Rewrite one part of a zip (the others are copied as they are). */
function patch(zip: Uint8Array, part: string, edit: (xml: string) => string): Uint8Array {
  const files = unzipSync(zip);
  files[part] = strToU8(edit(new TextDecoder().decode(files[part])));
  return zipSync(files);
}
