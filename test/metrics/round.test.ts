import { describe, expect, it } from "vitest";
// @ts-expect-error: a plain JS module of the report site
import { fmt1, fmtDelta } from "../../reports/components/format.js";
import { formatNumber, formatPct, round1 } from "../../src/metrics/round.ts";

const CASES: [number, number][] = [
  [96.25, 96.3],
  [95.625, 95.6],
  [18.45, 18.5],
  [0.05, 0.1],
  [1.45, 1.5],
  [2.675, 2.7],
  [30.2103, 30.2],
  [48.16, 48.2],
  [30.21 - 22.56, 7.7],
  [-2.25, -2.3],
  [-18.45, -18.5],
  [-3.24, -3.2],
  [0, 0],
  [100, 100],
  [99.95, 100],
  [(100 * 158) / 523, 30.2],
  [(100 * 97) / 523, 18.5],
  [(100 * 96) / 523, 18.4],
  // Differences of two figures carry the noise of both: read at 12 significant digits, still ties.
  [50.05 - 50, 0.1],
  [100.35 - 92.7, 7.7],
  [-(100.35 - 92.7), -7.7],
];

describe("round1", () => {
  it.each(CASES)("%s → %s", (x, expected) => {
    expect(round1(x)).toBe(expected);
  });

  it("never returns −0", () => {
    expect(Object.is(round1(-0.04), 0)).toBe(true);
    expect(Object.is(round1(-0), 0)).toBe(true);
    expect(Object.is(round1(-1e-9), 0)).toBe(true);
  });

  it("keeps non-finite values and large values", () => {
    expect(round1(Number.NaN)).toBeNaN();
    expect(round1(Number.POSITIVE_INFINITY)).toBe(Number.POSITIVE_INFINITY);
    expect(round1(1e22)).toBe(1e22);
    expect(round1(123456789.25)).toBe(123456789.3);
  });
});

describe("the pages round as the build's text does (one implementation, @huanjie/round)", () => {
  it.each(CASES)("fmt1(%s) shows %s", (x, expected) => {
    expect(Number(fmt1(x).replaceAll(",", ""))).toBe(expected);
    expect(fmt1(x).replaceAll(",", "")).toBe(expected.toFixed(1));
  });
  it("fmtDelta rounds the same way", () => {
    expect(fmtDelta(100.35 - 92.7)).toBe("比上届提高7.7个百分点");
    expect(fmtDelta(-0.04)).toBe("与上届持平");
  });
});

describe("formatNumber and formatPct", () => {
  it("drops a trailing .0 and keeps one decimal otherwise", () => {
    expect(formatNumber(48)).toBe("48");
    expect(formatNumber(48.04)).toBe("48");
    expect(formatNumber(48.25)).toBe("48.3");
    expect(formatNumber(-3.2)).toBe("-3.2");
    expect(formatPct(96.25)).toBe("96.3%");
    expect(formatPct(100)).toBe("100%");
    expect(formatPct(45)).toBe("45%");
  });
});
