/**
 * Writing the county sample as raw exports, with the messiness real exports
 * have (title rows, a GBK CSV, a multi-sheet XLSX, header variants, combined
 * positions, several birth formats, a first-secretary row, totals rows).
 * Every file is a pure function of the dataset and the seed.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { workbook } from "../../reports/components/xlsx.js";
import type { Cell } from "../../src/read/cell.ts";
import {
  birthDayText,
  birthMonthText,
  bodyText,
  combinedPosition,
  educationPair,
  educationText,
  excelDate,
  genderText,
  partyText,
  shortPosition,
} from "./cell-text.ts";
import type { SampleDataset } from "./county.ts";
import { CsvSink } from "./csv-sink.ts";
import { isoDay } from "./day.ts";
import type { Ballot, TermData } from "./model.ts";
import { Random } from "./random.ts";
import { sampleReadme } from "./readme.ts";
import {
  ballotRow,
  membershipHeader,
  membershipRows,
  ordered,
  registrantRow,
  VETTING_HEADER,
  VOTE_HEADER,
} from "./rows.ts";
import { TARGETS_YAML } from "./targets-file.ts";

export const FILES = {
  units: "村社名册.xlsx",
  previous: "2018年两委成员花名册.csv",
  villages: "2021年村两委成员花名册.xlsx",
  communities: "2021年社区两委成员花名册.csv",
  votes: "2021年选举结果.csv",
  vetting: "2021年资格审查.csv",
} as const;

/** Write every file of the dataset into `dir` (which must exist). */
export function writeCounty(data: SampleDataset, dir: string): void {
  const rng = new Random(data.seed ^ 0x5eed);
  const [previous, current] = data.terms as [TermData, TermData];
  writeFileSync(join(dir, FILES.units), unitsWorkbook(data));
  writePrevious(rng, data, previous, join(dir, FILES.previous));
  writeFileSync(join(dir, FILES.villages), villagesWorkbook(rng, data, current));
  writeCommunities(rng, data, current, join(dir, FILES.communities));
  writeVotes(data.ballots, join(dir, FILES.votes));
  writeVetting(rng, data, join(dir, FILES.vetting));
  writeFileSync(join(dir, "dataset.yaml"), manifest(data));
  writeFileSync(join(dir, "targets.yaml"), TARGETS_YAML);
  writeFileSync(join(dir, "README.md"), sampleReadme(data));
}

function unitsWorkbook(data: SampleDataset): Uint8Array {
  const rows: Cell[][] = [
    [`${data.name}村（社区）名册`],
    ["序号", "乡镇", "村(社区)", "类型", "区划代码", "重点难点村"],
  ];
  data.units.forEach((u, i) => {
    const type = u.type === "community" ? "社区" : i % 4 === 0 ? "行政村" : "村";
    rows.push([
      i + 1,
      u.township,
      u.name,
      type,
      u.code === null ? null : Number(u.code),
      u.keyUnit ? "是" : "否",
    ]);
  });
  return workbook([{ name: "村社名册", rows, merges: ["A1:F1"] }]);
}

/** Previous term: GBK CSV, title + blank row, one row per membership, a repeated header and a totals row. */
function writePrevious(rng: Random, data: SampleDataset, term: TermData, path: string): void {
  const sink = new CsvSink(path, "gbk");
  const header = [
    "乡镇",
    "村(社区)",
    "姓名",
    "性别",
    "民族",
    "出生年月",
    "身份证号",
    "政治面貌",
    "文化程度",
    "组织",
    "职务",
    "备注",
  ];
  sink.row([`${data.name}${term.term}年村(社区)"两委"成员花名册`]);
  sink.row([]);
  sink.row(header);
  let rows = 0;
  term.units.forEach((ut, i) => {
    if (i === Math.floor(term.units.length / 2)) sink.row(header);
    for (const m of ordered(ut)) {
      const birth = m.person.idValid
        ? birthMonthText(rng, m.person.birth)
        : birthDayText(m.person.birth, "iso");
      const common = [
        ut.unit.township,
        ut.unit.name,
        m.person.name,
        genderText(m),
        m.person.ethnicity,
        birth,
      ];
      const rest = [m.person.idNumber, partyText(rng, m, term.term), educationText(rng, m)];
      for (const body of ["party", "committee"] as const) {
        const position = body === "party" ? m.party : m.committee;
        if (position === null) continue;
        sink.row([...common, ...rest, bodyText(ut.unit, body), shortPosition(position), ""]);
        rows++;
      }
    }
  });
  sink.row(["", "合计", "", "", "", "", "", "", "", "", "", `共${rows}人次`]);
  sink.close();
}

