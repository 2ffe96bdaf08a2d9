/**
 * The rosters of a term as set operations in DuckDB (`ingestRosterTerm`, how the
 * build runs them) against the row rules run row by row with the cross-row rules
 * of `resolveRoster` (the reference): on messy random rosters (CSV and XLSX,
 * valid and broken cells of every roster field, duplicates, people in two
 * units, conflicting attributes) both give the same members, the same rejects
 * and warnings, and the same per-file counts.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { workbook } from "../../reports/components/xlsx.js";
import type { TermSpec } from "../../src/ingest/dataset.ts";
import { addElectionDates, electionDateRows } from "../../src/ingest/election-dates.ts";
import { ingestRecords, Ledger } from "../../src/ingest/ingest.ts";
import { resolveRoster } from "../../src/ingest/roster-resolution.ts";
import { ingestRosterTerm } from "../../src/ingest/roster-term.ts";
import { type RosterEntry, rosterRows } from "../../src/ingest/rows/roster.ts";
import { type UnitPlace, unitIndex } from "../../src/ingest/unit-index.ts";
import { type Cell, ExcelDate } from "../../src/read/cell.ts";
import { queryRows } from "../../src/warehouse/duckdb.ts";
import * as W from "../../src/warehouse/tables.ts";
import { Random } from "../../tools/sample/random.ts";
import { tempDir } from "../helpers/cli.ts";
import { indexOf } from "../helpers/load-csv.ts";
import { contextFor, csvExport, idCells, setOperations, sorted, termFile } from "../helpers/term-sets.ts";

const UNITS: W.UnitRow[] = [
  {
    unit_id: "u1",
    unit_code: null,
    township: "城关镇",
    unit: "城关村",
    unit_type: "village",
    key_unit: false,
  },
  {
    unit_id: "u2",
    unit_code: null,
    township: "城关镇",
    unit: "南街社区",
    unit_type: "community",
    key_unit: true,
  },
  {
    unit_id: "u3",
    unit_code: null,
    township: "盛乐镇",
    unit: "盛乐村",
    unit_type: "village",
    key_unit: false,
  },
];
const HEADER = [
  "乡镇",
  "村(社区)",
  "届次",
  "姓名",
  "性别",
  "民族",
  "出生年月",
  "身份证号码",
  "政治面貌",
  "全日制学历",
  "在职学历",
  "组织",
  "现任职务",
  "当选时间",
];

/** A city's units: 城关镇/城关村 is in two counties, so a row naming it needs the county. */
const CITY_PLACES: UnitPlace[] = [
  {
    row: { ...(UNITS[0] as W.UnitRow), township: "甲县/城关镇" },
    township: "城关镇",
    county: "甲县",
    city: null,
    province: null,
  },
  {
    row: { ...(UNITS[1] as W.UnitRow), township: "甲县/城关镇" },
    township: "城关镇",
    county: "甲县",
    city: null,
    province: null,
  },
  {
    row: { ...(UNITS[2] as W.UnitRow), township: "乙县/盛乐镇" },
    township: "盛乐镇",
    county: "乙县",
    city: null,
    province: null,
  },
  {
    row: { ...(UNITS[0] as W.UnitRow), unit_id: "u4", township: "乙县/城关镇" },
    township: "城关镇",
    county: "乙县",
    city: null,
    province: null,
  },
];
const CITY_HEADER = [...HEADER, "县"];

function messyRows(rnd: Random, n: number, city = false): Cell[][] {
  const ids = [() => "", ...idCells(rnd), () => "1501231980031501"];
  const row = (): Cell[] => [
    rnd.pick(["城关镇", "城关镇", "盛乐镇", "盛乐镇", "城关真", "", " 城关镇"]),
    rnd.pick(["城关村", "南街社区", "盛乐村", "盛乐村", "城关邨", ""]),
    rnd.pick(["", "", "", "2021", "2021年", "2018"]),
    rnd.pick(["张三", "李四", "王五", "赵六", "钱七", "孙 八", "", "阿·布", "周九", "吴十", "郑一", "冯二"]),
    rnd.pick(["男", "女", "", "f", "未知"]),
    rnd.pick(["汉", "汉族", "蒙古族", "", "火星族"]),
    rnd.pick<Cell>([
      "1980.03",
      "1992-07-20",
      "1965年1月",
      "",
      "1972.10",
      "19800315",
      "2030-01-01",
      "abc",
      1980.03,
      new ExcelDate(29000),
      true,
    ]),
    rnd.pick(ids)(),
    rnd.pick(["中共党员", "群众", "", "团员", "xx"]),
    rnd.pick(["高中", "大学本科", "", "省委党校大专", "博士后?"]),
    rnd.pick(["", "", "大专", "研究生"]),
    rnd.pick(["", "", "党组织", "村委会", "xx班子"]),
    rnd.pick([
      "书记",
      "主任",
      "书记兼主任",
      "副书记",
      "委员",
      "",
      "第一书记",
      "会计",
      "书记、支部委员",
      "支部委员、村委会委员",
    ]),
    rnd.pick<Cell>(["2021-01-10", "", "2021.01", "x", new ExcelDate(44206)]),
  ];
  const header = city ? CITY_HEADER : HEADER;
  const cityRow = (): Cell[] => [...row(), rnd.pick(["甲县", "乙县", "", "", "丙县", " 乙县"])];
  return Array.from({ length: n }, (_, i) =>
    i % 29 === 28 ? header : i % 31 === 30 ? [] : city ? cityRow() : row(),
  );
}

