/**
 * Small cell normalisers for the value columns of `shared/spec/exports.md`
 * (units, roster, votes, candidates). Each takes a {@link Cell} and returns
 * the normalised value, null for an empty cell (or one of only spaces), or
 * "invalid"; none throws. Text is compared after folding full-width forms to
 * half width and removing spaces, Latin letters case-insensitively.
 */
import { type Cell, cellText, ExcelDate } from "../read/cell.ts";
import type { UnitType } from "../warehouse/tables.ts";
import { compactText } from "./fullwidth.ts";
import { classifyOffice, splitOffices } from "./position.ts";

/** The cell as compact text (no spaces, half width, lower-case Latin letters); "" for empty. */
function key(cell: Cell): string {
  return compactText(cellText(cell)).toLowerCase();
}

/** Look up the compact text of a cell in a table of accepted texts. */
function lookup<T>(cell: Cell, table: Readonly<Record<string, T>>): T | null | "invalid" {
  const k = key(cell);
  if (k === "") return null;
  return Object.hasOwn(table, k) ? (table[k] as T) : "invalid";
}

const GENDERS: Record<string, "F" | "M"> = {
  男: "M",
  男性: "M",
  m: "M",
  male: "M",
  女: "F",
  女性: "F",
  f: "F",
  female: "F",
};

/** 男, 男性, M, male → "M"; 女, 女性, F, female → "F". */
export function parseGender(cell: Cell): "F" | "M" | null | "invalid" {
  return lookup(cell, GENDERS);
}

const PARTY_MEMBER = /^(中共|中国共产党)?(预备)?党员$/;
const NON_MEMBERS = new Set([
  "群众",
  "共青团员",
  "团员",
  "中共团员",
  "无党派",
  "无党派人士",
  "无党派民主人士",
  "民主党派",
]);
/** The eight democratic parties, by full and short name: their members are not party members. */
const DEMOCRATIC_PARTIES = [
  "民主党派",
  "国民党革命委员会",
  "民革",
  "民主同盟",
  "民盟",
  "民主建国会",
  "民建",
  "民主促进会",
  "民进",
  "农工民主党",
  "农工党",
  "致公党",
  "九三学社",
  "台湾民主自治同盟",
  "台盟",
];

/**
 * Membership of the Communist Party (政治面貌): 中共党员, 中共预备党员, 党员,
 * 预备党员 (also 中国共产党党员) → true; 群众, 共青团员, 团员, 无党派(人士) and
 * members of a democratic party by name (民革, 民盟, 九三学社社员, 民进会员 …,
 * even when written with 党员) → false.
 */
export function parseParty(cell: Cell): boolean | null | "invalid" {
  const k = key(cell);
  if (k === "") return null;
  if (DEMOCRATIC_PARTIES.some((name) => k.includes(name))) return false;
  if (PARTY_MEMBER.test(k)) return true;
  return NON_MEMBERS.has(k) ? false : "invalid";
}

/** The 56 recognised ethnic groups, without 族. */
const ETHNIC_GROUPS = (
  "汉 蒙古 回 藏 维吾尔 苗 彝 壮 布依 朝鲜 满 侗 瑶 白 土家 哈尼 哈萨克 傣 黎 傈僳 佤 畲 高山 拉祜 水 东乡 纳西 景颇 " +
  "柯尔克孜 土 达斡尔 仫佬 羌 布朗 撒拉 毛南 仡佬 锡伯 阿昌 普米 塔吉克 怒 乌孜别克 俄罗斯 鄂温克 德昂 保安 裕固 京 " +
  "塔塔尔 独龙 鄂伦春 赫哲 门巴 珞巴 基诺"
).split(" ");
/** Common one-character short forms of longer names. */
const ETHNIC_SHORT: Record<string, string> = { 蒙: "蒙古族", 维: "维吾尔族" };

/**
 * The ethnic group (民族): a recognised name without 族 gains it (`汉` →
 * `汉族`, `蒙古` → `蒙古族`, `回` → `回族`; also `蒙` → `蒙古族`, `维` →
 * `维吾尔族`); any other text with a Chinese character is kept as written
 * (spaces removed); text without one is "invalid".
 */
export function parseEthnicity(cell: Cell): string | null | "invalid" {
  const k = key(cell);
  if (k === "") return null;
  if (ETHNIC_GROUPS.includes(k)) return `${k}族`;
  if (Object.hasOwn(ETHNIC_SHORT, k)) return ETHNIC_SHORT[k] ?? k;
  return /\p{Script=Han}/u.test(k) ? k : "invalid";
}

const YES_NO: Record<string, boolean> = {
  是: true,
  y: true,
  yes: true,
  "1": true,
  true: true,
  否: false,
  n: false,
  no: false,
  "0": false,
  false: false,
};

/** 是, Y, yes, 1, true (and a TRUE boolean cell) → true; 否, N, no, 0, false → false. */
export function parseYesNo(cell: Cell): boolean | null | "invalid" {
  if (typeof cell === "boolean") return cell;
  return lookup(cell, YES_NO);
}

const UNIT_TYPES: Record<string, UnitType> = {
  村: "village",
  行政村: "village",
  嘎查: "village",
  嘎查村: "village",
  村委会: "village",
  village: "village",
  社区: "community",
  居委会: "community",
  居民委员会: "community",
  community: "community",
};

