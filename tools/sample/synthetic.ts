/**
 * Large synthetic datasets for benchmarks: any number of townships and units,
 * generated unit by unit and streamed to CSV files, so memory stays flat
 * whatever the size. Attributes are drawn at random (not calibrated to any
 * report); the structure, ballots and file layouts are the county sample's.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { unitBallots } from "./ballots.ts";
import { type CsvCell, type CsvEncoding, CsvSink } from "./csv-sink.ts";
import { addDays, ageOn, parseDay } from "./day.ts";
import { makeUnits, syntheticTownships } from "./geography.ts";
import type { Member, UnitTerm } from "./model.ts";
import { drawAge, drawLevel, People } from "./people.ts";
import { Random } from "./random.ts";
import {
  ballotRow,
  membershipHeader,
  membershipRows,
  registrantRow,
  VETTING_HEADER,
  VOTE_HEADER,
} from "./rows.ts";
import { planMembers } from "./structure.ts";
import { TARGETS_YAML } from "./targets-file.ts";

export interface SyntheticOptions {
  readonly seed: number;
  readonly townships: number;
  readonly unitsPerTownship: number;
  readonly outDir: string;
  /**
   * Split roster, vote and vetting files into parts of at most this many data
   * rows (`roster-2021.csv`, `roster-2021-2.csv`, …), each with its header, so
   * national sizes stay under the readers' per-file limits. Default: one file each.
   */
  readonly maxRowsPerFile?: number;
  /** The dataset's name (default `合成县<seed>`). */
  readonly name?: string;
  /** The 6-digit code the unit codes start with (default 150123). */
  readonly countyCode?: number;
  /** Units without a 区划代码 (default none): their unit_id is derived from the names. */
  readonly withoutCode?: number;
  /** Draw the township names from this seed instead of the dataset's stream (counties sharing names). */
  readonly townshipSeed?: number;
  /** A higher-level dataset's files that get every row too, with its level cells in front. */
  readonly upper?: UpperFiles;
}

/** The kinds of file a synthetic dataset writes. */
export type SyntheticFile = "units" | "roster-2018" | "roster-2021" | "votes-2021" | "vetting-2021";

/** Where a county's rows also go: a city's (province's…) files, each row led by `cells` (县, 市…). */
export interface UpperFiles {
  readonly sinks: Readonly<Record<SyntheticFile, { row(cells: readonly CsvCell[]): void }>>;
  readonly cells: readonly CsvCell[];
}

/** The header of each kind of file (the units file's own; the others as the county sample writes them). */
export const SYNTHETIC_HEADERS: Readonly<Record<SyntheticFile, readonly string[]>> = {
  units: ["乡镇", "村(社区)", "类型", "区划代码", "重点难点村"],
  "roster-2018": membershipHeader(),
  "roster-2021": membershipHeader(),
  "votes-2021": VOTE_HEADER,
  "vetting-2021": VETTING_HEADER,
};
/** The encoding of each kind of file, as real exports vary. */
export const SYNTHETIC_ENCODINGS: Readonly<Record<SyntheticFile, CsvEncoding>> = {
  units: "utf8",
  "roster-2018": "gbk",
  "roster-2021": "utf8-bom",
  "votes-2021": "utf8",
  "vetting-2021": "utf8-bom",
};

export interface SyntheticSummary {
  readonly units: number;
  /** Roster rows written per term. */
  readonly rosterRows: Record<number, number>;
  readonly voteRows: number;
}

const PREVIOUS = { term: 2018, ref: parseDay("2018-06-30") };
const CURRENT = { term: 2021, ref: parseDay("2021-01-16") };

