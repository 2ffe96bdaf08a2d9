import { describe, expect, it } from "vitest";
import { idMaterial, personKey } from "../../../src/ingest/person-key.ts";
import { type CandidateEntry, candidatesRows } from "../../../src/ingest/rows/candidates.ts";
import { resolveCandidates } from "../../../src/ingest/voting.ts";
import { makeIdNumber } from "../../../src/parse/id-number.ts";
import { loadCsv, TEST_KEY } from "../../helpers/load-csv.ts";
import { unit } from "../../helpers/vote-fixtures.ts";

const EAST = unit("城关镇", "东村");
const UNITS = [EAST];

describe("candidatesRows", () => {
  it("reads statuses, bodies (NULL when not named), party membership and reasons as written", async () => {
    const id = makeIdNumber("150123", { year: 1985, month: 6, day: 1 }, "022");
    const { records, ledger } = await loadCsv(
      candidatesRows,
      [
        "乡镇,村(社区),姓名,身份证号码,政治面貌,拟参选组织,资格审查结果,负面清单情形",
        `城关镇,东村,张三,${id},中共党员,党支部,审查通过,`,
        "城关镇,东村,李四,,群众,村委会,不合格, 受过刑事处罚 ",
        "城关镇,东村,王五,,中共预备党员,,自愿退出,",
        "城关镇,东村,赵六,,民主人士,两委,取消资格,",
      ],
      UNITS,
    );
    expect(ledger.rejects).toEqual([]);
    expect(
      records.map((r) => [r.row.name, r.row.body, r.row.status, r.row.party_member, r.row.reason]),
    ).toEqual([
      ["张三", "party", "passed", true, null],
      ["李四", "committee", "disqualified", false, "受过刑事处罚"],
      ["王五", null, "withdrawn", true, null],
      ["赵六", null, "disqualified", null, null],
    ]);
    expect(records[0]?.row.person_key).toBe(personKey(TEST_KEY, idMaterial(id)));
    expect(ledger.warnings.map((w) => [w.source_row, w.rule, w.column])).toEqual([
      [5, "unknown_value", "拟参选组织"],
      [5, "unknown_value", "政治面貌"],
    ]);
  });

  it("rejects rows without a name or a readable status; the file's body fills an empty body cell", async () => {
    const { records, ledger } = await loadCsv(
      candidatesRows,
      [
        "乡镇,村(社区),姓名,组织,状态,取消原因",
        "城关镇,东村,张三,,待定,",
        "城关镇,东村,李四,,,",
        "城关镇,东村,,,通过,",
        "城关镇,东村,王五,,通过,",
        "城关镇,东村,赵六,党组织,通过,",
      ],
      UNITS,
      { body: "committee" },
    );
    expect(records.map((r) => [r.row.name, r.row.body])).toEqual([
      ["王五", "committee"],
      ["赵六", "party"],
    ]);
    expect(ledger.rejects.map((r) => [r.source_row, r.rule, r.value])).toEqual([
      [2, "invalid_value", "待定"],
      [3, "missing_value", null],
      [4, "missing_name", null],
    ]);
  });
});

describe("resolveCandidates", () => {
  it("rejects a second row of the same person, unit and body; other bodies and NULL are distinct", () => {
    let n = 1;
    const entry = (
      body: CandidateEntry["row"]["body"],
      status: CandidateEntry["row"]["status"],
    ): CandidateEntry => ({
      sheet: null,
      row: {
        term: 2021,
        unit_id: EAST.unit_id,
        township: EAST.township,
        unit: EAST.unit,
        body,
        person_key: "k1",
        name: "张三",
        party_member: true,
        status,
        reason: null,
        source_file: "vetting.csv",
        source_row: ++n,
      },
    });
    const r = resolveCandidates([
      entry("party", "passed"),
      entry("committee", "passed"),
      entry(null, "passed"),
      entry("party", "withdrawn"),
    ]);
    expect(r.candidates.map((c) => [c.body, c.source_row])).toEqual([
      ["party", 2],
      ["committee", 3],
      [null, 4],
    ]);
    expect(r.rejects.map((x) => [x.source_row, x.rule, x.message])).toEqual([
      [
        5,
        "duplicate_membership",
        "张三在东村党组织的资格审查中重复出现(首次见于 vetting.csv 第2行),保留首行",
      ],
    ]);
  });
});
