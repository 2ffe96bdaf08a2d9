/**
 * Rounding for display: tables store unrounded doubles; text and pages round
 * once, at the end, to one decimal, half away from zero (metrics.md). The
 * rounding itself is the package @huanjie/round (packages/round), which the
 * pages import too, so the summary text and the pages never differ in a tenth.
 */
import { round1 } from "@huanjie/round";

export { round1 };

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
