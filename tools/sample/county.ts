/**
 * The county preset: the shipped sample dataset, calibrated so that the
 * pipeline reproduces the published county report (shared/reference) exactly.
 * Built in memory (160 units); see synthetic.ts for large streamed datasets.
 */
import { unitBallots } from "./ballots.ts";
import { type CurrentTargets, calibrateCurrent } from "./current-term.ts";
import { addDays, type Day, parseDay } from "./day.ts";
import { COUNTY_TOWNSHIPS, makeUnits } from "./geography.ts";
import {
  type Ballot,
  COLLEGE_PLUS,
  type Member,
  type Person,
  type PlantedFault,
  type Registrant,
  type TermData,
  type Unit,
  type UnitTerm,
} from "./model.ts";
import { People } from "./people.ts";
import { buildPrevious, type PreviousTargets } from "./previous-term.ts";
import { Random } from "./random.ts";
import { withSecondRounds } from "./second-rounds.ts";
import { planMembers, type UnitShape } from "./structure.ts";
import { registrants, type VettingTargets } from "./vetting.ts";

export const COUNTY_NAME = "和林格尔县";
export const DEFAULT_SEED = 20210116;

/** What the county preset is calibrated to (the reference report, and metrics.md's example paragraph). */
export const COUNTY_TARGETS = {
  current: {
    term: 2021,
    referenceDate: "2021-01-16",
    partyMembers: 523,
    secretaries: 160,
    deputies: 53,
    college: 158,
    women: 97,
    ageLe40: 96,
    /** Sum of party members' ages: mean 25209 / 523 = 48.2008 → 48.2. */
    ageSum: 25209,
    young35Units: 154,
    twoCollegeUnits: 153,
    oneShoulderUnits: 138,
    committeeOnlyPartyMembers: 100,
  } satisfies CurrentTargets & Record<string, unknown>,
  previous: {
    term: 2018,
    referenceDate: "2018-06-30",
    partyMembers: 522,
    deputies: 48,
    /** 118 / 522 = 22.605 %: +7.6 points to 30.210 %. */
    college: 118,
    /** 84 / 522 = 16.092 %: +2.5 points to 18.547 %; 97 against 84 is +15.5 % of the count. */
    women: 84,
    /** Mean 26831 / 522 = 51.4004: the change is −3.1996 → −3.2 years. */
    ageSum: 26831,
    young35Units: 72,
    oneShoulderUnits: 52,
  } satisfies PreviousTargets & Record<string, unknown>,
  vetting: { registered: 917, partyMembers: 657, disqualified: 55, withdrawn: 4 } satisfies VettingTargets,
} as const;

export interface SampleDataset {
  readonly name: string;
  readonly seed: number;
  readonly units: Unit[];
  /** Ascending by term. */
  readonly terms: TermData[];
  readonly ballots: Ballot[];
  readonly registrants: Registrant[];
  readonly faults: PlantedFault[];
  /** A 驻村第一书记 row the pipeline must skip. */
  readonly firstSecretary: { readonly unit: Unit; readonly person: Person };
}

/** Units whose committee 委员 election needs a lawful second round, and the salt of their stream. */
const SECOND_ROUNDS = 9;
const SECOND_ROUND_SALT = 0x2d2d;

const FAULTS: readonly PlantedFault["kind"][] = ["quorum", "competition", "half_votes", "revote", "unfilled"];

