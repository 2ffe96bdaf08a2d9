/**
 * Townships and units of a generated dataset: the county preset (9 townships,
 * 150 villages, 10 communities) or a synthetic size. Unit codes are 12-digit
 * 区划代码 under the county's region code; a few units have none.
 */
import type { Unit } from "./model.ts";
import { PlaceBook } from "./names.ts";
import type { Random } from "./random.ts";

export interface TownshipPlan {
  readonly name: string;
  readonly villages: number;
  readonly communities: number;
}

/** 和林格尔县: 4 乡, 4 镇, 1 经济开发区; 150 行政村 and 10 社区. */
export const COUNTY_TOWNSHIPS: readonly TownshipPlan[] = [
  { name: "城关镇", villages: 15, communities: 5 },
  { name: "盛乐镇", villages: 20, communities: 3 },
  { name: "新店子镇", villages: 22, communities: 0 },
  { name: "巧什营镇", villages: 18, communities: 0 },
  { name: "舍必崖乡", villages: 20, communities: 0 },
  { name: "大红城乡", villages: 17, communities: 0 },
  { name: "黑老夭乡", villages: 19, communities: 0 },
  { name: "羊群沟乡", villages: 14, communities: 0 },
  { name: "盛乐经济开发区", villages: 5, communities: 2 },
];

const TOWNSHIP_STEMS = [..."东西南北前后新红黑白青大小上下长永安富丰"];
const TOWNSHIP_TAILS = ["乡", "镇", "苏木"];

/** `townships` synthetic townships of `unitsPerTownship` units each, one in fifteen a community. */
export function syntheticTownships(rng: Random, townships: number, unitsPerTownship: number): TownshipPlan[] {
  const used = new Set<string>();
  const out: TownshipPlan[] = [];
  for (let i = 0; out.length < townships; i++) {
    const stem = rng.pick(TOWNSHIP_STEMS) + rng.pick(TOWNSHIP_STEMS);
    const name = `${stem}${i >= 400 ? i : ""}${rng.pick(TOWNSHIP_TAILS)}`;
    if (used.has(name)) continue;
    used.add(name);
    const communities = Math.floor(unitsPerTownship / 15);
    out.push({ name, villages: unitsPerTownship - communities, communities });
  }
  return out;
}

/**
 * The units, township by township, villages first. Unit codes are
 * the county code (default `150123`) + township (3 digits) + unit (3 digits, communities from 001,
 * villages from 200); `withoutCode` units (drawn at random) have none.
 */
export function makeUnits(
  rng: Random,
  townships: readonly TownshipPlan[],
  options: { withoutCode: number; keyUnits: number; countyCode?: number },
): Unit[] {
  const countyCode = options.countyCode ?? 150123;
  const places = new PlaceBook(rng);
  const drafts: { township: string; name: string; type: Unit["type"]; code: string }[] = [];
  townships.forEach((t, ti) => {
    // 900 townships per county code (150123, then 150124, … for national sizes): codes stay 12 digits.
    const prefix = `${countyCode + Math.floor(ti / 900)}${100 + (ti % 900)}`;
    for (let v = 0; v < t.villages; v++) {
      drafts.push({ township: t.name, name: places.village(), type: "village", code: `${prefix}${200 + v}` });
    }
    for (let c = 0; c < t.communities; c++) {
      const code = `${prefix}${String(1 + c).padStart(3, "0")}`;
      drafts.push({ township: t.name, name: places.community(), type: "community", code });
    }
  });
  const noCode = new Set(rng.sample(drafts, Math.min(options.withoutCode, drafts.length)));
  const villages = drafts.filter((d) => d.type === "village");
  const key = new Set(rng.sample(villages, Math.min(options.keyUnits, villages.length)));
  return drafts.map((d) => {
    const code = noCode.has(d) ? null : d.code;
    return { ...d, code, id: code ?? `${d.township}/${d.name}`, keyUnit: key.has(d) };
  });
}
