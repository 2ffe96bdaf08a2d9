/**
 * Fictional names for the sample: persons, villages and communities. Every
 * character is in GBK so any file may be written in it.
 */
import type { Random } from "./random.ts";

const SURNAMES = [..."王李张刘赵杨高郭武贾任白乔韩田郝孙胡石梁云苏马闫吕康杜薛冯侯曹段崔温赫安邢樊翟"];
const MALE = [..."建国军平明华林峰伟强刚勇斌海涛志文宏俊杰忠德福贵祥瑞龙飞鹏宇轩浩宁"];
const FEMALE = [..."秀英兰芳霞丽娟敏静玲燕红梅艳萍慧琴凤莉娜雪婷晶婧"];
const MIDDLE = [..."永玉志建立春金海云晓小少利子宝生占双"];

/** Draws person names; with `unique`, names not drawn before by this instance. */
export class NameBook {
  private readonly used = new Set<string>();

  constructor(
    private readonly rng: Random,
    private readonly unique = true,
  ) {}

  person(gender: "M" | "F"): string {
    for (let attempt = 0; ; attempt++) {
      const given = gender === "F" ? FEMALE : MALE;
      const name =
        this.rng.pick(SURNAMES) +
        (this.rng.chance(0.75) || attempt > 20 ? this.rng.pick(MIDDLE) : "") +
        this.rng.pick(given);
      if (!this.unique) return name;
      if (!this.used.has(name) || attempt > 200) {
        this.used.add(name);
        return name;
      }
    }
  }
}

const VILLAGE_HEADS = [..."大小前后上下东西南北红黑新老王李刘张郭杨韩赵高"];
const VILLAGE_TAILS = [
  "家营",
  "窑",
  "沟",
  "滩",
  "湾",
  "梁",
  "圪旦",
  "堡",
  "庄",
  "店",
  "坝",
  "河",
  "营子",
  "壕",
  "井",
];
const COMMUNITY_NAMES = [
  "新华",
  "南街",
  "北街",
  "西园",
  "东城",
  "盛乐",
  "文化",
  "兴旺",
  "和平",
  "团结",
  "振兴",
  "丰泽",
];

/** Draws unit names unique across the whole dataset. */
export class PlaceBook {
  private readonly used = new Set<string>();
  /** Names without a number taken so far, and the next number to try per stem (national sizes). */
  private plain = { village: 0, community: 0 };
  private readonly next = new Map<string, number>();

  constructor(private readonly rng: Random) {}

  village(): string {
    return this.draw("village", 100, VILLAGE_HEADS.length * VILLAGE_TAILS.length, "村", () => {
      return this.rng.pick(VILLAGE_HEADS) + this.rng.pick(VILLAGE_TAILS);
    });
  }

  community(): string {
    return this.draw("community", 50, COMMUNITY_NAMES.length, "社区", () => this.rng.pick(COMMUNITY_NAMES));
  }

  /**
   * Up to `tries + 1` random stems without a number; once every plain name is
   * taken (or the tries fail), one random stem with the next free number from
   * `tries + 1` on. Linear in the number of names, whatever the size.
   */
  private draw(
    kind: "village" | "community",
    tries: number,
    stems: number,
    tail: string,
    stem: () => string,
  ): string {
    if (this.plain[kind] < stems) {
      for (let n = 0; n <= tries; n++) {
        const name = `${stem()}${tail}`;
        if (!this.used.has(name)) {
          this.used.add(name);
          this.plain[kind]++;
          return name;
        }
      }
    }
    const s = stem();
    for (let n = this.next.get(s) ?? tries + 1; ; n++) {
      const name = `${s}${n}${tail}`;
      if (!this.used.has(name)) {
        this.used.add(name);
        this.next.set(s, n + 1);
        return name;
      }
    }
  }
}
