import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/error.ts";
import type { RawRow } from "../../src/read/cell.ts";
import { type CsvOptions, CsvParser, detectDelimiter, readCsv } from "../../src/read/csv.ts";

const dir = mkdtempSync(join(process.env.HUANJIE_TEST_TMP ?? tmpdir(), "huanjie-csv-"));
const fixture = (name: string) => join(import.meta.dirname, "..", "fixtures", "readers", name);

function save(name: string, data: string | Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, data);
  return path;
}

async function cells(path: string, options: Partial<CsvOptions> = {}): Promise<string[][]> {
  return (await rows(path, options)).map((r) => r.cells as string[]);
}

async function rows(path: string, options: Partial<CsvOptions> = {}): Promise<RawRow[]> {
  const out: RawRow[] = [];
  for await (const batch of readCsv(path, { displayName: "名册.csv", maxRows: 1000, ...options }))
    out.push(...batch);
  return out;
}

describe("readCsv", () => {
  it("reads UTF-8 with and without BOM", async () => {
    expect(await cells(save("plain.csv", "姓名,性别\n张三,男\n"))).toEqual([
      ["姓名", "性别"],
      ["张三", "男"],
    ]);
    expect(await cells(save("bom.csv", "\ufeff姓名,性别\r\n张三,男"))).toEqual([
      ["姓名", "性别"],
      ["张三", "男"],
    ]);
  });

  it("reads a GBK file written by a Chinese Excel (fixture gbk.csv)", async () => {
    const all = await rows(fixture("gbk.csv"));
    expect(all.map((r) => r.rowNumber)).toEqual([1, 2, 3, 4]);
    expect(all[1]?.cells).toEqual(["乡镇", "村(社区)", "姓名", "出生年月", "职务"]);
    expect(all[2]?.cells).toEqual(["城关镇", "西沟门村", "张三", "1972.05", "党支部书记,村委会主任"]);
    expect(all[2]?.sheet).toBeNull();
  });

  it("reads tab-separated text", async () => {
    const path = save("tab.txt", "标题\n\n姓名\t职务\t备注\n张三\t书记, 主任\t\n");
    expect(await cells(path)).toEqual([["标题"], [""], ["姓名", "职务", "备注"], ["张三", "书记, 主任", ""]]);
  });

  it("numbers records as Excel does: a line break inside quotes does not start a row", async () => {
    const path = save("quoted.csv", 'a,"多\r\n行,""引号""",b\r\n"x"y,\n"",z\n');
    const all = await rows(path);
    expect(all.map((r) => [r.rowNumber, r.cells])).toEqual([
      [1, ["a", '多\r\n行,"引号"', "b"]],
      [2, ["xy", ""]],
      [3, ["", "z"]],
    ]);
  });

  it("accepts CRLF, LF and CR line endings mixed in one file", async () => {
    expect(await cells(save("mixed.csv", "a,b\r\nc,d\ne,f\rg,h\r\n\r\ni"))).toEqual([
      ["a", "b"],
      ["c", "d"],
      ["e", "f"],
      ["g", "h"],
      [""],
      ["i"],
    ]);
  });

  it("rejects an unclosed quote, naming the row", async () => {
    const error = await rows(save("unclosed.csv", 'a,b\n"c,d\ne,f\n')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toBe("名册.csv: 第 2 行的引号没有闭合(或该行过长)");
  });

  it("rejects garbage bytes and more rows than the limit", async () => {
    const garbage = save("garbage.csv", new Uint8Array([0x41, 0x2c, 0xff, 0xff, 0xfe, 0x0a]));
    await expect(rows(garbage)).rejects.toThrow(/^名册\.csv: 无法识别的文件编码/);
    await expect(rows(save("many.csv", "a\n".repeat(11)), { maxRows: 10 })).rejects.toThrow(
      "名册.csv: 行数超过上限 10 行",
    );
  });
});

describe("detectDelimiter", () => {
  it("chooses tab when the first lines hold more tabs than commas outside quotes", () => {
    expect(detectDelimiter("标题\n\n姓名\t性别\t职务\n")).toBe("\t");
    expect(detectDelimiter('"a\tb\tc",d\n')).toBe(",");
    expect(detectDelimiter("标题,,,\n姓名,备注\n张三\t李四\n")).toBe(",");
  });
});

describe("CsvParser", () => {
  it("gives the same records however the text is split into pieces", () => {
    const field = fc.stringMatching(/^[a,"\r\n中]{0,6}$/);
    const record = fc.array(field, { minLength: 1, maxLength: 4 });
    const quote = (f: string) => (/[,"\r\n]/.test(f) ? `"${f.replaceAll('"', '""')}"` : f);
    fc.assert(
      fc.property(
        fc.array(record, { minLength: 1, maxLength: 6 }),
        fc.array(fc.nat(), { maxLength: 5 }),
        (records, cuts) => {
          const text = records.map((r) => `${r.map(quote).join(",")}\r\n`).join("");
          const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
          const parser = new CsvParser(",", "f", 100);
          const out: RawRow[] = [];
          let from = 0;
          for (const p of [...points, text.length]) {
            out.push(...parser.push(text.slice(from, p), false));
            from = p;
          }
          out.push(...parser.push("", true));
          expect(out.map((r) => r.cells)).toEqual(records);
          expect(out.map((r) => r.rowNumber)).toEqual(records.map((_, i) => i + 1));
        },
      ),
    );
  });
});
