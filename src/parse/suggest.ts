/**
 * "Did you mean": the closest known name to an unknown one, for messages
 * about unknown townships and units.
 */

/** Levenshtein distance over Unicode code points. */
export function editDistance(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    for (let j = 1; j <= y.length; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      cur[j] = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
    }
    prev = cur;
  }
  return prev[y.length] ?? 0;
}

/**
 * The known name closest to `name` among `sorted`, or null when nothing is
 * close (distance above half the name's length). Ties go to the name that
 * sorts first, so the answer is deterministic.
 */
function closest(name: string, sorted: readonly string[]): string | null {
  let best: string | null = null;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const k of sorted) {
    const d =
      k.includes(name) || name.includes(k)
        ? Math.abs([...k].length - [...name].length) * 0.5
        : editDistance(name, k);
    if (d < bestDistance) {
      best = k;
      bestDistance = d;
    }
  }
  const limit = Math.max(1, Math.ceil([...name].length / 2));
  return best !== null && bestDistance <= limit ? best : null;
}

interface Memo {
  readonly sorted: readonly string[];
  readonly answers: Map<string, string | null>;
}

const memos = new WeakMap<Iterable<string>, Memo>();

/**
 * The known name closest to `name` (see {@link closest}), remembered per
 * collection of known names (by identity) and name: a file with many rows
 * naming the same unknown unit searches the known names once, not once per
 * row (30,000 townships × every rejected row was quadratic). The collection
 * must not change after its first use (the unit index of a build does not).
 */
export function suggestion(name: string, known: Iterable<string>): string | null {
  let memo = memos.get(known);
  if (!memo) {
    memo = { sorted: [...known].sort(), answers: new Map() };
    memos.set(known, memo);
  }
  let answer = memo.answers.get(name);
  if (answer === undefined) {
    answer = closest(name, memo.sorted);
    memo.answers.set(name, answer);
  }
  return answer;
}
