/**
 * The shape of a unit's two committees in one term and the members that fill
 * it: secretary, deputy, party members; chair (the secretary when 一肩挑),
 * vice chair, members including a seat for a woman; some party members also
 * sit on the committee (交叉任职). Attributes are filled in later.
 */
import type { Member, Person } from "./model.ts";
import type { Random } from "./random.ts";

export interface UnitShape {
  /** Party committee members (secretary included). */
  readonly partySize: number;
  readonly deputy: boolean;
  /** Committee members (chair included); 3–7 for villages, 5–9 for communities. */
  readonly committeeSize: number;
  /** The secretary is also the chair (一肩挑). */
  readonly oneShoulder: boolean;
  /** Without 一肩挑: the chair is a party member (the deputy where there is one); else a non-party-committee person. */
  readonly chairFromParty: boolean;
}

function member(person: Person): Member {
  return {
    person,
    party: null,
    committee: null,
    level: "senior",
    eduUnknown: false,
    partyMember: false,
    womenSeat: false,
    carried: false,
  };
}

/**
 * The members of a unit: party members first (secretary, deputy, members),
 * then committee-only members. At least two members are committee-only, one
 * of them the women's seat, so unit-level targets can always be met or missed
 * through committee-only members.
 */
export function planMembers(rng: Random, shape: UnitShape, blank: () => Person): Member[] {
  const party: Member[] = [];
  const secretary = member(blank());
  secretary.party = "secretary";
  party.push(secretary);
  let deputy: Member | null = null;
  if (shape.deputy) {
    deputy = member(blank());
    deputy.party = "deputy_secretary";
    party.push(deputy);
  }
  while (party.length < shape.partySize) {
    const m = member(blank());
    m.party = "member";
    party.push(m);
  }
  const pool = party.filter((m) => m !== secretary);
  const committeeOnly: Member[] = [];
  const newMember = (): Member => {
    const m = member(blank());
    committeeOnly.push(m);
    return m;
  };

  const chair = shape.oneShoulder
    ? secretary
    : shape.chairFromParty && pool.length > 0
      ? (pool.shift() as Member)
      : newMember();
  chair.committee = "chair";

  const seats = shape.committeeSize - 1;
  const newNeeded = Math.max(1, 2 - committeeOnly.length) + (rng.chance(0.15) ? 1 : 0);
  const newCount = Math.min(seats, newNeeded);
  const crossCount = Math.min(seats - newCount, pool.length);
  const cross = pool.slice(0, crossCount);
  const hasVice = shape.committeeSize >= 5;
  const fill: Member[] = [...cross];
  while (fill.length < seats) fill.push(newMember());
  fill.forEach((m, i) => {
    m.committee = hasVice && i === 0 ? "vice_chair" : "member";
  });
  const seat = fill.find((m) => m.party === null && m.committee === "member");
  if (seat) seat.womenSeat = true;
  return [...party, ...committeeOnly];
}
