import { describe, expect, it } from "vitest";
import { Random } from "../../tools/sample/random.ts";

describe("Random", () => {
  it("gives the same sequence for the same seed and another for another seed", () => {
    const a = new Random(42);
    const b = new Random(42);
    const seqA = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(seqA);
    expect(new Random(43).next()).not.toBe(seqA[0]);
    expect(seqA.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it("samples exactly k distinct items and never one of weight 0", () => {
    const rng = new Random(1);
    const items = Array.from({ length: 50 }, (_, i) => i);
    const drawn = rng.sample(items, 20, (i) => (i % 2 === 0 ? 0 : 1));
    expect(new Set(drawn).size).toBe(20);
    expect(drawn.every((i) => i % 2 === 1)).toBe(true);
    expect(() => rng.sample(items, 26, (i) => (i % 2 === 0 ? 0 : 1))).toThrow(RangeError);
  });
});
