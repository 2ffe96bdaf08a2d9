import { round1 } from "@huanjie/round";
import { formatLocale } from "d3-format";

/** zh-CN number formatting; rounding once, at the end, half away from zero (metrics.md). */
const locale = formatLocale({ decimal: ".", thousands: ",", grouping: [3], currency: ["¥", ""], minus: "-" });
const integer = locale.format(",d");
const oneDecimal = locale.format(",.1f");

const missing = (x) => x == null || Number.isNaN(x);

/**
 * Round for display, half away from zero: to one decimal (`round1`, the one implementation of
 * metrics.md's rounding) or, with `digits` 0, to a whole number.
 */
export function roundHalfAway(x, digits = 1) {
  if (digits === 1) return round1(x);
  const r = Math.sign(x) * Math.round(Math.abs(x));
  return r === 0 ? 0 : r;
}

export const fmtInt = (x) => (missing(x) ? "—" : integer(Math.round(x)));
export const fmt1 = (x) => (missing(x) ? "—" : oneDecimal(round1(x)));
export const fmtPct = (x) => (missing(x) ? "—" : `${fmt1(x)}%`);
/** A change in percentage points, years or persons, with its sign word: 提高/降低 (or 增加/减少). Persons are whole. */
export function fmtDelta(x, unit = "个百分点", [up, down] = ["提高", "降低"]) {
  if (missing(x)) return "—";
  const persons = unit === "人" || unit === "名";
  const r = persons ? Math.round(x) : round1(x);
  if (r === 0) return "与上届持平";
  return `比上届${r > 0 ? up : down}${persons ? integer(Math.abs(r)) : oneDecimal(Math.abs(r))}${unit}`;
}

/** Axis ticks: whole numbers without decimals, others with one. */
export const fmtTick = (x) => (Number.isInteger(x) ? integer(x) : oneDecimal(x));

/** `2021-01-16` → `2021年1月16日` */
export function fmtDate(iso) {
  if (!iso) return "—";
  const [y, m, d] = String(iso).split("-").map(Number);
  return d ? `${y}年${m}月${d}日` : `${y}年${m}月`;
}

/** A change with its sign, one decimal (or whole, `digits` 0) as the page rounds: +2.5, -3.2, 0.0. */
export function fmtSigned(x, digits = 1) {
  if (missing(x)) return "—";
  const r = roundHalfAway(x, digits);
  const text = digits ? oneDecimal(Math.abs(r)) : integer(Math.abs(r));
  return `${r > 0 ? "+" : r < 0 ? "-" : ""}${text}`;
}