/** Both ways over random rosters; `city`: the units of a city and rows with a 县 column. */
async function bothWays(seed: number, city = false) {
  const rnd = new Random(seed);
  const dir = tempDir();
  const units = city ? CITY_PLACES.map((p) => p.row) : UNITS;
  const index = city ? unitIndex(CITY_PLACES) : indexOf(UNITS);
  const header = city ? CITY_HEADER : HEADER;
  writeFileSync(join(dir, "a.csv"), csvExport(header, messyRows(rnd, 150, city)));
  writeFileSync(
    join(dir, "b.xlsx"),
    workbook([{ name: "名册", rows: [["标题"], header, ...messyRows(rnd, 150, city)] }]),
  );
  writeFileSync(join(dir, "c.csv"), csvExport(header, messyRows(rnd, 60, city)));
  const file = (path: string, body: W.Body | null) => termFile(dir, "roster", path, body);
  const term: TermSpec = {
    term: 2021,
    referenceDate: "2021-01-16",
    roster: [file("a.csv", null), file("b.xlsx", null), file("c.csv", "committee")],
    votes: [],
    candidates: [],
  };
  const electionDates = new Map([["u1|party", "2021-01-09"]]);
  const ctxFor = contextFor(term.referenceDate, index);

  // Reference: row by row, then resolveRoster over the whole term.
  const ref = new Ledger();
  const entries: RosterEntry[] = [];
  for (const f of term.roster) await ingestRecords(f, rosterRows, ctxFor(f), ref, (e) => entries.push(e));
  const resolved = resolveRoster(entries, term.referenceDate, electionDates);
  for (const d of resolved.dropped) {
    if (d.rowRejected) ref.rejectAccepted(d.finding);
    else ref.warnings.push(d.finding);
  }
  ref.warnings.push(...resolved.warnings);

  // Set operations in DuckDB.
  const { conn, options } = await setOperations(term, units, [W.members], ctxFor);
  const sets = options.ledger;
  await addElectionDates(conn, electionDateRows(electionDates));
  await ingestRosterTerm(options);
  const members = await queryRows<W.MemberRow>(
    conn,
    `SELECT * EXCLUDE (reference_date, elected_on), strftime(reference_date, '%Y-%m-%d') AS reference_date,
       strftime(elected_on, '%Y-%m-%d') AS elected_on FROM members`,
  );
  conn.closeSync();
  return { ref, sets, refMembers: resolved.members, members };
}

describe("ingestRosterTerm", () => {
  for (const seed of [1, 2, 3]) {
    it(`gives what the row rules and resolveRoster give, row by row (seed ${seed})`, async () => {
      const { ref, sets, refMembers, members } = await bothWays(seed);
      expect(sets.files).toEqual(ref.files);
      expect(sorted(sets.rejects)).toEqual(sorted(ref.rejects));
      expect(sorted(sets.warnings)).toEqual(sorted(ref.warnings));
      expect(sorted(members)).toEqual(sorted(refMembers));
      expect(refMembers.length).toBeGreaterThan(20);
      expect(new Set(ref.warnings.map((w) => w.rule)).size).toBeGreaterThan(8);
      expect(new Set(ref.rejects.map((w) => w.rule)).size).toBeGreaterThan(4);
    });
  }
  it("agrees above county level: a township/unit pair in two counties, rows with and without the county", async () => {
    const { ref, sets, refMembers, members } = await bothWays(4, true);
    expect(sets.files).toEqual(ref.files);
    expect(sorted(sets.rejects)).toEqual(sorted(ref.rejects));
    expect(sorted(sets.warnings)).toEqual(sorted(ref.warnings));
    expect(sorted(members)).toEqual(sorted(refMembers));
    const rules = new Set(ref.rejects.map((r) => r.rule));
    expect(rules).toContain("ambiguous_unit");
    expect(new Set(members.map((m) => m.unit_id))).toEqual(new Set(["u1", "u2", "u3", "u4"]));
    expect(members.find((m) => m.unit_id === "u4")?.township).toBe("乙县/城关镇");
  });
});
