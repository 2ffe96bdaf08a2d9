/**
 * Dates of the raw exports (birth, election, appointment): every written form
 * of `shared/spec/exports.md` "Dates", Excel date cells and serial numbers, and
 * the age in full years (周岁) of `metrics.md` "Age".
 *
 * Reading choices where the spec is silent:
 * - The digits after the first separator are the month as written: text
 *   `1972.1` is January and `1972.10` October. A numeric cell cannot tell
 *   `1972.1` from `1972.10`; it reads like the text of its shortest decimal
 *   form, so the number 1972.1 is January (write October as text `1972.10` or
 *   as a date cell).
 * - A bare integer 1900–2100 (number or text) is a year without a month and
 *   is "invalid", not the Excel serial it would also be (a day in 1905).
 * - Other integers 1–80000 are Excel serial numbers (1900 date system, serial
 *   60 being the fictitious 1900-02-29, which is "invalid"). A fractional part
 *   (time of day) is dropped; it is accepted only from serial 10000 (1927) on,
 *   so `72.05` (a two-digit year) is "invalid". Six- and eight-digit integers are `yyyymm` and
 *   `yyyymmdd`, never serials.
 * - Tolerated: surrounding and inner spaces, full-width digits and
 *   separators, `年`/`月`/`日` mixed with `.`/`-`/`/`, a trailing separator,
 *   `日` or `月` (`1972.05.03.`, `1972.5月`), and a trailing time of day
 *   (`1972-05-03 00:00:00`, as CSV exports of Excel date cells have it).
 * - Years outside 1000–9999 are "invalid".
 */
import { type Cell, ExcelDate } from "../read/cell.ts";
import { compactText, halfWidth } from "./fullwidth.ts";

/** A calendar date of month or day precision (`day` null: month precision). */
export interface PartialDate {
  year: number;
  month: number;
  day: number | null;
}

/** Largest integer read as an Excel serial number (80000 is 2119-01-11). */
const MAX_SERIAL_NUMBER = 80000;
/** Smallest serial number read with a time of day (10000 is 1927-05-18); `72.05` is no date. */
const MIN_SERIAL_WITH_TIME = 10000;
/** Integers in this range are a bare year, not a serial number. */
const BARE_YEAR = { min: 1900, max: 2100 } as const;
/** Last serial of Excel's 1900 date system (9999-12-31). */
const MAX_EXCEL_SERIAL = 2958465;
const MS_PER_DAY = 86_400_000;

/** Whether `year` is a leap year of the proleptic Gregorian calendar. */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Days in `month` (1–12) of `year`. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** The date when year, month and (when given) day exist, with a year of four digits; else "invalid". */
export function checkedDate(year: number, month: number, day: number | null): PartialDate | "invalid" {
  if (!Number.isInteger(year) || year < 1000 || year > 9999) return "invalid";
  if (!Number.isInteger(month) || month < 1 || month > 12) return "invalid";
  if (day !== null && (!Number.isInteger(day) || day < 1 || day > daysInMonth(year, month))) return "invalid";
  return { year, month, day };
}

/**
 * The calendar date of an Excel serial number (1900 date system): serial 1 is
 * 1900-01-01, 60 the fictitious 1900-02-29 ("invalid"), serials above 60 count
 * from 1899-12-30. A fractional part (time of day) is dropped; serials below 1
 * or after 9999-12-31 are "invalid".
 */
