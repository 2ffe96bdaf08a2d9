/**
 * Vote tallies and vetting of a term as set operations in DuckDB
 * (`ingestVotesTerm`, `ingestVettingTerm`, how the build runs large terms)
 * against the row rules run row by row with the assembly of `voting.ts` (the
 * reference, how it runs small terms): on messy random files (CSV and XLSX,
 * valid and broken cells of every field, elections whose rows agree or
 * disagree, repeated candidates and vetting rows) both give the same
 * elections, ballots, vetting rows, election dates, rejects and warnings, and
 * the same per-file counts.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { workbook } from "../../reports/components/xlsx.js";
import type { TermSpec } from "../../src/ingest/dataset.ts";
import { readElectionDates } from "../../src/ingest/election-dates.ts";
import { ingestRecords, Ledger } from "../../src/ingest/ingest.ts";
import { ingestVoting } from "../../src/ingest/voting.ts";
import { ingestVettingTerm, ingestVotesTerm } from "../../src/ingest/voting-term.ts";
import { type Cell, ExcelDate } from "../../src/read/cell.ts";
import { queryRows } from "../../src/warehouse/duckdb.ts";
import * as W from "../../src/warehouse/tables.ts";
import { Random } from "../../tools/sample/random.ts";
import { tempDir } from "../helpers/cli.ts";
import { indexOf } from "../helpers/load-csv.ts";
import { contextFor, csvExport, idCells, setOperations, sorted, termFile } from "../helpers/term-sets.ts";

const unit = (unit_id: string, township: string, name: string): W.UnitRow => ({
  unit_id,
  unit_code: null,
  township,
  unit: name,
  unit_type: "village",
  key_unit: false,
});
const UNITS: W.UnitRow[] = [
  unit("u1", "城关镇", "城关村"),
  unit("u2", "城关镇", "南街社区"),
  unit("u3", "盛乐镇", "盛乐村"),
];
const VOTES_HEADER = [
  "乡镇",
  "村(社区)",
  "届次",
  "组织",
  "职位",
  "轮次",
  "选举日期",
  "应选人数",
  "应到人数",
  "实到人数",
  "有效票",
  "发出选票",
  "收回选票",
  "候选人",
  "身份证号码",
  "得票数",
  "是否当选",
];
const VETTING_HEADER = [
  "乡镇",
  "村(社区)",
  "届次",
  "姓名",
  "身份证号码",
  "政治面貌",
  "拟参选组织",
  "审查结果",
  "取消原因",
];

function ids(rnd: Random): () => string {
  const list = [() => "", () => "", ...idCells(rnd)];
  return () => rnd.pick(list)();
}

const NAMES = ["张三", "李四", "王五", "赵六", "钱七", "孙 八", "", "周九", "吴十"];

/** Vote rows: a few elections, most cells as the election's own value, some deviating, blank or broken. */
function voteRows(rnd: Random, n: number): Cell[][] {
  const id = ids(rnd);
  const places = [
    ["城关镇", "城关村"],
    ["城关镇", "南街社区"],
    ["盛乐镇", "盛乐村"],
    ["盛乐镇", "盛乐村"],
  ];
  const elections = Array.from({ length: 40 }, () => {
    const [township, unitName] = rnd.pick(places) as [string, string];
    return {
      township,
      unitName,
      body: rnd.pick(["", "", "党组织", "村委会"]),
      office: rnd.pick(["书记", "主任", "委员", "委员", "副书记"]),
      round: rnd.pick<Cell>(["", "1", 2]),
      date: rnd.pick<Cell>(["2021-01-09", "2021.01.10", new ExcelDate(44207), ""]),
      seats: rnd.pick<Cell>([1, 3, "5"]),
      entitled: rnd.pick<Cell>([500, 800]),
      cast: rnd.pick<Cell>([450, 700]),
      valid: rnd.pick<Cell>([440, ""]),
      issued: rnd.pick<Cell>([450, ""]),
      returned: rnd.pick<Cell>([449, ""]),
    };
  });
  const vary = <T extends Cell>(value: T, others: readonly Cell[]): Cell =>
    rnd.int(1, 60) === 1 ? rnd.pick(others) : rnd.int(1, 8) === 1 ? "" : value;
  const row = (): Cell[] => {
    const e = rnd.pick(elections);
    return [
      rnd.int(1, 40) === 1 ? "城关真" : e.township,
      rnd.int(1, 40) === 1 ? "城关邨" : e.unitName,
      rnd.pick(["", "", "", "", "2021", "2018"]),
      rnd.int(1, 20) === 1 ? rnd.pick(["xx班子", "党组织", "村委会"]) : e.body,
      rnd.int(1, 30) === 1 ? rnd.pick(["会计", "", "书记"]) : e.office,
      rnd.int(1, 30) === 1 ? "第x轮" : e.round,
      vary(e.date, ["2021.01", "abc", "2021-02-30", "2021-01-11"]),
      vary(e.seats, [0, "x", 2]),
      vary(e.entitled, [501, "-3"]),
      vary(e.cast, [451, "多"]),
      vary(e.valid, [439, "x"]),
      vary(e.issued, [451]),
      vary(e.returned, [448]),
      rnd.pick(NAMES),
      id(),
      rnd.pick<Cell>([120, "300", 0, "", "x", -1, 88]),
      rnd.pick<Cell>(["是", "否", "当选", "", "??", true]),
    ];
  };
  return Array.from({ length: n }, (_, i) => (i % 29 === 28 ? VOTES_HEADER : i % 31 === 30 ? [] : row()));
}

