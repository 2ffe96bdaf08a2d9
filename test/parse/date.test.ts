import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  ageOn,
  checkBirth,
  daysInMonth,
  fromExcelSerial,
  isoDate,
  type PartialDate,
  parseDate,
  partialDateText,
  toExcelSerial,
} from "../../src/parse/date.ts";
import { ExcelDate } from "../../src/read/cell.ts";

const FC = { seed: 42, numRuns: 500 };
const month = (year: number, m: number): PartialDate => ({ year, month: m, day: null });
const day = (year: number, m: number, d: number): PartialDate => ({ year, month: m, day: d });

describe("parseDate", () => {
  it.each([
    ["1972.05", month(1972, 5)],
    ["1972.5", month(1972, 5)],
    ["1972.1", month(1972, 1)],
    ["1972.10", month(1972, 10)],
    ["1972.12", month(1972, 12)],
    ["1972-05", month(1972, 5)],
    ["1972/5", month(1972, 5)],
    ["197205", month(1972, 5)],
    ["1972年5月", month(1972, 5)],
    ["1972年05月", month(1972, 5)],
    ["1972年5", month(1972, 5)],
    ["1972.5月", month(1972, 5)],
    ["1972-05-03", day(1972, 5, 3)],
    ["1972/5/3", day(1972, 5, 3)],
    ["1972.05.03", day(1972, 5, 3)],
    ["1972.05.03.", day(1972, 5, 3)],
    ["19720503", day(1972, 5, 3)],
    ["1972年5月3日", day(1972, 5, 3)],
    ["1972年5月3号", day(1972, 5, 3)],
    ["1972-05-03日", day(1972, 5, 3)],
    ["  1972.05  ", month(1972, 5)],
    ["\u30001972.05\u3000", month(1972, 5)],
    ["１９７２．０５", month(1972, 5)],
    ["１９７２年５月３日", day(1972, 5, 3)],
    ["1972 年 5 月", month(1972, 5)],
    ["1972-05-03 00:00:00", day(1972, 5, 3)],
    ["1972-05-03T00:00", day(1972, 5, 3)],
    ["2000-02-29", day(2000, 2, 29)],
    ["26422", day(1972, 5, 3)],
    ["44197.75", day(2021, 1, 1)],
  ])("reads text %j", (text, expected) => {
    expect(parseDate(text)).toEqual(expected);
  });

  it.each([
    [1972.05, month(1972, 5)],
    [1972.5, month(1972, 5)],
    [1972.1, month(1972, 1)], // documented: a number cannot tell 1972.1 from 1972.10; it reads like text "1972.1"
    [1972.12, month(1972, 12)],
    [197205, month(1972, 5)],
    [19720503, day(1972, 5, 3)],
    [26422, day(1972, 5, 3)],
    [44212, day(2021, 1, 16)],
    [44212.5, day(2021, 1, 16)],
    [1, day(1900, 1, 1)],
    [59, day(1900, 2, 28)],
    [61, day(1900, 3, 1)],
    [80000, day(2119, 1, 11)],
  ])("reads number %j", (n, expected) => {
    expect(parseDate(n)).toEqual(expected);
  });

  it.each([
    [new ExcelDate(26422), day(1972, 5, 3)],
    [new ExcelDate(26422.999), day(1972, 5, 3)],
    [new ExcelDate(1), day(1900, 1, 1)],
    [new ExcelDate(2958465), day(9999, 12, 31)],
  ])("reads an Excel date cell %#", (cell, expected) => {
    expect(parseDate(cell)).toEqual(expected);
  });

  it.each([null, "", "   ", "\u3000", " \t "])("reads %j as empty", (cell) => {
    expect(parseDate(cell)).toBeNull();
  });

  it.each([
    "1972-02-30",
    "1973-02-29",
    "1900-02-29",
    "1972-13",
    "1972.13",
    "1972.0",
    "1972-00-10",
    "1972-04-31",
    "19721301",
    "197200",
    "19720230",
    "1972",
    "2021",
    "1972.123",
    "72.05",
    "12.5",
    "0972-05-03",
    "abc",
    "1972-05-03-04",
    "1972年13月",
    "一九七二年五月",
    "1234567",
    "123456789",
    "0",
    "-5",
  ])("rejects text %j as invalid", (text) => {
    expect(parseDate(text)).toBe("invalid");
  });

  it.each([
    0,
    -1,
    60,
    1972,
    1900,
    2100,
    80001,
    1234567,
    123456789,
    1972.123,
    1972.13,
    72.05,
    999.5,
    Number.NaN,
    Number.POSITIVE_INFINITY,
  ])("rejects number %j as invalid", (n) => {
    expect(parseDate(n)).toBe("invalid");
  });

  it("rejects booleans and impossible Excel date cells", () => {
    expect(parseDate(true)).toBe("invalid");
    expect(parseDate(new ExcelDate(60))).toBe("invalid");
    expect(parseDate(new ExcelDate(0))).toBe("invalid");
    expect(parseDate(new ExcelDate(2958466))).toBe("invalid");
  });

  it("never throws and returns a real date or invalid for any text", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 30 }), (text) => {
        const d = parseDate(text);
        if (d !== null && d !== "invalid") {
          expect(d.month).toBeGreaterThanOrEqual(1);
          expect(d.month).toBeLessThanOrEqual(12);
          if (d.day !== null) expect(d.day).toBeLessThanOrEqual(daysInMonth(d.year, d.month));
        }
      }),
      FC,
    );
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(..."0123456789.-/年月日 １"), maxLength: 14 }),
        (text) => {
          parseDate(text);
        },
      ),
      FC,
    );
    fc.assert(
      fc.property(fc.double(), (n) => {
        parseDate(n);
        parseDate(new ExcelDate(n));
      }),
      FC,
    );
  });

  const fullDate = fc
    .date({ min: new Date(Date.UTC(1900, 2, 1)), max: new Date(Date.UTC(2099, 11, 31)), noInvalidDate: true })
    .map((d) => ({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() }));

  it("round-trips every full date through every written form, Excel cells and serials", () => {
    fc.assert(
      fc.property(fullDate, ({ year, month: m, day: d }) => {
        const mm = String(m).padStart(2, "0");
        const dd = String(d).padStart(2, "0");
        const expected = { year, month: m, day: d };
        const forms = [
          `${year}-${mm}-${dd}`,
          `${year}/${m}/${d}`,
          `${year}.${mm}.${dd}`,
          `${year}.${mm}.${dd}.`,
          `${year}${mm}${dd}`,
          `${year}年${m}月${d}日`,
          `${year}年${mm}月${dd}日`,
          ` ${year}-${mm}-${dd} `,
        ];
        for (const form of forms) expect(parseDate(form)).toEqual(expected);
        expect(parseDate(Number(`${year}${mm}${dd}`))).toEqual(expected);
        const serial = toExcelSerial(expected);
        expect(parseDate(new ExcelDate(serial))).toEqual(expected);
        if (serial <= 80000) expect(parseDate(serial)).toEqual(expected);
        expect(isoDate(expected)).toBe(`${year}-${mm}-${dd}`);
      }),
      FC,
    );
  });

  it("round-trips every month through every written form", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1000, max: 9999 }), fc.integer({ min: 1, max: 12 }), (year, m) => {
        const mm = String(m).padStart(2, "0");
        const expected = { year, month: m, day: null };
        const forms = [
          `${year}.${mm}`,
          `${year}.${m}`,
          `${year}-${mm}`,
          `${year}/${m}`,
          `${year}${mm}`,
          `${year}年${m}月`,
          `${year}年${mm}月`,
        ];
        for (const form of forms) expect(parseDate(form)).toEqual(expected);
        expect(parseDate(Number(`${year}${mm}`))).toEqual(expected);
        if (m !== 10) expect(parseDate(Number(`${year}.${mm}`))).toEqual(expected);
        expect(partialDateText(expected)).toBe(`${year}-${mm}`);
      }),
      FC,
    );
  });
});