/** Current term, villages: one sheet per township, combined positions, Excel date cells, two education columns. */
function villagesWorkbook(rng: Random, data: SampleDataset, term: TermData): Uint8Array {
  const header = [
    "序号",
    "乡镇（街道）",
    "村社名称",
    "姓名",
    "性别",
    "民族",
    "出生日期",
    "公民身份\n号码",
    "政治面貌",
    "全日制学历",
    "在职学历",
    "现任职务",
    "当选时间",
    "备注",
  ];
  const townships = [...new Set(term.units.map((ut) => ut.unit.township))];
  return workbook(
    townships.flatMap((township) => {
      const units = term.units.filter((ut) => ut.unit.township === township && ut.unit.type === "village");
      if (units.length === 0) return [];
      const rows: Cell[][] = [[`${data.name}${term.term}年村"两委"成员花名册（${township}）`], [], header];
      let n = 0;
      for (const ut of units) {
        for (const m of ordered(ut)) {
          const single = m.party === null || m.committee === null;
          const elected = single ? excelDate(m.party !== null ? ut.partyDate : ut.committeeDate) : null;
          const [fulltime, inService] = educationPair(rng, m);
          const birth: Cell = !m.person.idValid
            ? excelDate(m.person.birth)
            : rng.weighted<Cell>([
                [excelDate(m.person.birth), 0.75],
                [birthDayText(m.person.birth, "iso"), 0.1],
                [birthMonthText(rng, m.person.birth), 0.1],
                [birthDayText(m.person.birth, "compact"), 0.05],
              ]);
          rows.push([
            ++n,
            township,
            ut.unit.name,
            m.person.name,
            genderText(m),
            m.person.ethnicity,
            birth,
            m.person.idNumber,
            partyText(rng, m, term.term),
            fulltime,
            inService,
            combinedPosition(rng, m),
            elected,
            m.carried ? "连任" : null,
          ]);
        }
        if (ut.unit === data.firstSecretary.unit) {
          const p = data.firstSecretary.person;
          rows.push([
            null,
            township,
            ut.unit.name,
            p.name,
            "男",
            p.ethnicity,
            excelDate(p.birth),
            p.idNumber,
            "中共党员",
            "大学本科",
            null,
            "驻村第一书记",
            null,
            "县直单位选派",
          ]);
        }
      }
      rows.push([null, null, "合计", null, null, null, null, null, null, null, null, null, null, `${n}人`]);
      return [{ name: township, rows, merges: ["A1:N1"] }];
    }),
  );
}

/** Current term, communities: UTF-8 with BOM, a 组织 column, compact birth dates, one row per membership. */
function writeCommunities(rng: Random, data: SampleDataset, term: TermData, path: string): void {
  const sink = new CsvSink(path, "utf8-bom");
  sink.row([`${data.name}${term.term}年社区"两委"成员花名册`]);
  sink.row([]);
  sink.row(membershipHeader("社区"));
  for (const ut of term.units.filter((u) => u.unit.type === "community")) {
    for (const row of membershipRows(rng, ut, true)) sink.row(row);
  }
  sink.row(["", "合计"]);
  sink.close();
}

/** Vote tallies: UTF-8 without BOM, 正式选举 / 另行选举. */
function writeVotes(ballots: readonly Ballot[], path: string): void {
  const sink = new CsvSink(path, "utf8");
  sink.row(VOTE_HEADER);
  for (const b of ballots) sink.row(ballotRow(b));
  sink.close();
}

/** Candidate vetting: UTF-8 with BOM. */
function writeVetting(rng: Random, data: SampleDataset, path: string): void {
  const sink = new CsvSink(path, "utf8-bom");
  sink.row(VETTING_HEADER);
  for (const r of data.registrants) sink.row(registrantRow(rng, r));
  sink.close();
}

function manifest(data: SampleDataset): string {
  const [previous, current] = data.terms as [TermData, TermData];
  return `# ${data.name} sample dataset: generated by \`npm run sample\` (seed ${data.seed}); do not edit by hand.
name: ${data.name}
units: ${FILES.units}
targets: targets.yaml
terms:
  - term: ${previous.term}
    reference_date: ${isoDay(previous.referenceDate)}
    roster: [${FILES.previous}]
  - term: ${current.term}
    reference_date: ${isoDay(current.referenceDate)}
    roster:
      - ${FILES.villages}
      - ${FILES.communities}
    votes: [${FILES.votes}]
    candidates: [${FILES.vetting}]
`;
}
