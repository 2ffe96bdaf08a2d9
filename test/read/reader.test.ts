import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { workbook } from "../../reports/components/xlsx.js";
import { InputError } from "../../src/error.ts";
import { ExcelDate, type RawRow } from "../../src/read/cell.ts";
import { DEFAULT_LIMITS, type ReadOptions, readRows } from "../../src/read/reader.ts";

const dir = mkdtempSync(join(process.env.HUANJIE_TEST_TMP ?? tmpdir(), "huanjie-reader-"));

function save(name: string, data: string | Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, data);
  return path;
}

async function read(path: string, options: Partial<ReadOptions> = {}): Promise<RawRow[]> {
  const out: RawRow[] = [];
  for await (const row of readRows(path, { displayName: "2021/名册", ...options })) out.push(row);
  return out;
}

async function message(path: string, options: Partial<ReadOptions> = {}): Promise<string> {
  const error = await read(path, options).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InputError);
  const text = (error as Error).message;
  expect(text.startsWith("2021/名册: ")).toBe(true);
  expect(text).not.toContain(dir);
  return text;
}

describe("readRows", () => {
  const book = save(
    "book.xlsx",
    workbook([
      {
        name: "村",
        rows: [
          ["乡镇", "村名"],
          ["城关镇", "西沟门村"],
        ],
      },
      {
        name: "社区",
        rows: [
          ["乡镇", "社区"],
          ["城关镇", "东城社区"],
        ],
      },
    ]),
  );

  it("reads .csv, .txt and .xlsx (every sheet or the one named)", async () => {
    expect((await read(save("a.CSV", "姓名,性别\n张三,男\n"))).length).toBe(2);
    expect((await read(save("a.txt", "姓名\t性别\n")))[0]?.cells).toEqual(["姓名", "性别"]);
    expect((await read(book)).map((r) => `${r.sheet}:${r.rowNumber}`)).toEqual([
      "村:1",
      "村:2",
      "社区:1",
      "社区:2",
    ]);
    expect((await read(book, { sheet: "社区" })).map((r) => r.cells[1])).toEqual(["社区", "东城社区"]);
    const dated = save("d.xlsx", workbook([{ name: "S", rows: [[new ExcelDate(26420)]] }]));
    expect((await read(dated))[0]?.cells).toEqual([new ExcelDate(26420)]);
  });

  it("rejects unknown extensions, with a hint for .xls", async () => {
    expect(await message(save("a.xls", "x"))).toMatch(/不支持的文件格式“\.xls”,请在 Excel 中另存为/);
    expect(await message(save("a.pdf", "x"))).toMatch(/不支持的文件格式“\.pdf”/);
  });

  it("rejects missing, empty, directory and oversized files", async () => {
    expect(await message(join(dir, "missing.csv"))).toBe("2021/名册: 文件不存在");
    expect(await message(save("empty.csv", ""))).toBe("2021/名册: 文件为空");
    mkdirSync(join(dir, "folder.csv"));
    expect(await message(join(dir, "folder.csv"))).toBe("2021/名册: 不是一个文件");
    expect(await message(save("big.csv", "a,b\n".repeat(100)), { limits: { maxFileBytes: 100 } })).toMatch(
      /文件大小超过上限/,
    );
  });

  it("rejects a sheet that does not exist, listing those there are, and a sheet for a CSV file", async () => {
    expect(await message(book, { sheet: "Sheet1" })).toBe(
      "2021/名册: 找不到工作表“Sheet1”,文件中的工作表有:“村”、“社区”",
    );
    expect(await message(save("s.csv", "a\n"), { sheet: "Sheet1" })).toMatch(/CSV\/TXT 文件没有工作表/);
  });

  it("applies the row limit to CSV and XLSX", async () => {
    expect(await message(save("rows.csv", "a\nb\nc\n"), { limits: { maxRows: 2 } })).toMatch(
      /行数超过上限 2 行/,
    );
    expect(await message(book, { limits: { maxRows: 1 } })).toMatch(/行数超过上限 1 行/);
  });

  it("has generous defaults", () => {
    expect(DEFAULT_LIMITS).toEqual({
      maxFileBytes: 512 << 20,
      maxRows: 2_000_000,
      maxDecompressedBytes: 2 ** 31,
    });
  });
});
