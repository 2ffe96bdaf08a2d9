/**
 * Reading staged tables back (`readAll` of staging.ts, which the set-based ingest reads every
 * lookup and finding through): every row, even past DuckDB's memory limit, or a failure that
 * names `--memory-limit`; never fewer rows without a word (DuckDB ends a streamed result that
 * fails part way as if it were done).
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { InputFile } from "../../src/ingest/dataset.ts";
import { Ledger } from "../../src/ingest/ingest.ts";
import { rosterRows } from "../../src/ingest/rows/roster.ts";
import { readAll, stage } from "../../src/ingest/staging.ts";
import { closeDatabase, openDatabase } from "../../src/warehouse/duckdb.ts";
import { encodeGbk } from "../../tools/sample/gbk.ts";
import { tempDir } from "../helpers/cli.ts";

/** 300,000 rows of about 400 bytes (≈ 130 MB) in table `big`. */
const BIG = `CREATE TABLE big AS SELECT (i % 1000)::VARCHAR AS k, i, repeat('x', 400) AS pad FROM range(300000) t(i)`;

describe("readAll", () => {
  it("reads a table larger than DuckDB's memory limit whole", async () => {
    const conn = await openDatabase({ threads: 1, memoryLimit: "96MB", tempDirectory: tempDir() });
    try {
      await conn.run(BIG);
      let count = 0;
      let sum = 0;
      await readAll(conn, "big", "i", (rows) => {
        count += rows.length;
        for (const [i] of rows as [number][]) sum += i;
      });
      expect(count).toBe(300_000);
      expect(sum).toBe((300_000 * 299_999) / 2);
    } finally {
      conn.closeSync();
    }
  });

  it("fails loudly, never short, when DuckDB runs out of memory while streaming", async () => {
    const conn = await openDatabase({ threads: 1, memoryLimit: "64MB", tempDirectory: tempDir() });
    try {
      await conn.run(BIG);
      let outcome: string;
      try {
        let count = 0;
        await readAll(conn, "(SELECT * FROM big ORDER BY k, i)", "k, i, pad", (rows) => {
          count += rows.length;
        });
        outcome = `${count} rows`;
      } catch (error) {
        outcome = (error as Error).message;
      }
      // Either every row, or an error (ours names the limit option); never fewer rows.
      expect(outcome).toMatch(/^300000 rows$|只读回 [\d,]+ 行.*--memory-limit|Out of Memory/);
    } finally {
      conn.closeSync();
    }
  }, 180_000);
});

/** A messy roster export: title rows, blank lines, repeated headers, totals, quoted commas and line breaks. */
const MESSY = [
  '2021年村"两委"成员花名册',
  "",
  "填报单位:某县,,,,",
  "乡　镇,村(社区),姓  名,性别,出生年月,职务,职务,备注,,",
  '城关镇,东村,张三,男,1970.01,书记,"主任,兼",',
  '城关镇,东村,"李四",女,"1980-02",委员,,"说明:\r\n第二行, 带逗号",,',
  "",
  ",,,,,,,,,",
  "  ,\u3000, ,,,,,,,",
  "乡镇,村(社区),姓名,性别,出生年月,职务,职务,备注",
  "乡镇,村社,姓名",
  "城关镇,西村,王五,男",
  '城关镇,西村,"赵""六",男,1965,"委员"',
  "合计,,3人,,,,,,,",
  "城关镇,西村,小计,,,",
  "城关镇,南村,Ｋａｔｅ,女,1990,委员",
  "ＩＮＳ,ＡＢＣ,ＤＥＦ,,,",
  "",
  "城关镇,北村,钱七,男,1975,委员,,,,,,,extra",
  "",
  "",
];

/** The staged rows, header maps and ledger of `files` with CSV read by DuckDB or by the JavaScript reader. */
async function stageBoth(files: { name: string; bytes: Uint8Array }[]) {
  const dir = tempDir();
  const inputs: InputFile[] = files.map(({ name, bytes }) => {
    const absPath = join(dir, name);
    writeFileSync(absPath, bytes);
    return { kind: "roster", path: name, absPath, term: 2021, body: null, sheet: null };
  });
  const out = [];
  for (const viaDuckDB of [true, false]) {
    const conn = await openDatabase({ threads: 2, tempDirectory: tempDir() });
    try {
      const ledger = new Ledger();
      const staged = await stage({
        conn,
        prefix: "roster",
        files: inputs,
        rules: rosterRows as never,
        fields: rosterRows.fields.map((f) => f.field),
        ledger,
        ingest: {},
        csvViaDuckDB: viaDuckDB,
      });
      // In seq order, without seq itself (it orders the rows; DuckDB's leaves gaps where rows were skipped).
      const rows = (
        await conn.runAndReadAll("SELECT * EXCLUDE (seq) FROM roster_raw ORDER BY seq")
      ).getRowObjectsJS();
      out.push({ rows, headers: staged.headers, ledger: { ...ledger }, byDuckDB: staged.csvByDuckDB });
    } finally {
      closeDatabase(conn);
    }
  }
  return out as [(typeof out)[0], (typeof out)[0]];
}

describe("stage: CSV read by DuckDB's read_csv", () => {
  it("stages a messy CSV as the JavaScript reader does: rows, numbers, cells, skipped rows, warnings", async () => {
    const text = MESSY.join("\n");
    const crlf = MESSY.join("\r\n");
    const [duck, js] = await stageBoth([
      { name: "bom.csv", bytes: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]) },
      { name: "plain.csv", bytes: Buffer.from(crlf) },
      { name: "tabs.txt", bytes: Buffer.from(text.replaceAll(",", "\t")) },
      {
        name: "gbk.csv",
        bytes: encodeGbk(text.replace("Ｋａｔｅ", "凯特").replace("ＩＮＳ,ＡＢＣ,ＤＥＦ", "甲,乙,丙")),
      },
      { name: "no-final-newline.csv", bytes: Buffer.from(MESSY.slice(0, 14).join("\n")) },
    ]);
    expect(duck.rows.length).toBeGreaterThan(20);
    expect(duck.byDuckDB).toEqual(["bom.csv", "plain.csv", "tabs.txt", "gbk.csv", "no-final-newline.csv"]);
    expect(js.byDuckDB).toEqual([]);
    expect({ ...duck, byDuckDB: [] }).toEqual(js);
    // Blank lines, repeated headers and totals rows were skipped, with the rows' numbers kept.
    const bom = js.rows.filter((r) => r.fi === 0).map((r) => r.source_row);
    expect(bom).toEqual([5, 6, 11, 12, 13, 16, 17, 19]);
    expect(js.ledger.files.map((f) => [f.read, f.skipped])).toEqual([
      [20, 12],
      [20, 12],
      [20, 12],
      [20, 12],
      [14, 9],
    ]);
  });

  it("leaves a file DuckDB would read differently to the JavaScript reader (text after a closing quote, lone CR)", async () => {
    const text = [
      "乡镇,村(社区),姓名,性别",
      '城关镇,东村,"张"三,男',
      '城关镇,东"村,李四,女',
      "城关镇,西村,王五,男\r城关镇,北村,钱七,女",
    ].join("\n");
    const [duck, js] = await stageBoth([{ name: "odd.csv", bytes: Buffer.from(text) }]);
    expect(duck.byDuckDB).toEqual([]);
    expect(duck).toEqual(js);
    expect(js.rows.map((r) => r.name)).toEqual(["s张三", "s李四", "s王五", "s钱七"]);
  });
});
