/**
 * Candidate vetting (资格审查) of the current term: every elected member
 * registered and passed; some losing candidates passed too; the rest are
 * registrants who withdrew or were disqualified under the negative list,
 * in the numbers of the reference report.
 */
import type { Person, Registrant, Unit, UnitTerm } from "./model.ts";
import type { People } from "./people.ts";
import type { Random } from "./random.ts";

export interface VettingTargets {
  readonly registered: number;
  readonly partyMembers: number;
  readonly disqualified: number;
  readonly withdrawn: number;
}

/** Losing candidates who are nobody's member: their unit and party membership. */
export type Losers = ReadonlyMap<Person, { readonly unit: Unit; readonly partyMember: boolean }>;

const NEGATIVE_LIST = [
  "受过刑事处罚",
  "涉黑涉恶受过处理",
  "正在被立案审查调查",
  "拖欠集体资金",
  "违规占用集体资产资源",
  "参与非法宗教活动",
  "长期不在村居住无法履职",
  "煽动群众非法上访",
  "有赌博、吸毒等劣迹",
  "被列为失信被执行人",
];

export function registrants(
  rng: Random,
  people: People,
  current: readonly UnitTerm[],
  losers: Losers,
  t: VettingTargets,
): Registrant[] {
  const byUnit = new Map<Unit, Registrant[]>(current.map((ut) => [ut.unit, []]));
  const add = (r: Registrant) => byUnit.get(r.unit)?.push(r);
  let party = 0;
  let count = 0;
  for (const ut of current) {
    for (const m of ut.members) {
      const body = m.party !== null ? "party" : "committee";
      add({
        unit: ut.unit,
        term: ut.term,
        person: m.person,
        body,
        partyMember: m.partyMember,
        status: "passed",
        reason: null,
      });
      count++;
      if (m.partyMember) party++;
    }
  }
  const term = current[0]?.term ?? 0;
  const passedLosers = t.registered - count - t.disqualified - t.withdrawn;
  const needParty = t.partyMembers - party;
  const withdrawnParty = Math.min(t.withdrawn, Math.floor(t.withdrawn / 2));
  const pool = [...losers];
  const partyPool = pool.filter(([, l]) => l.partyMember);
  const otherPool = pool.filter(([, l]) => !l.partyMember);
  const losersParty = Math.max(
    0,
    Math.min(needParty - withdrawnParty - Math.round(t.disqualified * 0.6), passedLosers, partyPool.length),
  );
  const disqualifiedParty = needParty - withdrawnParty - losersParty;
  if (passedLosers < 0 || disqualifiedParty < 0 || disqualifiedParty > t.disqualified) {
    throw new Error(
      `registrants: cannot reach ${t.registered} registered with ${t.partyMembers} party members`,
    );
  }
  const chosen = [
    ...rng.sample(partyPool, losersParty),
    ...rng.sample(otherPool, passedLosers - losersParty),
  ];
  for (const [person, l] of chosen) {
    add({
      unit: l.unit,
      term,
      person,
      body: l.partyMember ? "party" : "committee",
      partyMember: l.partyMember,
      status: "passed",
      reason: null,
    });
  }
  const fresh = (n: number, nParty: number, status: "disqualified" | "withdrawn") => {
    for (let i = 0; i < n; i++) {
      const ut = rng.pick(current);
      const partyMember = i < nParty;
      add({
        unit: ut.unit,
        term,
        person: people.make(rng.chance(0.15) ? "F" : "M", rng.int(28, 62), ut.partyDate),
        body: partyMember && rng.chance(0.7) ? "party" : "committee",
        partyMember,
        status,
        reason: status === "disqualified" ? rng.pick(NEGATIVE_LIST) : null,
      });
    }
  };
  fresh(t.withdrawn, withdrawnParty, "withdrawn");
  fresh(t.disqualified, disqualifiedParty, "disqualified");
  return [...byUnit.values()].flatMap((list) => rng.shuffle(list));
}
