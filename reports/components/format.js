import { formatLocale } from "d3-format";

/** zh-CN number formatting; rounding once, at the end, half away from zero (metrics.md). */
const locale = formatLocale({ decimal: ".", thousands: ",", grouping: [3], currency: ["¥", ""], minus: "-" });
const integer = locale.format(",d");
const oneDecimal = locale.format(",.1f");

/** Round to `digits` decimals, half away from zero (96.25 → 96.3). */
export function roundHalfAway(x, digits = 1) {
  const k = 10 ** digits;
  const y = Math.abs(x) * k;
  // Scale through a decimal string so 96.25 (stored as 96.2499999…) still rounds up.
  const r = Math.round(Number(y.toPrecision(12)));
  return (Math.sign(x) * r) / k;
}

const missing = (x) => x == null || Number.isNaN(x);

export const fmtInt = (x) => (missing(x) ? "—" : integer(Math.round(x)));
export const fmt1 = (x) => (missing(x) ? "—" : oneDecimal(roundHalfAway(x, 1)));
export const fmtPct = (x) => (missing(x) ? "—" : `${fmt1(x)}%`);
/** A change in percentage points, years or persons, with its sign word: 提高/降低 (or 增加/减少). Persons are whole. */
export function fmtDelta(x, unit = "个百分点", [up, down] = ["提高", "降低"]) {
  if (missing(x)) return "—";
  const persons = unit === "人" || unit === "名";
  const r = persons ? Math.round(x) : roundHalfAway(x, 1);
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
