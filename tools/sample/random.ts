/**
 * A small seeded pseudo-random generator (mulberry32) for the sample
 * generator: the same seed gives the same sequence on every machine. Never
 * use Math.random or the clock in the generator.
 */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [lo, hi], both included. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** One element of a non-empty array. */
  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new RangeError("pick from an empty array");
    return item;
  }

  /** One element, chosen with probability proportional to its weight. */
  weighted<T>(items: readonly (readonly [T, number])[]): T {
    const total = items.reduce((s, [, w]) => s + w, 0);
    let r = this.next() * total;
    for (const [item, w] of items) {
      r -= w;
      if (r < 0) return item;
    }
    const last = items[items.length - 1];
    if (last === undefined) throw new RangeError("weighted pick from an empty array");
    return last[0];
  }

  /** A shuffled copy (Fisher–Yates). */
  shuffle<T>(items: readonly T[]): T[] {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [out[i], out[j]] = [out[j] as T, out[i] as T];
    }
    return out;
  }

  /**
   * Exactly k distinct elements, each drawn with probability growing with its
   * weight (weighted sampling without replacement, Efraimidis–Spirakis).
   * Elements of weight 0 are never drawn.
   * @throws RangeError when fewer than k elements have a positive weight.
   */
  sample<T>(items: readonly T[], k: number, weight: (item: T) => number = () => 1): T[] {
    const keyed = items
      .map((item) => ({ item, w: weight(item) }))
      .filter((e) => e.w > 0)
      .map((e) => ({ item: e.item, key: this.next() ** (1 / e.w) }));
    if (keyed.length < k) throw new RangeError(`cannot draw ${k} of ${keyed.length} eligible items`);
    keyed.sort((a, b) => b.key - a.key);
    return keyed.slice(0, k).map((e) => e.item);
  }
}
