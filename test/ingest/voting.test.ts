import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fallbackMaterial, idMaterial, personKey } from "../../src/ingest/person-key.ts";
import { type VoteEntry, votesRows } from "../../src/ingest/rows/votes.ts";
import { assembleElections } from "../../src/ingest/voting.ts";
import { makeIdNumber } from "../../src/parse/id-number.ts";
import type { UnitRow } from "../../src/warehouse/tables.ts";
import { loadCsv, TEST_KEY } from "../helpers/load-csv.ts";
import { inAnyOrder } from "../helpers/term-sets.ts";
import { unit } from "../helpers/vote-fixtures.ts";

const EAST = unit("城关镇", "东村");
const WEST = unit("城关镇", "西社区", "community");
const UNITS = [EAST, WEST];
const HEADER =
  "乡镇,村(社区),组织,职位,轮次,选举日期,应选人数,应到人数,实到人数,有效票,候选人,得票数,是否当选";

describe("votesRows", () => {
  it("reads aliases, 正式选举/另行选举, the default office and the body implied by the office", async () => {
    const { records, ledger } = await loadCsv(
      votesRows,
      [
        "乡镇,村社,选举类型,选举职位,选举轮次,投票日期,应选名额,登记选民数,参加投票人数,有效选票,候选人姓名,赞成票,当选情况",
        "城关镇,东村,村民委员会,,正式选举,2021年1月10日,3,120,100,98,张三,80票,当选",
        "城关镇,东村,,主任,另行选举,2021-01-12,1,120,90,,李四,50,是",
        "城关镇,东村,党支部,书记,,2021-01-08,1,30,28,28,王五,27,1",
      ],
      UNITS,
    );
    expect(ledger.rejects).toEqual([]);
    expect(ledger.warnings).toEqual([]);
    expect(
      records.map((r) => [
        r.body,
        r.office,
        r.round,
        r.values.election_date,
        r.candidate,
        r.votes,
        r.elected,
      ]),
    ).toEqual([
      ["committee", "委员", 1, "2021-01-10", "张三", 80, true],
      ["committee", "主任", 2, "2021-01-12", "李四", 50, true],
      ["party", "书记", 1, "2021-01-08", "王五", 27, true],
    ]);
    expect(records[1]?.values.valid_ballots).toBeNull();
    expect(ledger.file("votes.csv")).toMatchObject({ read: 4, accepted: 3, rejected: 0, skipped: 1 });
  });

  it("keys a candidate by a valid ID number, else by township|unit|name with birth unknown", async () => {
    const id = makeIdNumber("150123", { year: 1980, month: 3, day: 15 }, "011");
    const bad = `${id.slice(0, 17)}${id.endsWith("0") ? "1" : "0"}`;
    const { records, ledger } = await loadCsv(
      votesRows,
      [
        `${HEADER},身份证号`,
        `城关镇,东村,党组织,委员,1,2021-01-08,1,30,28,28,张三,27,是,${id}`,
        `城关镇,东村,党组织,委员,1,2021-01-08,1,30,28,28,李四,1,否,${bad}`,
      ],
      UNITS,
    );
    expect(records[0]?.personKey).toBe(personKey(TEST_KEY, idMaterial(id)));
    expect(records[1]?.personKey).toBe(personKey(TEST_KEY, fallbackMaterial("城关镇", "东村", "李四", null)));
    expect(ledger.warnings.map((w) => [w.rule, w.value])).toEqual([
      ["invalid_id", `${bad.slice(0, 6)}********${bad.slice(14)}`],
    ]);
  });

  it("rejects rows it cannot place or read, located with the column and value", async () => {
    const { records, ledger } = await loadCsv(
      votesRows,
      [
        HEADER,
        "城关镇,东村,,委员,1,2021-01-08,1,30,28,28,无组织,27,是",
        "城关镇,东村,村委会,书记,1,2021-01-08,1,30,28,28,错组织,27,是",
        "城关镇,东村,党组织,委员,1,2021-01-08,五,30,28,28,坏名额,27,是",
        "城关镇,东村,党组织,委员,第三轮,2021-01-08,1,30,28,28,好轮次,27,是",
        "城关镇,东村,党组织,委员,1,2021-01-08,1,30,28,28,无票,,是",
        "城关镇,东村,党组织,委员,1,2021-01-08,1,30,28,28,坏当选,27,也许",
        "城关镇,北村,党组织,委员,1,2021-01-08,1,30,28,28,错村,27,是",
        "城关镇,东村,党组织,委员,1,2021-01-08,1,30,28,28,,27,是",
      ],
      UNITS,
    );
    expect(records.map((r) => [r.candidate, r.round])).toEqual([["好轮次", 3]]);
    expect(ledger.rejects.map((r) => [r.source_row, r.rule, r.column, r.value])).toEqual([
      [2, "ambiguous_body", "组织", null],
      [3, "invalid_value", "职位", "书记"],
      [4, "invalid_value", "应选人数", "五"],
      [6, "missing_value", "得票数", null],
      [7, "invalid_value", "是否当选", "也许"],
      [8, "unknown_unit", "村(社区)", "北村"],
      [9, "missing_name", "候选人", null],
    ]);
    expect(ledger.rejects[1]?.message).toBe('选举职位"书记"不属于村(居)委会("村委会")');
  });

  it("takes the body from the manifest's file body; a month-only date is unknown with a warning", async () => {
    const { records, ledger } = await loadCsv(
      votesRows,
      [HEADER, "城关镇,西社区,,委员,1,2021.01,5,300,280,,赵六,200,是"],
      UNITS,
      { body: "committee" },
    );
    expect(records.map((r) => [r.body, r.values.election_date])).toEqual([["committee", null]]);
    expect(ledger.warnings.map((w) => [w.rule, w.column, w.value])).toEqual([
      ["invalid_date", "选举日期", "2021.01"],
    ]);
  });

  it("a file without a required column cannot be read", async () => {
    await expect(
      loadCsv(
        votesRows,
        ["乡镇,村(社区),候选人,得票数,是否当选,应选人数,应到人数", "城关镇,东村,张三,1,是,1,3"],
        UNITS,
      ),
    ).rejects.toThrow(/实到人数/);
  });
});

