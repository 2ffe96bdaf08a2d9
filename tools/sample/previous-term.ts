/**
 * The previous term of the county preset, built backwards from the current
 * one: some current members held the same unit's seats before (连任, same
 * person and ID number, possibly with a lower education then); the other
 * seats go to persons of that term only, whose attributes are dealt out by
 * exact quotas (women, college or above, the sum of ages) and unit by unit
 * (units with someone aged ≤ 35).
 */
import { ageOn, parseDay } from "./day.ts";
import { COLLEGE_PLUS, type Member, partyMembers, type UnitTerm } from "./model.ts";
import { drawAge, drawLevel, fitAgeSum, type People } from "./people.ts";
import type { Random } from "./random.ts";
import { planMembers } from "./structure.ts";

export interface PreviousTargets {
  readonly term: number;
  readonly referenceDate: string;
  readonly partyMembers: number;
  readonly deputies: number;
  readonly college: number;
  readonly women: number;
  readonly ageSum: number;
  readonly young35Units: number;
  readonly oneShoulderUnits: number;
}

export function buildPrevious(
  rng: Random,
  people: People,
  current: readonly UnitTerm[],
  t: PreviousTargets,
): UnitTerm[] {
  const ref = parseDay(t.referenceDate);
  const fives = (t.partyMembers - 3 * current.length) / 2;
  const big = new Set(rng.sample(current, fives, (ut) => (partyMembers(ut).length >= 5 ? 4 : 1)));
  const deputies = new Set(rng.sample(current, t.deputies, (ut) => (big.has(ut) ? 6 : 1)));
  const oneShoulder = new Set(rng.sample(current, t.oneShoulderUnits));
  const young = new Set(rng.sample(current, t.young35Units).map((ut) => ut.unit));
  const carried = new Set<Member>();
  const eligible = (m: Member) => m.person.idValid && ageOn(m.person.birth, ref) >= 36;
  const carry = (m: Member, from: Member) => {
    m.person = from.person;
    m.carried = true;
    from.carried = true;
    carried.add(m);
    m.level = COLLEGE_PLUS.has(from.level) && rng.chance(0.3) ? "senior" : from.level;
    m.partyMember = m.party !== null || from.partyMember;
  };

  const out: UnitTerm[] = current.map((cur) => {
    const size = big.has(cur) ? 5 : 3;
    const members = planMembers(
      rng,
      {
        partySize: size,
        deputy: deputies.has(cur),
        committeeSize: cur.unit.type === "community" ? 5 : size,
        oneShoulder: oneShoulder.has(cur),
        chairFromParty: rng.chance(0.6),
      },
      () => people.blank(),
    );
    const secretary = cur.members.find((m) => m.party === "secretary");
    const pool = rng.shuffle(cur.members.filter((m) => m.party !== null && m !== secretary && eligible(m)));
    const party = members.filter((m) => m.party !== null);
    const k = Math.round(party.length * (0.35 + rng.next() * 0.3));
    let n = 0;
    for (const m of party) {
      if (n >= k) break;
      if (m.party === "secretary") {
        if (secretary && eligible(secretary) && rng.chance(0.7)) {
          carry(m, secretary);
          n++;
        }
        continue;
      }
      const from = pool.shift();
      if (from) {
        carry(m, from);
        n++;
      }
    }
    const onlyPool = cur.members.filter((m) => m.party === null && eligible(m));
    const seat = members.find((m) => m.party === null && !m.womenSeat);
    if (seat && onlyPool.length > 0 && rng.chance(0.35)) carry(seat, rng.pick(onlyPool));
    return { unit: cur.unit, term: t.term, members, partyDate: ref, committeeDate: ref };
  });

  // Party members of this term only: exact quotas.
  const party = out.flatMap(partyMembers);
  const fresh = party.filter((m) => !carried.has(m));
  const held = party.filter((m) => carried.has(m));
  const women = t.women - held.filter((m) => m.person.gender === "F").length;
  const college = t.college - held.filter((m) => COLLEGE_PLUS.has(m.level)).length;
  const heldAges = held.reduce((s, m) => s + ageOn(m.person.birth, ref), 0);
  const womenSet = new Set(rng.sample(fresh, women, (m) => (m.party === "secretary" ? 0.15 : 1)));
  const collegeSet = new Set(rng.sample(fresh, college));
  const ages = fresh.map(() => drawAge(rng, 40, 70));
  fitAgeSum(rng, ages, t.ageSum - heldAges, 36, 72);
  fresh.forEach((m, i) => {
    m.level = drawLevel(rng, collegeSet.has(m));
    m.partyMember = true;
    people.finish(m.person, womenSet.has(m) ? "F" : "M", ages[i] ?? 50, ref);
  });

  // Committee-only members of this term only.
  for (const ut of out) {
    const only = ut.members.filter((m) => m.party === null && !carried.has(m));
    const youngOne = young.has(ut.unit) ? rng.pick(only) : null;
    for (const m of only) {
      const age = m === youngOne ? rng.int(23, 35) : drawAge(rng, 36, 64);
      const female = m.womenSeat ? rng.chance(0.92) : rng.chance(0.12);
      m.level = drawLevel(rng, rng.chance(0.12));
      m.partyMember = rng.chance(0.3);
      people.finish(m.person, female ? "F" : "M", age, ref);
    }
  }
  return out;
}
