/**
 * Rounding for display, once, at the end: one decimal, half away from zero
 * (metrics.md). The one implementation for the pages (reports/components/format.js)
 * and for the build's text (src/metrics/round.ts), a package of its own that both
 * import by name (`@huanjie/round`): Framework refuses page imports from above its
 * root `reports/` ("non-local import") but bundles packages from node_modules, and
 * src/ must not import reports/ (docs/architecture.md, docs/decisions.md).
 */

/**
 * Round to one decimal, half away from zero, as a person reading the decimal
 * figure expects: 96.25 → 96.3, 95.625 → 95.6, 18.45 → 18.5, −2.25 → −2.3.
 * The value is first read as its 12-significant-digit decimal, so binary
 * noise (18.45 is stored as 18.4499…, 30.21 − 22.56 as 7.6499…, a difference
 * of two shares carries the noise of both) does not decide the tie.
 * Non-finite values are returned as they are; −0 becomes 0.
 * @param {number} x
 * @returns {number}
 */
export function round1(x) {
  if (!Number.isFinite(x)) return x;
  const sign = x < 0 ? -1 : 1;
  const digits = Math.abs(x).toPrecision(12);
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
