/**
 * Making persons: a uid counter, names, ethnicity, education levels by
 * whether they are college or above, birth dates for a target age, and
 * checksum-valid ID numbers unique within the dataset.
 */
import { makeIdNumber } from "../../src/parse/id-number.ts";
import { birthForAge, type Day } from "./day.ts";
import type { Gender, Level, Person } from "./model.ts";
import { NameBook } from "./names.ts";
import type { Random } from "./random.ts";

/** The county's own region code and a few neighbours (birthplaces of some cadres). */
const REGIONS: readonly (readonly [string, number])[] = [
  ["150123", 0.86],
  ["150121", 0.05],
  ["150122", 0.04],
  ["150105", 0.03],
  ["152625", 0.02],
];

const ETHNICITIES: readonly (readonly [string, number])[] = [
  ["汉族", 0.83],
  ["汉", 0.03],
  ["蒙古族", 0.1],
  ["回族", 0.03],
  ["满族", 0.01],
];

export class People {
  private nextUid = 1;
  private readonly names: NameBook;
  private readonly idsUsed = new Set<string>();
  /** Every person made, in order of creation. */
  readonly all: Person[] = [];

  /** With `uniqueNames` false (large datasets), names may repeat, as they do in real life. */
  constructor(
    private readonly rng: Random,
    uniqueNames = true,
  ) {
    this.names = new NameBook(rng, uniqueNames);
  }

  /** A person without name, birth or ID yet: call {@link finish} once gender and age are known. */
  blank(): Person {
    const p: Person = {
      uid: this.nextUid++,
      name: "",
      gender: "M",
      birth: { year: 1970, month: 1, day: 1 },
      ethnicity: this.rng.weighted(ETHNICITIES),
      idNumber: "",
      idValid: true,
    };
    this.all.push(p);
    return p;
  }

  /** Give a person a name, a birth date making them `age` on `ref`, and a valid ID number. */
  finish(p: Person, gender: Gender, age: number, ref: Day): Person {
    p.gender = gender;
    p.name = this.names.person(gender);
    p.birth = birthForAge(age, ref, this.rng.int(1, 12), this.rng.int(1, 28));
    p.idNumber = this.idNumber(p);
    return p;
  }

  /** A complete person in one call. */
  make(gender: Gender, age: number, ref: Day): Person {
    return this.finish(this.blank(), gender, age, ref);
  }

  /** Replace the ID's check character with a wrong one (a typo as real exports have). */
  spoilId(p: Person): void {
    const last = p.idNumber.slice(-1);
    const wrong = last === "0" ? "7" : last === "X" ? "3" : String((Number(last) + 3) % 10);
    p.idNumber = p.idNumber.slice(0, 17) + wrong;
    p.idValid = false;
  }

  private idNumber(p: Person): string {
    const region = this.rng.weighted(REGIONS);
    for (let tries = 0; tries < 64; tries++) {
      const seq = this.rng.int(0, 499) * 2 + (p.gender === "M" ? 1 : 0);
      if (seq === 0 || seq > 999) continue;
      const id = this.claim(region, p, seq);
      if (id) return id;
    }
    // National sizes: the ~500 sequence numbers of one region, birthday and gender run
    // out. Spill over to further region codes, in order, so the ID stays unique.
    for (;;) {
      const spill = String(110_000 + (this.spill++ % 800_000));
      for (let seq = p.gender === "M" ? 1 : 2; seq <= 999; seq += 2) {
        const id = this.claim(spill, p, seq);
        if (id) return id;
      }
    }
  }

  private spill = 0;

  /** The ID of `region`, the person's birth and `seq`, when no one has it yet (it is then taken). */
  private claim(region: string, p: Person, seq: number): string | null {
    const id = makeIdNumber(region, p.birth, String(seq).padStart(3, "0"));
    if (this.idsUsed.has(id)) return null;
    this.idsUsed.add(id);
    return id;
  }
}

/** An education level: college or above, or below it. */
export function drawLevel(rng: Random, college: boolean): Level {
  return college
    ? rng.weighted<Level>([
        ["college", 0.72],
        ["bachelor", 0.26],
        ["postgraduate", 0.02],
      ])
    : rng.weighted<Level>([
        ["senior", 0.42],
        ["vocational", 0.15],
        ["junior", 0.38],
        ["primary", 0.05],
      ]);
}

/** An age drawn around the middle of [lo, hi] (the mean of two uniform draws). */
export function drawAge(rng: Random, lo: number, hi: number): number {
  return Math.round((rng.int(lo, hi) + rng.int(lo, hi)) / 2);
}

/**
 * Adjust ages one year at a time, within [lo, hi], until they sum to `total`.
 * @throws RangeError when no such ages exist.
 */
export function fitAgeSum(rng: Random, ages: number[], total: number, lo: number, hi: number): void {
  if (total < lo * ages.length || total > hi * ages.length) {
    throw new RangeError(`cannot make ${ages.length} ages in [${lo}, ${hi}] sum to ${total}`);
  }
  let sum = ages.reduce((s, a) => s + a, 0);
  while (sum !== total) {
    const i = rng.int(0, ages.length - 1);
    const a = ages[i] ?? lo;
    if (sum < total && a < hi) {
      ages[i] = a + 1;
      sum++;
    } else if (sum > total && a > lo) {
      ages[i] = a - 1;
      sum--;
    }
  }
}