describe("fromExcelSerial", () => {
  it("follows the 1900 date system with its fictitious 29 February", () => {
    expect(fromExcelSerial(59)).toEqual(day(1900, 2, 28));
    expect(fromExcelSerial(60)).toBe("invalid");
    expect(fromExcelSerial(61)).toEqual(day(1900, 3, 1));
    expect(fromExcelSerial(25569)).toEqual(day(1970, 1, 1));
    expect(toExcelSerial({ year: 1970, month: 1, day: 1 })).toBe(25569);
  });
});

describe("isoDate and partialDateText", () => {
  it("formats full dates and months", () => {
    expect(isoDate(day(1972, 5, 3))).toBe("1972-05-03");
    expect(isoDate(month(1972, 5))).toBeNull();
    expect(partialDateText(month(1972, 5))).toBe("1972-05");
    expect(partialDateText(day(1972, 5, 3))).toBe("1972-05-03");
  });
});

describe("ageOn", () => {
  it.each([
    [day(1972, 5, 3), "2021-05-02", 48],
    [day(1972, 5, 3), "2021-05-03", 49],
    [day(1972, 5, 3), "2021-05-04", 49],
    [day(1972, 5, 3), "2021-01-16", 48],
    [day(1972, 5, 3), "2021-12-31", 49],
    [day(1986, 1, 16), "2021-01-16", 35],
    [day(1986, 1, 17), "2021-01-16", 34],
    // born 29 February: in a common year the birthday passes on 1 March
    [day(2000, 2, 29), "2021-02-28", 20],
    [day(2000, 2, 29), "2021-03-01", 21],
    [day(2000, 2, 29), "2024-02-29", 24],
    [day(2000, 2, 29), "2024-02-28", 23],
    // month precision: the reference day is ignored
    [month(1972, 5), "2021-05-01", 49],
    [month(1972, 5), "2021-04-30", 48],
    [month(1972, 5), "2021-06-30", 49],
    [month(1972, 1), "2021-01-16", 49],
    [month(1986, 2), "2021-01-16", 34],
  ])("%j on %s is %i", (birth, reference, age) => {
    expect(ageOn(birth, reference)).toBe(age);
  });

  it("throws a RangeError for a malformed reference date", () => {
    expect(() => ageOn(day(1972, 5, 3), "2021-1-16")).toThrow(RangeError);
    expect(() => ageOn(day(1972, 5, 3), "2021-02-30")).toThrow(RangeError);
  });

  it("grows by one exactly on each birthday", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1900, max: 2000 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 28 }),
        fc.integer({ min: 0, max: 100 }),
        (year, m, d, years) => {
          const birth = day(year, m, d);
          const on = isoDate(day(year + years, m, d)) ?? "";
          expect(ageOn(birth, on)).toBe(years);
          expect(ageOn(month(year, m), on)).toBe(years);
        },
      ),
      FC,
    );
  });
});

describe("checkBirth", () => {
  it.each([
    [day(1972, 5, 3), "2021-01-16", "ok"],
    [day(2021, 1, 16), "2021-01-16", "ok"],
    [day(2021, 1, 17), "2021-01-16", "future"],
    [month(2021, 1), "2021-01-16", "ok"],
    [month(2021, 2), "2021-01-16", "future"],
    [day(1921, 1, 16), "2021-01-16", "ok"],
    [day(1921, 1, 15), "2021-01-16", "too_old"],
    [month(1921, 1), "2021-01-16", "ok"],
    [month(1920, 12), "2021-01-16", "too_old"],
    [day(1850, 1, 1), "2021-01-16", "too_old"],
  ] as const)("%j on %s is %s", (birth, reference, expected) => {
    expect(checkBirth(birth, reference)).toBe(expected);
  });
});
