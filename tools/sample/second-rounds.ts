/**
 * Second rounds (另行选举) of committee elections that pass every check, so
 * the first-round success rate (一次选举成功率) of the sample is below 100 %
 * and differs between townships: in a few units one 委员 winner of round 1
 * falls short of the majority and wins the seat left open in round 2 (votes
 * ≥ a third of the cast, two candidates for the one seat). Its randomness
 * comes from its own stream, so every other row of the sample stays as it was;
 * the round-2 rows go at the end, on the day of round 1.
 */
import type { Ballot, Unit } from "./model.ts";
import type { Random } from "./random.ts";

/**
 * `ballots` with `count` units (drawn from those not in `skip`) given a second
 * round of their committee 委员 election; the input array is left unchanged.
 */
export function withSecondRounds(
  rng: Random,
  ballots: readonly Ballot[],
  skip: ReadonlySet<Unit>,
  count: number,
): Ballot[] {
  const out = [...ballots];
  const firstRound = (b: Ballot) => b.body === "committee" && b.office === "委员" && b.round === 1;
  const eligible = [...new Set(out.filter(firstRound).map((b) => b.unit))].filter((u) => !skip.has(u));
  for (const unit of rng.sample(eligible, count)) {
    const rows = out.map((b, i) => [b, i] as const).filter(([b]) => b.unit === unit && firstRound(b));
    const winners = rows.filter(([b]) => b.elected).sort(([a], [b]) => a.votes - b.votes);
    const late = winners[0];
    const other = rows.find(([b]) => !b.elected);
    if (!late || !other) continue;
    const [lateRow, at] = late;
    // Round 1: the weakest winner misses the majority (votes ≤ cast / 2).
    out[at] = {
      ...lateRow,
      votes: rng.int(Math.floor(lateRow.cast * 0.3), Math.floor(lateRow.cast / 2)),
      elected: false,
    };
    // Round 2: fewer voters, still more than half of the entitled.
    const cast = Math.min(
      lateRow.entitled,
      Math.max(lateRow.cast - rng.int(10, 60), Math.floor(lateRow.entitled / 2) + 1),
    );
    const valid = cast - rng.int(0, 3);
    const winner = rng.int(Math.ceil(cast * 0.45), Math.floor(valid * 0.8));
    const loser = rng.int(Math.floor(valid * 0.1), Math.min(valid - winner, winner - 1));
    const round2 = { round: 2, seats: 1, cast, issued: cast, returned: cast, valid };
    out.push({ ...lateRow, ...round2, votes: winner, elected: true });
    out.push({ ...other[0], ...round2, votes: loser, elected: false });
  }
  return out;
}
