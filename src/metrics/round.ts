/**
 * Rounding for display: tables store unrounded doubles; text and pages round
 * once, at the end, to one decimal, half away from zero (metrics.md).
 */

/**
 * Round to one decimal, half away from zero, as a person reading the decimal
 * figure expects: 96.25 → 96.3, 95.625 → 95.6, 18.45 → 18.5, −2.25 → −2.3.
 * The value is first read as its 15-significant-digit decimal, so binary
 * noise (18.45 is stored as 18.4499…, 30.21 − 22.56 as 7.6499…) does not
 * decide the tie. Non-finite values are returned as they are; −0 becomes 0.
 */
export function round1(x: number): number {
  if (!Number.isFinite(x)) return x;
  const sign = x < 0 ? -1 : 1;
  const digits = Math.abs(x).toPrecision(15);
  if (digits.includes("e")) {
    // ≥ 1e21 has no decimals left to round; below 1e-6 rounds to zero.
    return Math.abs(x) >= 1 ? x : 0;
  }
  const [whole = "0", frac = ""] = digits.split(".");
  if (frac.length <= 1) return sign * Number(digits) || 0;
  let tenths = BigInt(whole + frac.charAt(0));
  if (frac.charAt(1) >= "5") tenths += 1n;
  const result = sign * (Number(tenths) / 10);
  return result === 0 ? 0 : result;
}

/**
 * A figure for Chinese text: rounded with {@link round1}, without a trailing
 * `.0` (48 → "48", 48.04 → "48", 48.25 → "48.3"), no thousands separator.
 */
export function formatNumber(x: number): string {
  const r = round1(x);
  return Number.isInteger(r) ? String(r) : r.toFixed(1);
}

/** A percentage for Chinese text: {@link formatNumber} followed by `%` (30.21 → "30.2%"). */
export function formatPct(x: number): string {
  return `${formatNumber(x)}%`;
}