function vettingRows(rnd: Random, n: number): Cell[][] {
  const id = ids(rnd);
  const row = (): Cell[] => [
    rnd.pick(["城关镇", "城关镇", "盛乐镇", "城关真", ""]),
    rnd.pick(["城关村", "南街社区", "盛乐村", "盛乐村", "城关邨"]),
    rnd.pick(["", "", "", "2021", "2018"]),
    rnd.pick(NAMES),
    id(),
    rnd.pick(["中共党员", "群众", "", "xx"]),
    rnd.pick(["", "", "党组织", "村委会", "xx班子"]),
    rnd.pick(["通过", "通过", "不合格", "退出", "", "??"]),
    rnd.pick(["", "", "违法", "身份证150123198003150118有误"]),
  ];
  return Array.from({ length: n }, (_, i) => (i % 29 === 28 ? VETTING_HEADER : i % 31 === 30 ? [] : row()));
}

async function bothWays(seed: number) {
  const rnd = new Random(seed);
  const dir = tempDir();
  writeFileSync(join(dir, "v1.csv"), csvExport(VOTES_HEADER, voteRows(rnd, 200)));
  writeFileSync(
    join(dir, "v2.xlsx"),
    workbook([{ name: "选举", rows: [["标题"], VOTES_HEADER, ...voteRows(rnd, 150)] }]),
  );
  writeFileSync(join(dir, "c1.csv"), csvExport(VETTING_HEADER, vettingRows(rnd, 150)));
  writeFileSync(
    join(dir, "c2.xlsx"),
    workbook([{ name: "审查", rows: [["标题"], VETTING_HEADER, ...vettingRows(rnd, 100)] }]),
  );
  const file = (kind: "votes" | "candidates", path: string, body: W.Body | null) =>
    termFile(dir, kind, path, body);
  const term: TermSpec = {
    term: 2021,
    referenceDate: "2021-01-16",
    roster: [],
    votes: [file("votes", "v1.csv", null), file("votes", "v2.xlsx", "committee")],
    candidates: [file("candidates", "c1.csv", null), file("candidates", "c2.xlsx", "party")],
  };
  const ctxFor = contextFor(term.referenceDate, indexOf(UNITS));

  // Reference: row by row.
  const ref = new Ledger();
  const refRows = {
    elections: [] as W.ElectionRow[],
    ballots: [] as W.BallotRow[],
    candidates: [] as W.CandidateRow[],
  };
  const refDates = await ingestVoting(term, {
    read: (f, rules, sink) => ingestRecords(f, rules, ctxFor(f), ref, sink),
    election: (e) => refRows.elections.push(e),
    ballot: (b) => refRows.ballots.push(b),
    candidate: (c) => refRows.candidates.push(c),
    reject: (r) => ref.rejectAccepted(r),
  });

  // Set operations in DuckDB.
  const { conn, options } = await setOperations(term, UNITS, [W.elections, W.ballots, W.candidates], ctxFor);
  const sets = options.ledger;
  await ingestVotesTerm(options);
  await ingestVettingTerm(options);
  const dates = await readElectionDates(conn);
  const elections = await queryRows<W.ElectionRow>(
    conn,
    "SELECT * EXCLUDE (election_date), strftime(election_date, '%Y-%m-%d') AS election_date FROM elections",
  );
  const ballots = await queryRows<W.BallotRow>(conn, "SELECT * FROM ballots");
  const candidates = await queryRows<W.CandidateRow>(conn, "SELECT * FROM candidates");
  conn.closeSync();
  return { ref, sets, refRows, refDates, rows: { elections, ballots, candidates }, dates };
}

describe("ingestVotesTerm and ingestVettingTerm", () => {
  for (const seed of [1, 2, 3]) {
    it(`give what the row rules and the assembly give, row by row (seed ${seed})`, async () => {
      const { ref, sets, refRows, refDates, rows, dates } = await bothWays(seed);
      expect(sets.files).toEqual(ref.files);
      expect(sorted(sets.rejects)).toEqual(sorted(ref.rejects));
      expect(sorted(sets.warnings)).toEqual(sorted(ref.warnings));
      expect(sorted(rows.elections)).toEqual(sorted(refRows.elections));
      expect(sorted(rows.ballots)).toEqual(sorted(refRows.ballots));
      expect(sorted(rows.candidates)).toEqual(sorted(refRows.candidates));
      expect([...dates].sort()).toEqual([...refDates].sort());
      // The data exercise every kind of finding and both ways of assembling (40 elections: 6–8 a seed
      // agree and are assembled in SQL, the others go through assembleElections).
      expect(refRows.elections.length).toBeGreaterThan(3);
      expect(refRows.candidates.length).toBeGreaterThan(10);
      const rules = new Set(ref.rejects.map((r) => r.rule));
      for (const rule of [
        "election_disagrees",
        "duplicate_candidate",
        "duplicate_membership",
        "invalid_value",
        "missing_value",
        "missing_name",
        "unknown_unit",
        "unknown_township",
        "term_mismatch",
        "ambiguous_body",
      ])
        expect(rules).toContain(rule);
      expect(new Set(ref.warnings.map((w) => w.rule))).toEqual(
        new Set(["unknown_value", "invalid_id", "invalid_date"]),
      );
    });
  }
});