let row = 1;
function vote(
  u: UnitRow,
  candidate: string,
  over: Omit<Partial<VoteEntry>, "values"> & { values?: Partial<VoteEntry["values"]> } = {},
): VoteEntry {
  row += 1;
  const { values, ...rest } = over;
  return {
    term: 2021,
    unit: u,
    body: "committee",
    office: "委员",
    round: 1,
    candidate,
    personKey: `k-${candidate}`,
    votes: 10,
    elected: false,
    at: { source_file: "votes.csv", sheet: null, source_row: row },
    headers: { seats: "应选人数", entitled: "应到人数", cast: "实到人数", election_date: "选举日期" },
    ...rest,
    values: {
      election_date: "2021-01-10",
      seats: 2,
      entitled: 100,
      cast: 80,
      valid_ballots: null,
      ballots_issued: null,
      ballots_returned: null,
      ...values,
    },
  };
}

describe("assembleElections", () => {
  it("builds one election per (unit, body, office, round) with turnout, competition ratio and vote shares", () => {
    const r = assembleElections([
      vote(EAST, "张三", { votes: 60, elected: true }),
      vote(EAST, "李四", { votes: 50, elected: true }),
      vote(EAST, "王五", { votes: 20 }),
      vote(EAST, "王五", {
        round: 2,
        votes: 30,
        elected: true,
        values: { seats: 1, cast: 75, election_date: "2021-01-12" },
      }),
      vote(EAST, "赵六", {
        body: "party",
        office: "书记",
        votes: 5,
        elected: true,
        values: { seats: 1, entitled: 5, cast: 5, election_date: "2021-01-05" },
      }),
    ]);
    expect(r.rejects).toEqual([]);
    expect(
      r.elections.map((e) => [
        e.body,
        e.office,
        e.round,
        e.candidates,
        e.elected,
        e.turnout,
        e.competition_ratio,
      ]),
    ).toEqual([
      ["committee", "委员", 1, 3, 2, 80, 50],
      ["committee", "委员", 2, 1, 1, 75, 0],
      ["party", "书记", 1, 1, 1, 100, 0],
    ]);
    expect(r.ballots.find((b) => b.candidate === "张三")?.vote_share).toBe(75);
    expect(r.ballots).toHaveLength(5);
    expect([...r.electionDates]).toEqual([
      [`${EAST.unit_id}|committee`, "2021-01-10"],
      [`${EAST.unit_id}|party`, "2021-01-05"],
    ]);
  });

  it("fills election-level values given on some rows only (merged cells)", () => {
    const r = assembleElections([
      vote(WEST, "甲", { values: { valid_ballots: 78, ballots_issued: 80, ballots_returned: 80 } }),
      vote(WEST, "乙", { values: { seats: null, entitled: null, cast: null, election_date: null } }),
      vote(WEST, "丙", { values: { seats: null, entitled: null, cast: null, election_date: null } }),
    ]);
    expect(r.rejects).toEqual([]);
    expect(r.elections[0]).toMatchObject({
      seats: 2,
      entitled: 100,
      cast: 80,
      valid_ballots: 78,
      ballots_issued: 80,
      ballots_returned: 80,
      election_date: "2021-01-10",
      candidates: 3,
    });
  });

  it("rejects an election whose rows disagree whole, every row located, the message listing the values", () => {
    const rows = [
      vote(EAST, "甲"),
      vote(EAST, "乙", { values: { seats: 3 } }),
      vote(EAST, "丙", { values: { cast: 81 } }),
      vote(WEST, "丁"),
    ];
    const [a, b, c] = rows.map((x) => x.at.source_row);
    const r = assembleElections(rows);
    expect(r.elections.map((e) => e.unit_id)).toEqual([WEST.unit_id]);
    expect(r.ballots.map((x) => x.candidate)).toEqual(["丁"]);
    expect(r.rejects.map((x) => [x.source_row, x.rule, x.column, x.value])).toEqual([
      [a, "election_disagrees", "应选人数", "2"],
      [b, "election_disagrees", "应选人数", "3"],
      [c, "election_disagrees", "应选人数", "2"],
    ]);
    expect(r.rejects[0]?.message).toBe(
      `城关镇东村村(居)委会委员第1轮选举的各行数据不一致:应选人数 2(第${a}、${c}行) / 3(第${b}行);实到人数 80(第${a}、${b}行) / 81(第${c}行),整场选举不予采用`,
    );
  });

  it("rejects an election none of whose rows gives the seats; a repeated candidate keeps the first row", () => {
    const seatless = vote(EAST, "乙", { values: { seats: null } });
    const first = vote(WEST, "甲", { votes: 40 });
    const again = vote(WEST, "甲", { votes: 41 });
    const r = assembleElections([seatless, first, again, vote(WEST, "丙")]);
    expect(r.rejects.map((x) => [x.rule, x.source_row, x.column])).toEqual([
      ["missing_value", seatless.at.source_row, "应选人数"],
      ["duplicate_candidate", again.at.source_row, null],
    ]);
    expect(r.rejects[0]?.message).toBe(
      "城关镇东村村(居)委会委员第1轮选举的各行都没有应选人数,整场选举不予采用",
    );
    expect(r.rejects[1]?.message).toBe(
      `甲在城关镇西社区村(居)委会委员第1轮选举中重复出现(首次见于第${first.at.source_row}行),保留首行`,
    );
    expect(r.elections).toHaveLength(1);
    expect(r.ballots.map((x) => [x.candidate, x.votes])).toEqual([
      ["甲", 40],
      ["丙", 10],
    ]);
  });
});

