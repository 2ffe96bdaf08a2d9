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
import { idMaterial } from "../../src/ingest/person-key.ts";
import type { FileContext } from "../../src/ingest/row-rules.ts";
import { readBirthCell, readIdCell, readName, rosterRows } from "../../src/ingest/rows/roster.ts";
import { birthSql, idSql, lookup, nameSql, readAll, type SqlRule, stage } from "../../src/ingest/staging.ts";
import { idCheckChar, makeIdNumber } from "../../src/parse/id-number.ts";
import { openChunkAppender } from "../../src/warehouse/chunk-appender.ts";
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

describe("lookup: ID numbers and names in SQL", () => {
  /** The lookup `lk_<name>` computed with and without its SQL rule, as sorted rows. */
  async function both(
    values: readonly string[],
    key: string,
    outputs: Parameters<typeof lookup>[4],
    compute: Parameters<typeof lookup>[5],
    sql: SqlRule,
  ) {
    const conn = await openDatabase({ threads: 1 });
    try {
      const raw = await openChunkAppender(conn, "raw", [[key, "VARCHAR"]]);
      for (const v of values) raw.append([v]);
      raw.close();
      const read = async (name: string) =>
        (await conn.runAndReadAll(`SELECT * FROM lk_${name} ORDER BY ALL`)).getRowsJS();
      await lookup(conn, "raw", "js", [key], outputs, compute);
      await lookup(conn, "raw", "sql", [key], outputs, compute, sql);
      const covered = await conn.runAndReadAll(
        `SELECT count(*)::INTEGER FROM ${(sql.derive ?? []).reduce((from, list) => `(SELECT *, ${list} FROM ${from})`, `(SELECT DISTINCT ${key} FROM raw)`)}
         WHERE coalesce(${sql.when}, false)`,
        sql.params,
      );
      return { js: await read("js"), sql: await read("sql"), covered: covered.getRowsJS()[0]?.[0] as number };
    } finally {
      closeDatabase(conn);
    }
  }

  it("gives every ID number the material, birth, gender and findings JavaScript gives", async () => {
    const ids: string[] = [];
    const births = [
      { year: 1972, month: 5, day: 3 },
      { year: 2000, month: 2, day: 29 },
      { year: 1800, month: 1, day: 1 },
      { year: 1999, month: 12, day: 31 },
      { year: 1964, month: 4, day: 30 },
    ];
    for (const [i, b] of births.entries()) {
      for (const seq of ["001", "002", "019", "210"]) {
        const id = makeIdNumber(`15012${i}`, b, seq);
        ids.push(id, id.toLowerCase(), ` ${id}`, `${id.slice(0, 17)}${id[17] === "0" ? "1" : "0"}`);
        ids.push(id.replace(/\d/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)));
        ids.push(id.slice(0, 6) + id.slice(8, 17)); // 15 digits (legacy)
      }
    }
    // One whose check character is X, as written and in lower case.
    const withX = Array.from({ length: 1000 }, (_, k) =>
      makeIdNumber("150123", { year: 1980, month: 7, day: 9 }, String(k).padStart(3, "0")),
    ).find((id) => id.endsWith("X")) as string;
    ids.push(withX, withX.toLowerCase());
    // Dates that do not exist or are too early, with a right check character.
    for (const ymd of [
      "19000229",
      "21000229",
      "17991231",
      "19720001",
      "19721301",
      "19720431",
      "19720100",
      "00000101",
    ]) {
      const first17 = `150123${ymd}001`;
      ids.push(first17 + idCheckChar(first17));
    }
    const codes = [
      ...ids.map((t) => `s${t}`),
      "",
      "-",
      "s",
      "n150123197205030011",
      "sabc",
      "s15012319720503001X9",
    ];
    const r = await both(
      codes,
      "id_number",
      [
        ["material", "VARCHAR"],
        ["iy", "INTEGER"],
        ["im", "INTEGER"],
        ["iday", "INTEGER"],
        ["ig", "VARCHAR"],
      ],
      (input) => {
        const cell = readIdCell(input);
        const id = cell.value;
        if (!id?.valid) return { out: [null, null, null, null, null], findings: cell.warnings };
        return { out: [idMaterial(id.normalized), id.birth.year, id.birth.month, id.birth.day, id.gender] };
      },
      idSql(["material", "year", "month", "day", "gender"]),
    );
    expect(r.sql).toEqual(r.js);
    expect(r.covered).toBe(21); // the 21 valid 18-character IDs as written (upper case, no space)
  });

  it("gives every name cell the name or the reject JavaScript gives", async () => {
    const names = [
      "张三",
      "李 四",
      "王　五",
      "赵\t六",
      " 钱七 ",
      "孙八1",
      "周九１",
      "阿依古丽·买买提",
      "A.Smith",
      "x",
    ];
    const codes = [
      ...names.map((t) => `s${t}`),
      "",
      "-",
      "s",
      "s 150123197205030011",
      "n12",
      "s\u00a0吴",
      "s郑\u2003",
    ];
    const r = await both(
      codes,
      "name",
      [["name_text", "VARCHAR"]],
      (input) => {
        const name = readName(input);
        return typeof name === "string" ? { out: [name] } : { out: [null], findings: [name] };
      },
      nameSql("name"),
    );
    expect(r.sql).toEqual(r.js);
    expect(r.covered).toBe(4);
  });

  it("gives every birth cell the date or the warning JavaScript gives", async () => {
    const texts = [
      "19720110",
      "1972-01-10",
      "19720230",
      "1972-02-29",
      "19720229",
      "19000229",
      "20000229",
      "2021-01-16",
      "20210117",
      "1921-01-16",
      "19210115",
      "1921-01-15",
      "09720110",
      "0972-01-10",
      "1972-1-10",
      "1972.01.10",
      "197201",
      "1972年1月10日",
      "19721310",
      "19720100",
      "1972-04-31",
      "1972-04-30",
      " 19720110",
      "１９７２０１１０",
      "1972-01-10 08:00",
      "19720110X",
    ];
    const codes = [...texts.map((t) => `s${t}`), "", "-", "s", "n19720110", "d26308"];
    const ctx = { referenceDate: "2021-01-16", term: 2021 } as FileContext;
    const r = await both(
      codes,
      "birth",
      [
        ["byear", "INTEGER"],
        ["bmonth", "INTEGER"],
        ["bday", "INTEGER"],
      ],
      (input) => {
        const b = readBirthCell(input, ctx);
        return {
          out: [b.value?.year ?? null, b.value?.month ?? null, b.value?.day ?? null],
          findings: b.warnings,
        };
      },
      birthSql({ year: 2021, month: 1, day: 16 }),
    );
    expect(r.sql).toEqual(r.js);
    expect(r.covered).toBe(8);
  });
});