export function fromExcelSerial(serial: number): PartialDate | "invalid" {
  if (!Number.isFinite(serial)) return "invalid";
  const whole = Math.floor(serial);
  if (whole < 1 || whole > MAX_EXCEL_SERIAL || whole === 60) return "invalid";
  const epoch = whole < 60 ? Date.UTC(1899, 11, 31) : Date.UTC(1899, 11, 30);
  const d = new Date(epoch + whole * MS_PER_DAY);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** The Excel serial number (1900 date system) of a full date from 1900-03-01 on. */
export function toExcelSerial(d: { year: number; month: number; day: number }): number {
  return Math.round((Date.UTC(d.year, d.month - 1, d.day) - Date.UTC(1899, 11, 30)) / MS_PER_DAY);
}

/** A digit-only text or integer: `yyyymm`, `yyyymmdd`, a bare year ("invalid") or a serial number. */
function fromInteger(n: number): PartialDate | "invalid" {
  if (n >= 100000 && n <= 999999) return checkedDate(Math.floor(n / 100), n % 100, null);
  if (n >= 10000000 && n <= 99999999)
    return checkedDate(Math.floor(n / 10000), Math.floor(n / 100) % 100, n % 100);
  if (n >= BARE_YEAR.min && n <= BARE_YEAR.max) return "invalid";
  if (n >= 1 && n <= MAX_SERIAL_NUMBER) return fromExcelSerial(n);
  return "invalid";
}

/**
 * A numeric cell: an integer as {@link fromInteger}; with a fraction, `yyyy.m(m)` (read from its shortest
 * decimal form) when it has four integer digits, else a serial number (from 10000 on) with a time of day.
 */
function fromNumber(n: number): PartialDate | "invalid" {
  if (!Number.isFinite(n)) return "invalid";
  if (Number.isInteger(n)) return fromInteger(n);
  if (n >= 1000 && n < 10000) {
    const parts = /^(\d{4})\.(\d{1,2})$/.exec(String(n));
    return parts ? checkedDate(Number(parts[1]), Number(parts[2]), null) : "invalid";
  }
  if (n >= MIN_SERIAL_WITH_TIME && n < MAX_SERIAL_NUMBER + 1) return fromExcelSerial(n);
  return "invalid";
}

const YEAR_MONTH_DAY = /^(\d{4})[-./](\d{1,2})(?:[-./](\d{1,2}))?$/;
const TIME_OF_DAY = /[\sT]+\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?$/;

/** A written date (see the module comment for the forms). */
function fromText(raw: string): PartialDate | "invalid" {
  const text = compactText(halfWidth(raw).trim().replace(TIME_OF_DAY, ""))
    .replace(/年/g, "-")
    .replace(/月/g, "-")
    .replace(/[日号]$/, "")
    .replace(/[-./]$/, "");
  const parts = YEAR_MONTH_DAY.exec(text);
  if (parts) {
    const day = parts[3] === undefined ? null : Number(parts[3]);
    return checkedDate(Number(parts[1]), Number(parts[2]), day);
  }
  if (/^\d+$/.test(text)) return fromInteger(Number(text));
  if (/^\d+\.\d+$/.test(text)) return fromNumber(Number(text));
  return "invalid";
}

/**
 * The date in a cell: null for an empty cell (or one of only spaces), the
 * date for every accepted form (module comment), "invalid" for anything else,
 * including dates that do not exist (`1972-02-30`, month 13) and booleans.
 * Never throws.
 */
export function parseDate(cell: Cell): PartialDate | "invalid" | null {
  if (cell === null || cell === undefined) return null;
  if (cell instanceof ExcelDate) return fromExcelSerial(cell.serial);
  if (typeof cell === "number") return fromNumber(cell);
  if (typeof cell === "boolean") return "invalid";
  if (compactText(cell) === "") return null;
  return fromText(cell);
}

const pad = (n: number, width: number) => String(n).padStart(width, "0");

/** `YYYY-MM-DD` when the day is known, else null. */
export function isoDate(d: PartialDate): string | null {
  return d.day === null ? null : `${pad(d.year, 4)}-${pad(d.month, 2)}-${pad(d.day, 2)}`;
}

/** `YYYY-MM` for month precision, `YYYY-MM-DD` for a full date. */
export function partialDateText(d: PartialDate): string {
  return isoDate(d) ?? `${pad(d.year, 4)}-${pad(d.month, 2)}`;
}

/** A reference date `YYYY-MM-DD` as a full date; throws a RangeError for any other text or a date that does not exist. */
export function parseIsoDate(text: string): { year: number; month: number; day: number } {
  const parts = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const d = parts ? checkedDate(Number(parts[1]), Number(parts[2]), Number(parts[3])) : "invalid";
  if (d === "invalid" || d.day === null) throw new RangeError(`参考日期必须是存在的日期 YYYY-MM-DD: ${text}`);
  return { year: d.year, month: d.month, day: d.day };
}

/**
 * Age in full years (周岁) on `reference` (`YYYY-MM-DD`, else RangeError), per
 * metrics.md: with a full birth date, the birthdays passed on or before the
 * reference date; with month precision, the years between minus one if the
 * reference month is before the birth month (the reference day is ignored).
 * Someone born on 29 February has the birthday of a common year on 1 March
 * (on 28 February they are still a year younger). A birth after the reference
 * date gives a negative number or 0; use {@link checkBirth} first.
 */
export function ageOn(birth: PartialDate, reference: string): number {
  const ref = parseIsoDate(reference);
  const years = ref.year - birth.year;
  if (birth.day === null) return ref.month < birth.month ? years - 1 : years;
  const before = ref.month < birth.month || (ref.month === birth.month && ref.day < birth.day);
  return before ? years - 1 : years;
}

/** Compare (year, month, day) tuples; a null day compares as equal to any day. */
function compare(a: PartialDate, b: { year: number; month: number; day: number }): number {
  if (a.year !== b.year) return a.year - b.year;
  if (a.month !== b.month) return a.month - b.month;
  return a.day === null ? 0 : a.day - b.day;
}

/**
 * Whether a birth date is plausible on `reference` (`YYYY-MM-DD`, else
 * RangeError): "future" when after the reference date, "too_old" when more
 * than 100 years before it (exactly 100 years is "ok"), else "ok". A birth of
 * month precision is compared by month only (the reference month is "ok").
 */
export function checkBirth(birth: PartialDate, reference: string): "ok" | "future" | "too_old" {
  const ref = parseIsoDate(reference);
  if (compare(birth, ref) > 0) return "future";
  if (compare(birth, { ...ref, year: ref.year - 100 }) < 0) return "too_old";
  return "ok";
}