/** Write a synthetic dataset (manifest, targets, units, two rosters, votes, vetting) into `outDir`. */
export function writeSynthetic(o: SyntheticOptions): SyntheticSummary {
  mkdirSync(o.outDir, { recursive: true });
  const rng = new Random(o.seed);
  const people = new People(rng, false);
  const townshipRng = o.townshipSeed === undefined ? rng : new Random(o.townshipSeed);
  const units = makeUnits(rng, syntheticTownships(townshipRng, o.townships, o.unitsPerTownship), {
    withoutCode: o.withoutCode ?? 0,
    keyUnits: Math.floor((o.townships * o.unitsPerTownship) / 20),
    ...(o.countyCode === undefined ? {} : { countyCode: o.countyCode }),
  });
  const upper = o.upper;
  /** A sink writing to `own` and, with `upper`, to the higher-level file of `kind`. */
  const tee = <S extends { row(cells: readonly CsvCell[]): void }>(own: S, kind: SyntheticFile) =>
    upper
      ? {
          row(cells: readonly CsvCell[]) {
            own.row(cells);
            upper.sinks[kind].row([...upper.cells, ...cells]);
          },
        }
      : own;
  const unitsOwn = new CsvSink(join(o.outDir, "units.csv"), SYNTHETIC_ENCODINGS.units);
  unitsOwn.row(SYNTHETIC_HEADERS.units);
  const unitsCsv = tee(unitsOwn, "units");
  for (const u of units)
    unitsCsv.row([
      u.township,
      u.name,
      u.type === "community" ? "社区" : "村",
      u.code,
      u.keyUnit ? "是" : "否",
    ]);
  unitsOwn.close();

  const sink = (name: SyntheticFile) =>
    new PartedSink(
      o.outDir,
      name,
      SYNTHETIC_ENCODINGS[name],
      SYNTHETIC_HEADERS[name],
      o.maxRowsPerFile ?? Number.POSITIVE_INFINITY,
    );
  const prev = sink("roster-2018");
  const cur = sink("roster-2021");
  const votes = sink("votes-2021");
  const vetting = sink("vetting-2021");
  const prevRows = tee(prev, "roster-2018");
  const curRows = tee(cur, "roster-2021");
  const voteRows = tee(votes, "votes-2021");
  const vettingRows = tee(vetting, "vetting-2021");
  for (const unit of units) {
    const shape = () => {
      const partySize = unit.type === "community" ? 5 : rng.chance(0.15) ? 5 : 3;
      return {
        partySize,
        deputy: partySize >= 5 || rng.chance(0.2),
        committeeSize: partySize,
        oneShoulder: rng.chance(0.85),
        chairFromParty: rng.chance(0.7),
      };
    };
    const current: UnitTerm = {
      unit,
      term: CURRENT.term,
      members: planMembers(rng, shape(), () => people.blank()),
      partyDate: addDays(parseDay("2020-12-26"), rng.int(0, 21)),
      committeeDate: addDays(parseDay("2021-01-20"), rng.int(0, 21)),
    };
    randomAttributes(rng, people, current);
    const previous: UnitTerm = {
      unit,
      term: PREVIOUS.term,
      members: planMembers(rng, shape(), () => people.blank()),
      partyDate: PREVIOUS.ref,
      committeeDate: PREVIOUS.ref,
    };
    const secretary = current.members.find((m) => m.party === "secretary");
    const before = previous.members.find((m) => m.party === "secretary");
    if (secretary && before && ageOn(secretary.person.birth, PREVIOUS.ref) >= 25 && rng.chance(0.5)) {
      before.person = secretary.person;
      before.carried = secretary.carried = true;
    }
    randomAttributes(rng, people, previous);
    for (const row of membershipRows(rng, previous, false)) prevRows.row(row);
    for (const row of membershipRows(rng, current, true)) curRows.row(row);
    const ballots = unitBallots(rng, current, null, () =>
      people.make("M", drawAge(rng, 25, 60), CURRENT.ref),
    );
    for (const b of ballots) voteRows.row(ballotRow(b));
    for (const m of current.members) {
      const body = m.party !== null ? "party" : "committee";
      const r = {
        unit,
        term: CURRENT.term,
        person: m.person,
        body,
        partyMember: m.partyMember,
        reason: null,
      } as const;
      vettingRows.row(registrantRow(rng, { ...r, status: "passed" }));
    }
    // Keep memory flat: persons of finished units are not needed any more.
    people.all.length = 0;
  }
  for (const sink of [prev, cur, votes, vetting]) sink.close();
  writeFileSync(join(o.outDir, "targets.yaml"), TARGETS_YAML);
  writeFileSync(
    join(o.outDir, "dataset.yaml"),
    `# synthetic dataset: ${units.length} units, seed ${o.seed}
name: ${o.name ?? `合成县${o.seed}`}
units: units.csv
targets: targets.yaml
terms:
  - term: ${PREVIOUS.term}
    reference_date: 2018-06-30
    roster: [${prev.files.join(", ")}]
  - term: ${CURRENT.term}
    reference_date: 2021-01-16
    roster: [${cur.files.join(", ")}]
    votes: [${votes.files.join(", ")}]
    candidates: [${vetting.files.join(", ")}]
`,
  );
  return {
    units: units.length,
    rosterRows: { 2018: prev.rows, 2021: cur.rows },
    voteRows: votes.rows,
  };
}

/** CSV files of one kind: `name.csv`, then `name-2.csv`, … each at most `maxRows` data rows plus the header. */
export class PartedSink {
  readonly files: string[] = [];
  /** Data rows written in all parts. */
  rows = 0;
  private current: CsvSink | null = null;
  private inPart = 0;

  constructor(
    private readonly dir: string,
    private readonly name: string,
    private readonly encoding: CsvEncoding,
    private readonly header: readonly string[],
    private readonly maxRows: number,
  ) {
    this.open();
  }

  private open(): void {
    this.current?.close();
    const file = `${this.name}${this.files.length === 0 ? "" : `-${this.files.length + 1}`}.csv`;
    this.files.push(file);
    this.current = new CsvSink(join(this.dir, file), this.encoding);
    this.current.row(this.header);
    this.inPart = 0;
  }

  row(cells: readonly CsvCell[]): void {
    if (this.inPart >= this.maxRows) this.open();
    (this.current as CsvSink).row(cells);
    this.inPart++;
    this.rows++;
  }

  close(): void {
    this.current?.close();
  }
}

/** Attributes drawn at random for every member not carried over from the other term. */
function randomAttributes(rng: Random, people: People, ut: UnitTerm): void {
  for (const m of ut.members as Member[]) {
    m.level = drawLevel(rng, rng.chance(0.3));
    m.partyMember = m.party !== null || rng.chance(0.3);
    if (m.carried) continue;
    const female = m.womenSeat || rng.chance(m.party === "secretary" ? 0.05 : 0.2);
    const ref = m.party !== null ? ut.partyDate : ut.committeeDate;
    people.finish(m.person, female ? "F" : "M", drawAge(rng, 24, 64), ref);
  }
}
