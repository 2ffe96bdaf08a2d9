/**
 * Vote tallies (选举结果) of one unit in one term, consistent with its members:
 * the party members' assembly elects the 委员 (差额, one more candidate than
 * seats), the new party committee elects the 书记 and 副书记, the voters elect
 * the 主任, 副主任 and 委员 of the committee. Every election passes every
 * check of metrics.md unless a planted fault is asked for.
 */
import type { Ballot, Body, Member, Person, PlantedFault, UnitTerm } from "./model.ts";
import type { Random } from "./random.ts";

type Office = Ballot["office"];

/** Makes a losing candidate who is nobody's member. */
export type LoserFactory = (partyMember: boolean) => Person;

interface Tally {
  readonly entitled: number;
  readonly cast: number;
  readonly issued: number;
  readonly returned: number;
  readonly valid: number;
}

function tally(rng: Random, entitled: number, cast: number): Tally {
  const returned = cast - (rng.chance(0.2) ? 1 : 0);
  const valid = returned - rng.int(0, Math.min(3, Math.floor(returned / 20)));
  return { entitled, cast, issued: cast, returned, valid };
}

export function unitBallots(
  rng: Random,
  ut: UnitTerm,
  fault: PlantedFault["kind"] | null,
  loser: LoserFactory,
): Ballot[] {
  const out: Ballot[] = [];
  const add = (
    body: Body,
    office: Office,
    round: number,
    seats: number,
    t: Tally,
    rows: readonly [Person, number, boolean][],
  ) => {
    const date = body === "party" ? ut.partyDate : ut.committeeDate;
    for (const [candidate, votes, elected] of rows) {
      out.push({
        unit: ut.unit,
        term: ut.term,
        body,
        office,
        round,
        date,
        seats,
        ...t,
        candidate,
        votes,
        elected,
      });
    }
  };

  // Party: the members' assembly elects the committee.
  const party = ut.members.filter((m) => m.party !== null);
  const community = ut.unit.type === "community";
  let entitled = community ? rng.int(45, 160) : rng.int(18, 90);
  if (fault === "quorum") entitled = Math.max(20, entitled - (entitled % 5));
  if (fault === "half_votes" && entitled % 2 === 1) entitled++;
  const floor45 = Math.floor((entitled * 4) / 5);
  const cast = fault === "quorum" ? (entitled * 4) / 5 : rng.int(floor45 + 1, entitled);
  const pt = tally(rng, entitled, cast);
  const half = Math.floor(entitled / 2);
  const winnerVotes = () => rng.int(Math.max(half + 1, pt.valid - Math.floor(entitled * 0.3)), pt.valid);
  const rows: [Person, number, boolean][] = party.map((m) => [m.person, winnerVotes(), true]);
  if (fault === "half_votes") {
    const target = rows[rows.length - 1];
    if (target) target[1] = entitled / 2;
  }
  const minWinner = Math.min(...rows.map((r) => r[1]));
  const loserVotes = () => rng.int(Math.floor(pt.valid * 0.15), Math.min(half, minWinner - 1));
  let seats = party.length;
  let losers = 1;
  if (fault === "competition") losers = 0;
  if (fault === "unfilled") {
    seats++;
    losers = 2;
  }
  const recycled = ut.members.filter((m) => m.party === null && m.partyMember).map((m) => m.person);
  for (let i = 0; i < losers; i++) rows.push([recycled[i] ?? loser(true), loserVotes(), false]);
  add("party", "委员", 1, seats, pt, rows);

  // Party: the new committee elects its secretary and deputy.
  const n = party.length;
  const committeeTally: Tally = { entitled: n, cast: n, issued: n, returned: n, valid: n };
  for (const m of party) {
    if (m.party === "secretary") add("party", "书记", 1, 1, committeeTally, [[m.person, n, true]]);
    if (m.party === "deputy_secretary") add("party", "副书记", 1, 1, committeeTally, [[m.person, n, true]]);
  }

  // Committee: the voters.
  const voters = community ? rng.int(1500, 6000) : rng.int(250, 1800);
  const ct = tally(rng, voters, Math.ceil(voters * (0.62 + rng.next() * 0.3)));
  const majority = Math.floor(ct.cast / 2) + 1;
  const committee = ut.members.filter((m) => m.committee !== null);
  const single = (office: Office, winner: Member) => {
    const votes = Math.min(ct.valid, Math.max(majority, Math.floor(ct.valid * (0.55 + rng.next() * 0.3))));
    add("committee", office, 1, 1, ct, [
      [winner.person, votes, true],
      [loser(rng.chance(0.4)), rng.int(0, ct.valid - votes), false],
    ]);
  };
  for (const m of committee) if (m.committee === "chair") single("主任", m);
  for (const m of committee) if (m.committee === "vice_chair") single("副主任", m);
  const plain = committee.filter((m) => m.committee === "member");
  const win = () => rng.int(majority, ct.valid);
  const lose = () => rng.int(Math.floor(ct.cast * 0.1), Math.floor(ct.cast / 2));
  const other = loser(rng.chance(0.3));
  if (fault === "revote") {
    const [late, ...first] = [...plain].reverse();
    if (!late) throw new RangeError("a second round needs a committee member");
    add("committee", "委员", 1, plain.length, ct, [
      ...first.reverse().map((m): [Person, number, boolean] => [m.person, win(), true]),
      [late.person, lose(), false],
      [other, lose(), false],
    ]);
    const cast2 = Math.max(ct.cast - rng.int(10, 40), Math.floor(voters / 2) + 1);
    const t2 = tally(rng, voters, cast2);
    const top = Math.floor(cast2 / 3) - rng.int(2, 20);
    add("committee", "委员", 2, 1, t2, [
      [late.person, top, true],
      [other, top - rng.int(5, 30), false],
    ]);
  } else {
    add("committee", "委员", 1, plain.length, ct, [
      ...plain.map((m): [Person, number, boolean] => [m.person, win(), true]),
      [other, lose(), false],
    ]);
  }
  return out;
}