/** 村, 行政村 (also 嘎查, 村委会) → "village"; 社区, 居委会 (also 居民委员会) → "community". */
export function parseUnitType(cell: Cell): UnitType | null | "invalid" {
  return lookup(cell, UNIT_TYPES);
}

/** Units a count may be followed by (`320人`, `156票`). */
const COUNT_UNIT = /[人票名张份户个]$/;

/**
 * An integer count: a number cell holding an integer, or a text of digits
 * (full-width allowed) with optional thousands separators (`1,234`), an
 * optional `.0` and an optional unit (人, 票, 名, 张 …). Values below
 * `min` or above `max` (when given), fractions, negative texts below `min`,
 * unsafe integers, booleans and date cells are "invalid".
 */
export function parseInteger(
  cell: Cell,
  options: { min?: number; max?: number } = {},
): number | null | "invalid" {
  let n: number;
  if (typeof cell === "number") n = cell;
  else if (typeof cell === "boolean" || cell instanceof ExcelDate) return "invalid";
  else {
    const k = key(cell).replace(COUNT_UNIT, "");
    if (k === "") return null;
    const parts = /^(-?)(\d{1,3}(?:,\d{3})+|\d+)(?:\.0+)?$/.exec(k);
    if (!parts) return "invalid";
    n = Number(`${parts[1]}${(parts[2] ?? "").replace(/,/g, "")}`);
  }
  if (!Number.isSafeInteger(n)) return "invalid";
  if (options.min !== undefined && n < options.min) return "invalid";
  if (options.max !== undefined && n > options.max) return "invalid";
  return n === 0 ? 0 : n;
}

const CHINESE_NUMERALS: Record<string, number> = {
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
  十: 10,
};
const ROUND_WORDS: Record<string, number> = { 正式选举: 1, 另行选举: 2 };

/**
 * The election round: an integer ≥ 1, 正式选举 → 1, 另行选举 → 2, or
 * 第N轮/第N次 with N in digits or 一 … 十 (`第一轮`, `第1轮`, also bare `一`).
 */
export function parseRound(cell: Cell): number | null | "invalid" {
  if (typeof cell !== "string") return parseInteger(cell, { min: 1 });
  const k = key(cell);
  if (k === "") return null;
  if (Object.hasOwn(ROUND_WORDS, k)) return ROUND_WORDS[k] ?? "invalid";
  const n = /^第?(\d+|[一二两三四五六七八九十])(?:轮|次)?(?:选举|投票)?$/.exec(k)?.[1];
  if (n === undefined) return "invalid";
  return parseInteger(CHINESE_NUMERALS[n] ?? n, { min: 1 });
}

const ELECTED: Record<string, boolean> = { ...YES_NO, 当选: true, 未当选: false, 落选: false };

/** 是, 当选, Y, 1 (and a TRUE boolean cell) → true; 否, 未当选, 落选, N, 0 → false. */
export function parseElected(cell: Cell): boolean | null | "invalid" {
  if (typeof cell === "boolean") return cell;
  return lookup(cell, ELECTED);
}

export type VettingStatus = "passed" | "disqualified" | "withdrawn";

/** Tried in order: the negative words contain the positive ones (未通过 ⊃ 通过, 不合格 ⊃ 合格). */
const VETTING_RULES: readonly { status: VettingStatus; words: readonly string[] }[] = [
  { status: "disqualified", words: ["取消", "不合格", "未通过", "不通过", "没通过"] },
  { status: "withdrawn", words: ["退出", "放弃"] },
  { status: "passed", words: ["通过", "合格"] },
];

/**
 * The vetting result (资格审查结果), by the first rule whose words the text
 * contains: 取消, 不合格, 未通过 → "disqualified"; 退出, 放弃 → "withdrawn";
 * 通过, 合格 → "passed" (so 审查通过, 自愿退出, 取消资格 are read too).
 */
export function parseVettingStatus(cell: Cell): VettingStatus | null | "invalid" {
  const k = key(cell);
  if (k === "") return null;
  return VETTING_RULES.find((rule) => rule.words.some((w) => k.includes(w)))?.status ?? "invalid";
}

export type OfficeText = "委员" | "书记" | "副书记" | "主任" | "副主任";

const OFFICE_TEXT = {
  secretary: "书记",
  deputy_secretary: "副书记",
  chair: "主任",
  vice_chair: "副主任",
  member: "委员",
} as const satisfies Record<string, OfficeText>;

/**
 * The office an election fills (votes): 委员, 书记, 副书记, 主任 or 副主任,
 * prefixes tolerated (村委会主任 → 主任, 党支部委员 → 委员); an empty cell is
 * 委员 (never null). A first secretary, several offices, or anything else is
 * "invalid".
 */
export function parseOffice(cell: Cell): OfficeText | "invalid" {
  const text = cellText(cell);
  if (compactText(text) === "") return "委员";
  if (typeof cell !== "string" || splitOffices(text).length !== 1) return "invalid";
  const reading = classifyOffice(text);
  if (reading.kind === "member_alone") return "委员";
  return reading.kind === "office" ? OFFICE_TEXT[reading.office.position] : "invalid";
}
