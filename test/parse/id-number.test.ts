import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  idCheckChar,
  makeIdNumber,
  maskIdNumber,
  maskIdsInText,
  parseIdNumber,
} from "../../src/parse/id-number.ts";

const FC = { seed: 42, numRuns: 500 };
/** The example of GB 11643: 11010519491231002X. */
const STANDARD = "11010519491231002X";
const MALE = makeIdNumber("150123", { year: 1972, month: 5, day: 3 }, "123");

describe("parseIdNumber", () => {
  it("reads the standard's example", () => {
    expect(parseIdNumber(STANDARD)).toEqual({
      valid: true,
      normalized: STANDARD,
      birth: { year: 1949, month: 12, day: 31 },
      gender: "F",
      legacy: false,
    });
  });

  it.each([
    ["lowercase x", "11010519491231002x"],
    ["full-width digits", "１１０１０５１９４９１２３１００２Ｘ"],
    ["spaces", " 110105 19491231 002X "],
    ["ideographic spaces", "\u3000110105\u300019491231002X"],
  ])("tolerates %s", (_, text) => {
    expect(parseIdNumber(text)).toMatchObject({ valid: true, normalized: STANDARD });
  });

  it("reads the gender from the sequence digit", () => {
    expect(parseIdNumber(MALE)).toMatchObject({
      valid: true,
      gender: "M",
      birth: { year: 1972, month: 5, day: 3 },
    });
    const female = makeIdNumber("150123", { year: 1972, month: 5, day: 3 }, "124");
    expect(parseIdNumber(female)).toMatchObject({ valid: true, gender: "F" });
  });

  it("reads a legacy 15-digit number and upgrades it to 18 characters", () => {
    const legacy = "150123720503123";
    expect(parseIdNumber(legacy)).toEqual({
      valid: true,
      normalized: MALE,
      birth: { year: 1972, month: 5, day: 3 },
      gender: "M",
      legacy: true,
    });
    expect(parseIdNumber("150123720503124")).toMatchObject({ valid: true, gender: "F", legacy: true });
  });

  it.each([
    ["wrong check character", `${MALE.slice(0, 17)}${MALE[17] === "0" ? "1" : "0"}`, "checksum"],
    ["one digit changed", `${MALE.slice(0, 3)}${MALE[3] === "9" ? "8" : "9"}${MALE.slice(4)}`, "checksum"],
    ["17 characters", MALE.slice(0, 17), "length"],
    ["19 characters", `${MALE}1`, "length"],
    ["16 characters", "1501231972050312", "length"],
    ["14 digits", "15012372050312", "length"],
    ["a letter inside", "15012319720503A23X", "characters"],
    ["X not last", "1501231972050312X3", "characters"],
    ["X on a 15-digit number", "15012372050312X", "characters"],
    ["punctuation", "150123-19720503-123X", "characters"],
    [
      "30 February",
      makeIdNumber("150123", { year: 1972, month: 2, day: 28 }, "123").replace("0228", "0230"),
      "checksum",
    ],
    ["legacy 30 February", "150123720230123", "date"],
    ["legacy month 13", "150123721301123", "date"],
  ] as const)("rejects %s", (_, text, reason) => {
    expect(parseIdNumber(text)).toEqual({ valid: false, reason });
  });

  it("rejects an impossible date whose check character is right", () => {
    const first17 = "15012319720230123";
    expect(parseIdNumber(first17 + idCheckChar(first17))).toEqual({ valid: false, reason: "date" });
    const month0 = "15012319720003123";
    expect(parseIdNumber(month0 + idCheckChar(month0))).toEqual({ valid: false, reason: "date" });
  });

  it.each(["", "   ", "\u3000"])("reads %j as empty", (text) => {
    expect(parseIdNumber(text)).toBeNull();
  });

  it("never throws on any text", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 25 }), (text) => {
        parseIdNumber(text);
      }),
      FC,
    );
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(..."0123456789Xx "), minLength: 14, maxLength: 19 }),
        (text) => {
          const id = parseIdNumber(text);
          if (id?.valid) expect(id.normalized).toMatch(/^\d{17}[\dX]$/);
        },
      ),
      FC,
    );
  });
});

const birthArb = fc
  .date({ min: new Date(Date.UTC(1800, 0, 1)), max: new Date(Date.UTC(2099, 11, 31)), noInvalidDate: true })
  .map((d) => ({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() }));