describe("assembleElections in batches of whole elections (how voting-term.ts runs it for elections SQL does not assemble)", () => {
  /** Everything an assembly produces, in a fixed order. */
  const outcome = (parts: ReturnType<typeof assembleElections>[]) => {
    const dates = new Map<string, string>();
    for (const p of parts)
      for (const [k, d] of p.electionDates)
        if (!dates.has(k) || d < (dates.get(k) as string)) dates.set(k, d);
    return {
      elections: inAnyOrder(parts.flatMap((p) => p.elections)),
      ballots: inAnyOrder(parts.flatMap((p) => p.ballots)),
      rejects: inAnyOrder(parts.flatMap((p) => p.rejects)),
      dates: [...dates].sort(),
    };
  };

  it("gives what assembling the whole term at once gives, for any rows", () => {
    const rowArb = fc.record({
      unit: fc.constantFrom(EAST, WEST),
      body: fc.constantFrom<"party" | "committee">("party", "committee"),
      round: fc.integer({ min: 1, max: 2 }),
      candidate: fc.constantFrom("甲", "乙", "丙"),
      seats: fc.constantFrom<number | null>(2, 3, null),
      cast: fc.constantFrom<number | null>(80, 81, null),
      date: fc.constantFrom<string | null>("2021-01-10", "2021-01-09", null),
      votes: fc.integer({ min: 0, max: 80 }),
    });
    fc.assert(
      fc.property(fc.array(rowArb, { maxLength: 14 }), (rows) => {
        const entries = rows.map((r) =>
          vote(r.unit, r.candidate, {
            body: r.body,
            round: r.round,
            votes: r.votes,
            values: { seats: r.seats, cast: r.cast, election_date: r.date },
          }),
        );
        const byElection = new Map<string, VoteEntry[]>();
        for (const e of entries) {
          const k = `${e.unit.unit_id}|${e.body}|${e.office}|${e.round}`;
          byElection.set(k, [...(byElection.get(k) ?? []), e]);
        }
        const grouped = [...byElection.values()].map((g) => assembleElections(g));
        expect(outcome(grouped)).toEqual(outcome([assembleElections(entries)]));
      }),
      { seed: 20210116, numRuns: 300 },
    );
  });
});
