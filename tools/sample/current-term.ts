/**
 * Calibrating the current term of the county preset: person attributes are
 * dealt out by exact quotas (women, aged ≤ 40, college or above, the sum of
 * ages) over the party committee members, and unit by unit over the
 * committee-only members so that exactly the intended number of units meet
 * the "two committees" targets. Ages are measured at each membership's own
 * reference date (the unit's election day of that body).
 */
import { type Gender, type Member, partyMembers, type UnitTerm } from "./model.ts";
import { drawAge, drawLevel, fitAgeSum, type People } from "./people.ts";
import type { Random } from "./random.ts";

export interface CurrentTargets {
  readonly partyMembers: number;
  readonly secretaries: number;
  readonly deputies: number;
  readonly college: number;
  readonly women: number;
  readonly ageLe40: number;
  readonly ageSum: number;
  /** Units whose two committees have someone aged ≤ 35. */
  readonly young35Units: number;
  /** Units whose two committees have at least two members with college or above. */
  readonly twoCollegeUnits: number;
  /** Committee-only members who are party members. */
  readonly committeeOnlyPartyMembers: number;
}

export function calibrateCurrent(
  rng: Random,
  people: People,
  uts: readonly UnitTerm[],
  t: CurrentTargets,
): void {
  const unitOf = new Map<Member, UnitTerm>();
  for (const ut of uts) for (const m of ut.members) unitOf.set(m, ut);
  const party = uts.flatMap(partyMembers);
  const count = (p: (m: Member) => boolean) => party.filter(p).length;
  if (
    party.length !== t.partyMembers ||
    count((m) => m.party === "secretary") !== t.secretaries ||
    count((m) => m.party === "deputy_secretary") !== t.deputies
  ) {
    throw new Error("calibrateCurrent: the planned party committees do not have the target sizes");
  }
  const failYoung = new Set(rng.sample(uts, uts.length - t.young35Units));
  const failCollege = new Set(
    rng.sample(
      uts.filter((u) => !failYoung.has(u)),
      uts.length - t.twoCollegeUnits,
    ),
  );
  const unit = (m: Member) => unitOf.get(m) as UnitTerm;
  const age = new Map<Member, number>();
  const ageOf = (m: Member) => age.get(m) ?? 0;
  const gender = new Map<Member, Gender>();

  // Party committee members: exact quotas.
  const women = new Set(
    rng.sample(party, t.women, (m) =>
      m.party === "secretary" ? 0.12 : m.party === "deputy_secretary" ? 0.8 : 1.3,
    ),
  );
  for (const m of party) gender.set(m, women.has(m) ? "F" : "M");
  const young = rng.sample(party, t.ageLe40, (m) => (m.party === "secretary" ? 0.25 : 1));
  for (const m of young) {
    const le35 = !failYoung.has(unit(m)) && rng.chance(0.5);
    age.set(m, le35 ? rng.int(m.party === "secretary" ? 29 : 24, 35) : rng.int(36, 40));
  }
  const youngSet = new Set(young);
  const old = party.filter((m) => !youngSet.has(m));
  const oldAges = old.map((m) => drawAge(rng, m.party === "secretary" ? 44 : 41, 64));
  const youngSum = young.reduce((s, m) => s + ageOf(m), 0);
  fitAgeSum(rng, oldAges, t.ageSum - youngSum, 41, 64);
  old.forEach((m, i) => {
    age.set(m, oldAges[i] ?? 0);
  });
  const college = new Set(
    rng.sample(party, t.college, (m) =>
      failCollege.has(unit(m)) ? 0 : (ageOf(m) <= 40 ? 3 : 1) * (m.party === "secretary" ? 1.5 : 1),
    ),
  );
  for (const m of party) {
    m.level = drawLevel(rng, college.has(m));
    m.partyMember = true;
  }

  // Committee-only members: unit by unit, to meet or miss the unit targets.
  for (const ut of uts) {
    const only = ut.members.filter((m) => m.party === null);
    const own = partyMembers(ut);
    const noYoung = failYoung.has(ut);
    for (const m of only) age.set(m, noYoung ? drawAge(rng, 36, 62) : drawAge(rng, 30, 62));
    if (!noYoung && !own.some((m) => ageOf(m) <= 35) && !only.some((m) => ageOf(m) <= 35)) {
      age.set(rng.pick(only), rng.int(24, 35));
    }
    const partyCollege = own.filter((m) => college.has(m)).length;
    const needed = failCollege.has(ut)
      ? partyCollege === 0 && rng.chance(0.5)
        ? 1
        : 0
      : Math.max(0, 2 - partyCollege);
    const chosen = new Set(rng.sample(only, needed));
    for (const m of only) {
      const isCollege = chosen.has(m) || (!failCollege.has(ut) && rng.chance(0.2));
      m.level = drawLevel(rng, isCollege);
      gender.set(m, m.womenSeat || rng.chance(0.18) ? "F" : "M");
    }
  }
  const allOnly = uts.flatMap((ut) => ut.members.filter((m) => m.party === null));
  const partyOnly = new Set(
    rng.sample(allOnly, t.committeeOnlyPartyMembers, (m) => (m.committee === "chair" ? 4 : 1)),
  );
  for (const m of allOnly) m.partyMember = partyOnly.has(m);

  for (const ut of uts) {
    for (const m of ut.members) {
      const ref = m.party !== null ? ut.partyDate : ut.committeeDate;
      people.finish(m.person, gender.get(m) ?? "M", ageOf(m), ref);
    }
  }
}