const digits = (n: number) =>
  fc.string({ unit: fc.constantFrom(..."0123456789"), minLength: n, maxLength: n });

describe("makeIdNumber", () => {
  it("builds the standard's example", () => {
    expect(makeIdNumber("110105", { year: 1949, month: 12, day: 31 }, "002")).toBe(STANDARD);
  });

  it("always builds a valid ID with the same birth and gender", () => {
    fc.assert(
      fc.property(digits(6), birthArb, digits(3), (region, birth, seq) => {
        const id = makeIdNumber(region, birth, seq);
        const parsed = parseIdNumber(id);
        expect(parsed).toEqual({
          valid: true,
          normalized: id,
          birth,
          gender: Number(seq[2]) % 2 === 1 ? "M" : "F",
          legacy: false,
        });
        expect(parseIdNumber(id.toLowerCase())).toEqual(parsed);
      }),
      FC,
    );
  });

  it("throws a RangeError for bad parts", () => {
    expect(() => makeIdNumber("15012", { year: 1972, month: 5, day: 3 }, "123")).toThrow(RangeError);
    expect(() => makeIdNumber("150123", { year: 1972, month: 5, day: 3 }, "12")).toThrow(RangeError);
    expect(() => makeIdNumber("150123", { year: 1972, month: 2, day: 30 }, "123")).toThrow(RangeError);
  });
});

describe("maskIdNumber", () => {
  it.each([
    ["150123197205031234", "150123********1234"],
    [STANDARD, "110105********002X"],
    ["11010519491231002x", "110105********002X"],
    ["150123720503123", "150123******123"],
    [" 150123 19720503 123X ", "150123********123X"],
    ["1501231972050312", "150123********12"],
    ["15012319720503123", "150123*********23"],
    ["1501231972050312345", "150123***********45"],
    ["12345678901234", "************34"],
    ["1234567890", "********90"],
    ["123456789", "*********"],
    ["12345", "*****"],
    ["", ""],
  ])("%j → %j", (text, expected) => {
    expect(maskIdNumber(text)).toBe(expected);
  });

  it("never leaves the 8 birth digits of a generated ID, whatever is added or removed", () => {
    fc.assert(
      fc.property(
        digits(6),
        birthArb,
        digits(3),
        fc.integer({ min: -4, max: 3 }),
        (region, birth, seq, change) => {
          const id = makeIdNumber(region, birth, seq);
          const text = change >= 0 ? id + "1".repeat(change) : id.slice(0, change);
          const ymd = id.slice(6, 14);
          expect(maskIdNumber(text)).not.toContain(ymd);
          expect(maskIdNumber(text)).toHaveLength(text.length);
        },
      ),
      FC,
    );
  });
});

describe("maskIdsInText", () => {
  it.each([
    [`身份证号${STANDARD}无效`, "身份证号110105********002X无效"],
    [`两个号码 150123197205031234 和 150123720503123。`, "两个号码 150123********1234 和 150123******123。"],
    ["全角１５０１２３１９７２０５０３１２３４", "全角150123********1234"],
    ["带空格 150123 19720503 1234 结束", "带空格 150123********1234 结束"],
    ["嵌入 9919720503 的日期", "嵌入 ********03 的日期"],
    ["连字符 150123-19720503-1234", "连字符 150123********1234"],
    ["日期 2021-01-16 与 1972-05", "日期 2021-01-16 与 1972-05"],
    ["得票 1234 张,选民 56789 人", "得票 1234 张,选民 56789 人"],
    ["电话 13812345678", "电话 13812345678"],
    ["日期 19720503", "日期 19720503"],
    ["", ""],
  ])("%j → %j", (text, expected) => {
    expect(maskIdsInText(text)).toBe(expected);
  });

  it("never leaves the birth digits of an ID inside any text", () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 10 }),
        digits(6),
        birthArb,
        digits(3),
        fc.boolean(),
        fc.string({ maxLength: 10 }),
        (before, region, birth, seq, lower, after) => {
          const id = makeIdNumber(region, birth, seq);
          const text = `${before}${lower ? id.toLowerCase() : id}${after}`;
          expect(maskIdsInText(text)).not.toContain(id.slice(6, 14));
        },
      ),
      FC,
    );
  });

  it("never throws on any text", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 60 }), (text) => {
        maskIdsInText(text);
      }),
      FC,
    );
  });
});
