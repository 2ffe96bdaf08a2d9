import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { educationRank, higherEducation, isCollegePlus, parseEducation } from "../../src/parse/education.ts";
import { EDUCATION_LEVELS, type EducationLevel } from "../../src/warehouse/tables.ts";

const FC = { seed: 42, numRuns: 500 };

describe("parseEducation", () => {
  it.each([
    ["研究生", "postgraduate"],
    ["硕士研究生", "postgraduate"],
    ["硕士", "postgraduate"],
    ["博士", "postgraduate"],
    ["在职研究生", "postgraduate"],
    ["大学本科（硕士）", "postgraduate"],
    ["大专", "college"],
    ["大学专科", "college"],
    ["专科", "college"],
    ["高职", "college"],
    ["高专", "college"],
    ["电大", "college"],
    ["电大专科", "college"],
    ["开放大学专科", "college"],
    ["省委党校大专", "college"],
    ["本科", "bachelor"],
    ["大学本科", "bachelor"],
    ["大学", "bachelor"],
    ["大学肄业", "bachelor"],
    ["中央党校本科", "bachelor"],
    ["中央党校大学", "bachelor"],
    ["本科无学位", "bachelor"],
    ["中专", "vocational"],
    ["中技", "vocational"],
    ["技校", "vocational"],
    ["职高", "vocational"],
    ["中职", "vocational"],
    ["高中", "senior"],
    ["普通高中", "senior"],
    ["初中", "junior"],
    ["初中毕业", "junior"],
    ["小学", "primary"],
    ["文盲", "none"],
    ["半文盲", "none"],
    ["未上学", "none"],
    ["无", "none"],
    [" 无 ", "none"],
    ["无学历", "none"],
    ["无文化", "none"],
    ["  大 专 ", "college"],
    ["（大专）", "college"],
  ] as const)("%j → %s", (text, level) => {
    expect(parseEducation(text)).toBe(level);
  });

  it("tries the rules top to bottom", () => {
    // 大学专科 contains 大学: college before bachelor
    expect(parseEducation("大学专科")).toBe("college");
    // 高职 before 高中 and 职高; 中专 is not 专科
    expect(parseEducation("高职")).toBe("college");
    expect(parseEducation("中专")).toBe("vocational");
    // 研究生 before everything else
    expect(parseEducation("大专、研究生")).toBe("postgraduate");
  });

  it.each(["无锡", "无业", "学前班", "扫盲班", "其他", "高小", "xyz"])(
    "%j is unknown (无 only as the whole text)",
    (text) => {
      expect(parseEducation(text)).toBe("unknown");
    },
  );

  it.each(["", "  ", "\u3000"])("%j is empty", (text) => {
    expect(parseEducation(text)).toBeNull();
  });

  it("is total on any text", () => {
    const words = ["大学", "专科", "本科", "高中", "初中", "无", "党校", "研究生", "中专", " ", "x"];
    for (const text of [
      fc.string({ unit: "grapheme", maxLength: 20 }),
      fc.string({ unit: fc.constantFrom(...words), maxLength: 5 }),
    ]) {
      fc.assert(
        fc.property(text, (t) => {
          expect([null, "unknown", ...EDUCATION_LEVELS]).toContain(parseEducation(t));
        }),
        FC,
      );
    }
  });
});

describe("educationRank and isCollegePlus", () => {
  it("orders none < primary < junior < senior = vocational < college < bachelor < postgraduate", () => {
    const ranks = EDUCATION_LEVELS.map(educationRank);
    expect(ranks).toEqual([0, 1, 2, 3, 3, 4, 5, 6]);
  });

  it("counts college, bachelor and postgraduate as college or above", () => {
    expect(EDUCATION_LEVELS.filter(isCollegePlus)).toEqual(["college", "bachelor", "postgraduate"]);
  });
});

describe("higherEducation", () => {
  it.each([
    ["college", "bachelor", "bachelor"],
    ["postgraduate", "junior", "postgraduate"],
    ["senior", "vocational", "vocational"],
    ["vocational", "senior", "vocational"],
    ["senior", "senior", "senior"],
    ["none", null, "none"],
    [null, "primary", "primary"],
    ["unknown", "junior", "junior"],
    ["junior", "unknown", "junior"],
    ["unknown", null, "unknown"],
    [null, "unknown", "unknown"],
    [null, null, null],
  ] as const)("%s, %s → %s", (a, b, expected) => {
    expect(higherEducation(a, b)).toBe(expected);
  });

  it("is symmetric and never lower than either side", () => {
    const level = fc.constantFrom<EducationLevel>(...EDUCATION_LEVELS);
    fc.assert(
      fc.property(level, level, (a, b) => {
        const h = higherEducation(a, b);
        expect(higherEducation(b, a)).toBe(h);
        expect(h).not.toBeNull();
        if (h !== null) {
          expect(educationRank(h)).toBe(Math.max(educationRank(a), educationRank(b)));
          expect([a, b]).toContain(h);
        }
      }),
      FC,
    );
  });
});
