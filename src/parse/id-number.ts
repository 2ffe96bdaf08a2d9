/**
 * Citizen ID numbers (公民身份号码, GB 11643), `shared/spec/exports.md` "ID
 * numbers": validation, birth date and gender, and masking. An ID number must
 * never reach a table, log line or message unmasked: pass every value shown to
 * a person through {@link maskIdNumber} or {@link maskIdsInText}.
 */
import { checkedDate, type PartialDate } from "./date.ts";
import { compactText } from "./fullwidth.ts";

export type IdNumber =
  | {
      valid: true;
      /** The 18-character form (legacy 15-digit numbers upgraded: `19` inserted, check character added). */
      normalized: string;
      birth: PartialDate;
      gender: "F" | "M";
      /** Whether the input was a legacy 15-digit number. */
      legacy: boolean;
    }
  | { valid: false; reason: "length" | "characters" | "checksum" | "date" };

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = "10X98765432";
/** Earliest birth year an 18-character ID may carry. */
const MIN_BIRTH_YEAR = 1800;

/** The check character of the first 17 digits of an 18-character ID (`0`–`9` or `X`). */
export function idCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError("校验位只能由17位数字计算");
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (WEIGHTS[i] ?? 0);
  return CHECK_CHARS[sum % 11] ?? "";
}

/** The text folded to half width, without whitespace, with `x` as `X`. */
function normalizeIdText(text: string): string {
  return compactText(text).toUpperCase();
}

function birthOf(year: number, mmdd: string): PartialDate | null {
  const d = checkedDate(year, Number(mmdd.slice(0, 2)), Number(mmdd.slice(2, 4)));
  return d === "invalid" || year < MIN_BIRTH_YEAR ? null : d;
}

/**
 * The ID number in a text: null when the text is empty or only spaces; else
 * valid with its 18-character form, birth date, gender (sequence digit odd:
 * M, even: F) and whether it was a legacy 15-digit number; else invalid with
 * the first failing rule in this order: "characters" (anything but digits, a
 * final `X`/`x` of an 18-character ID, spaces and full-width forms), "length"
 * (neither 15 nor 18), "checksum" (18 characters only), "date" (a birth date
 * that does not exist, or before 1800). A birth in the future is not checked.
 */
export function parseIdNumber(text: string): IdNumber | null {
  const id = normalizeIdText(text);
  if (id === "") return null;
  if (!/^\d*X?$/.test(id)) return { valid: false, reason: "characters" };
  if (id.length !== 15 && id.length !== 18) return { valid: false, reason: "length" };
  if (id.length === 15 && id.endsWith("X")) return { valid: false, reason: "characters" };
  const legacy = id.length === 15;
  const first17 = legacy ? `${id.slice(0, 6)}19${id.slice(6)}` : id.slice(0, 17);
  if (!legacy && idCheckChar(first17) !== id[17]) return { valid: false, reason: "checksum" };
  const birth = birthOf(Number(first17.slice(6, 10)), first17.slice(10, 14));
  if (birth === null) return { valid: false, reason: "date" };
  const gender = Number(first17[16]) % 2 === 1 ? "M" : "F";
  return { valid: true, normalized: first17 + idCheckChar(first17), birth, gender, legacy };
}

/**
 * Builds a checksum-valid 18-character ID from a 6-digit region code, a birth
 * date that exists (year 1800–9999) and a 3-digit sequence (its last digit
 * odd: male, even: female). Throws a RangeError for anything else.
 */
export function makeIdNumber(
  region: string,
  birth: { year: number; month: number; day: number },
  seq3: string,
): string {
  if (!/^\d{6}$/.test(region)) throw new RangeError("地区码必须是6位数字");
  if (!/^\d{3}$/.test(seq3)) throw new RangeError("顺序码必须是3位数字");
  const date = checkedDate(birth.year, birth.month, birth.day);
  if (date === "invalid" || birth.year < MIN_BIRTH_YEAR) throw new RangeError("出生日期不存在");
  const ymd = `${birth.year}${String(birth.month).padStart(2, "0")}${String(birth.day).padStart(2, "0")}`;
  const first17 = `${region}${ymd}${seq3}`;
  return first17 + idCheckChar(first17);
}

/** Shortest string masked in full, and how much of a longer one stays masked at least. */
const MIN_MASKED = 8;
/** From this length on, the first six characters (a region code) may stay visible. */
const MIN_LENGTH_KEEPING_HEAD = 16;

/**
 * The text with the digits that carry the birth date replaced by `*`, after
 * folding to half width, removing spaces and upper-casing `x`: an 18-character
 * value keeps its first 6 and last 4 characters (`150123********123X`), a
 * 15-character value its first 6 and last 3 (`150123******123`). Any other
 * value keeps at most its last 2 characters (from 10 characters on) and its
 * first 6 (from 16 characters on): a value of up to 9 characters is masked
 * whole, a longer one in at least 8 consecutive characters, so no 8-digit
 * birth date survives whole and at most 6 consecutive characters stay visible.
 */
export function maskIdNumber(text: string): string {
  const id = normalizeIdText(text);
  const n = id.length;
  const [head, tail] =
    n === 18
      ? [6, 4]
      : n === 15
        ? [6, 3]
        : [n >= MIN_LENGTH_KEEPING_HEAD ? 6 : 0, n >= MIN_MASKED + 2 ? 2 : 0];
  return id.slice(0, head) + "*".repeat(n - head - tail) + id.slice(n - tail);
}

/** A run of digits (half or full width), single spaces or hyphens allowed between them, and an optional final X. */
const DIGIT_RUN = /[0-9０-９](?:[ \u3000\-－]?[0-9０-９])*(?:[ \u3000\-－]?[XxＸｘ])?/g;
/** Runs this long or longer are masked whatever their digits. */
const MIN_ID_LIKE = 14;

/** Whether some eight consecutive digits of a digit string form an existing date `yyyymmdd` of 1800–2199. */
function embedsDate(digits: string): boolean {
  for (let i = 0; i + 8 <= digits.length; i++) {
    const year = Number(digits.slice(i, i + 4));
    if (year >= 1800 && year < 2200 && birthOf(year, digits.slice(i + 4, i + 8)) !== null) return true;
  }
  return false;
}

/**
 * The text with every ID-shaped run masked as by {@link maskIdNumber}: a run
 * of digits (half or full width, single spaces or hyphens allowed between
 * them, an optional final `X`) is masked when it has 14 or more characters (15- and
 * 18-character IDs and near-misses) or when it is longer than 8 digits and
 * contains an existing date `yyyymmdd`. Shorter runs and all other text are
 * kept as written. Never throws.
 */
export function maskIdsInText(text: string): string {
  return text.replace(DIGIT_RUN, (run) => {
    const id = normalizeIdText(run).replace(/-/g, "");
    const digits = id.replace("X", "");
    const masked = id.length >= MIN_ID_LIKE || (digits.length > 8 && embedsDate(digits));
    return masked ? maskIdNumber(id) : run;
  });
}