/** Build the county sample in memory. */
export function buildCounty(seed = DEFAULT_SEED): SampleDataset {
  const rng = new Random(seed);
  const people = new People(rng);
  const units = makeUnits(rng, COUNTY_TOWNSHIPS, { withoutCode: 10, keyUnits: 7 });
  const cur = COUNTY_TARGETS.current;

  // Planted faults: one village each, in five different townships.
  const townships = rng.shuffle(COUNTY_TOWNSHIPS.filter((t) => t.villages > 0).map((t) => t.name));
  const faultOf = new Map<Unit, PlantedFault["kind"]>();
  FAULTS.forEach((kind, i) => {
    const unit = rng.pick(units.filter((u) => u.township === townships[i] && u.type === "village"));
    faultOf.set(unit, kind);
  });

  // Party committee sizes: 21 of five, one of four (the unfilled seat), 138 of three = 523.
  const size = new Map<Unit, number>();
  for (const u of units) {
    if (u.type === "community" || faultOf.get(u) === "competition") size.set(u, 5);
    if (faultOf.get(u) === "unfilled") size.set(u, 4);
  }
  const fives = cur.partyMembers - 3 * units.length - [...size.values()].reduce((s, n) => s + n - 3, 0);
  for (const u of rng.sample(
    units.filter((u) => !size.has(u)),
    fives / 2,
  ))
    size.set(u, 5);
  const partySize = (u: Unit) => size.get(u) ?? 3;
  const big = units.filter((u) => partySize(u) > 3);
  const deputies = new Set([
    ...big,
    ...rng.sample(
      units.filter((u) => partySize(u) === 3),
      cur.deputies - big.length,
    ),
  ]);
  const oneShoulder = new Set(rng.sample(units, cur.oneShoulderUnits));
  const shapes = new Map<Unit, UnitShape>(
    units.map((u) => [
      u,
      {
        partySize: partySize(u),
        deputy: deputies.has(u),
        committeeSize: partySize(u) >= 5 ? 5 : 3,
        oneShoulder: oneShoulder.has(u),
        chairFromParty: rng.chance(0.75),
      },
    ]),
  );

  const refCurrent = parseDay(cur.referenceDate);
  const dates = electionDays(rng, units);
  const current: UnitTerm[] = units.map((unit) => {
    const d = dates.get(unit) as { party: Day; committee: Day };
    return {
      unit,
      term: cur.term,
      members: planMembers(rng, shapes.get(unit) as UnitShape, () => people.blank()),
      partyDate: d.party,
      committeeDate: d.committee,
    };
  });
  calibrateCurrent(rng, people, current, cur);

  const prev = COUNTY_TARGETS.previous;
  const previous = buildPrevious(rng, people, current, prev);

  // Messiness that must not change any figure: invalid IDs and unknown education texts.
  const plainCurrent = current
    .filter((ut) => ut.unit.type === "village")
    .flatMap((ut) => ut.members.filter((m) => m.party === null && !m.carried));
  for (const m of rng.sample(plainCurrent, 2)) people.spoilId(m.person);
  const below = (m: Member) => m.person.idValid && !COLLEGE_PLUS.has(m.level);
  for (const m of rng.sample(plainCurrent.filter(below), 1)) {
    m.level = "primary";
    m.eduUnknown = true;
  }
  const plainPrevious = previous.flatMap((ut) =>
    ut.members.filter((m) => m.party === "member" && m.committee === null && !m.carried),
  );
  for (const m of rng.sample(plainPrevious, 1)) people.spoilId(m.person);
  for (const m of rng.sample(plainPrevious.filter(below), 1)) {
    m.level = "none";
    m.eduUnknown = true;
  }

  const losers = new Map<Person, { unit: Unit; partyMember: boolean }>();
  const ballots = current.flatMap((ut) =>
    unitBallots(rng, ut, faultOf.get(ut.unit) ?? null, (partyMember) => {
      const p = people.make(rng.chance(0.25) ? "F" : "M", rng.int(26, 60), ut.partyDate);
      losers.set(p, { unit: ut.unit, partyMember });
      return p;
    }),
  );
  const faults = [...faultOf].map(([unit, kind]) => ({ kind, unit, description: "" }));
  // Lawful second rounds, from a stream of their own (issue 15): the rows above stay as they were.
  const voted = withSecondRounds(
    new Random(seed ^ SECOND_ROUND_SALT),
    ballots,
    new Set(faultOf.keys()),
    SECOND_ROUNDS,
  );

  const firstUnit = rng.pick(current.filter((ut) => ut.unit.type === "village")).unit;
  const firstSecretary = { unit: firstUnit, person: people.make("M", rng.int(30, 45), refCurrent) };

  return {
    name: COUNTY_NAME,
    seed,
    units,
    terms: [
      { term: prev.term, referenceDate: parseDay(prev.referenceDate), units: previous, hasVotes: false },
      { term: cur.term, referenceDate: refCurrent, units: current, hasVotes: true },
    ],
    ballots: voted,
    registrants: registrants(rng, people, current, losers, COUNTY_TARGETS.vetting),
    faults,
    firstSecretary,
  };
}

/**
 * Election days per unit: each township holds its party elections over its
 * own stretch of 2020-12-26 … 2021-01-16 and its committee elections over
 * 2021-01-20 … 2021-02-10; the last of each falls on the last day.
 */
function electionDays(rng: Random, units: readonly Unit[]): Map<Unit, { party: Day; committee: Day }> {
  const partyStart = parseDay("2020-12-26");
  const committeeStart = parseDay("2021-01-20");
  const pace = new Map<string, { p0: number; p1: number; c0: number; c1: number }>();
  const out = new Map<Unit, { party: Day; committee: Day }>();
  for (const u of units) {
    let t = pace.get(u.township);
    if (!t) {
      const p0 = rng.int(0, 8);
      const c0 = rng.int(0, 6);
      t = { p0, p1: rng.int(p0 + 6, 21), c0, c1: rng.int(c0 + 8, 21) };
      pace.set(u.township, t);
    }
    out.set(u, {
      party: addDays(partyStart, rng.int(t.p0, t.p1)),
      committee: addDays(committeeStart, rng.int(t.c0, t.c1)),
    });
  }
  const last = units[units.length - 1];
  if (last) out.set(last, { party: addDays(partyStart, 21), committee: addDays(committeeStart, 21) });
  return out;
}
