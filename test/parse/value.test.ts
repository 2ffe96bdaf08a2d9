import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  parseElected,
  parseEthnicity,
  parseGender,
  parseInteger,
  parseOffice,
  parseParty,
  parseRound,
  parseUnitType,
  parseVettingStatus,
  parseYesNo,
} from "../../src/parse/value.ts";
import { type Cell, ExcelDate } from "../../src/read/cell.ts";

const FC = { seed: 42, numRuns: 300 };
const EMPTY: Cell[] = [null, "", "  ", "\u3000"];

/**
 * The cases of a cell parser: each cell of `valid` gives its value, each cell of `invalid` gives
 * "invalid", and each empty cell null (unless `empty` is false: the parser reads empty cells itself).
 */
function parserCases<T>(
  parse: (cell: Cell) => T | "invalid" | null,
  valid: readonly (readonly [Cell, T])[],
  invalid: readonly Cell[],
  { empty = true } = {},
) {
  it.each(valid)("%j → %j", (cell, expected) => {
    expect(parse(cell)).toBe(expected);
  });
  it.each(invalid)("%j is invalid", (cell) => expect(parse(cell)).toBe("invalid"));
  if (empty) it.each(EMPTY)("%j is empty", (cell) => expect(parse(cell)).toBeNull());
}

describe("parseGender", () => {
  parserCases(
    parseGender,
    [
      ["男", "M"],
      ["男性", "M"],
      ["M", "M"],
      ["m", "M"],
      ["Male", "M"],
      ["女", "F"],
      ["女性", "F"],
      ["F", "F"],
      ["f", "F"],
      ["Ｆ", "F"],
      [" 女 ", "F"],
    ],
    ["男女", "1", "X", "未知"],
  );
});

describe("parseParty", () => {
  parserCases(
    parseParty,
    [
      ["中共党员", true],
      ["中共预备党员", true],
      ["党员", true],
      ["预备党员", true],
      ["中国共产党党员", true],
      ["群众", false],
      ["共青团员", false],
      ["团员", false],
      ["民主党派", false],
      ["无党派", false],
      ["无党派人士", false],
      ["民革党员", false],
      ["民盟盟员", false],
      ["民建会员", false],
      ["民进会员", false],
      ["农工党党员", false],
      ["致公党党员", false],
      ["九三学社社员", false],
      ["台盟盟员", false],
    ],
    ["党", "群", "其他", "1"],
  );
});

describe("parseEthnicity", () => {
  parserCases(
    parseEthnicity,
    [
      ["汉", "汉族"],
      ["汉族", "汉族"],
      ["蒙古", "蒙古族"],
      ["蒙古族", "蒙古族"],
      ["蒙", "蒙古族"],
      ["回", "回族"],
      ["满", "满族"],
      ["维吾尔", "维吾尔族"],
      ["维", "维吾尔族"],
      ["达斡尔", "达斡尔族"],
      ["鄂伦春", "鄂伦春族"],
      ["朝鲜", "朝鲜族"],
      [" 汉 族 ", "汉族"],
      ["穿青人", "穿青人"],
      ["其他", "其他"],
    ],
    ["1", "Han", "-"],
  );
});

describe("parseYesNo", () => {
  parserCases(
    parseYesNo,
    [
      ["是", true],
      ["Y", true],
      ["y", true],
      ["yes", true],
      ["1", true],
      [1, true],
      [true, true],
      ["TRUE", true],
      ["否", false],
      ["N", false],
      ["0", false],
      [0, false],
      [false, false],
      ["false", false],
    ],
    ["是否", "2", 2, "对"],
  );
});

describe("parseUnitType", () => {
  parserCases(
    parseUnitType,
    [
      ["村", "village"],
      ["行政村", "village"],
      ["嘎查", "village"],
      ["社区", "community"],
      ["居委会", "community"],
      [" 社区 ", "community"],
    ],
    ["镇", "街道", "自然村"],
  );
});

describe("parseInteger", () => {
  it.each([
    [12, {}, 12],
    [0, { min: 0 }, 0],
    [-0, {}, 0],
    [12.0, {}, 12],
    ["12", {}, 12],
    [" 12 ", {}, 12],
    ["１２３", {}, 123],
    ["1,234", {}, 1234],
    ["1，234", {}, 1234],
    ["12,345,678", {}, 12345678],
    ["12.0", {}, 12],
    ["320人", {}, 320],
    ["156 票", {}, 156],
    ["0", { min: 0 }, 0],
    ["5", { min: 1, max: 5 }, 5],
  ] as const)("%j with %j → %i", (cell, options, expected) => {
    expect(parseInteger(cell, options)).toBe(expected);
  });

  it.each([
    [12.5, {}],
    ["12.5", {}],
    ["1,23", {}],
    ["12,34,567", {}],
    ["abc", {}],
    ["0", { min: 1 }],
    [-1, { min: 0 }],
    ["-1", { min: 0 }],
    ["6", { max: 5 }],
    [true, {}],
    [new ExcelDate(44197), {}],
    [Number.NaN, {}],
    [1e300, {}],
    ["99999999999999999999", {}],
  ] as const)("%j with %j is invalid", (cell, options) => {
    expect(parseInteger(cell, options)).toBe("invalid");
  });

  it.each(EMPTY)("%j is empty", (cell) => expect(parseInteger(cell)).toBeNull());

  it("reads every safe integer written with or without separators", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 40 }), (n) => {
        expect(parseInteger(n, { min: 0 })).toBe(n);
        expect(parseInteger(String(n))).toBe(n);
        expect(parseInteger(n.toLocaleString("en-US"))).toBe(n);
      }),
      FC,
    );
  });
});

describe("parseRound", () => {
  parserCases(
    parseRound,
    [
      [1, 1],
      [2, 2],
      ["1", 1],
      ["3", 3],
      ["正式选举", 1],
      ["另行选举", 2],
      ["第一轮", 1],
      ["第二轮", 2],
      ["第1轮", 1],
      ["第2轮", 2],
      ["第二次", 2],
      ["一", 1],
    ],
    [0, "0", "第零轮", "补选", 1.5, true],
  );
});

describe("parseElected", () => {
  parserCases(
    parseElected,
    [
      ["是", true],
      ["当选", true],
      ["Y", true],
      ["1", true],
      [1, true],
      [true, true],
      ["否", false],
      ["未当选", false],
      ["落选", false],
      ["N", false],
      ["0", false],
      [0, false],
    ],
    ["待定", "2"],
  );
});

describe("parseVettingStatus", () => {
  parserCases(
    parseVettingStatus,
    [
      ["通过", "passed"],
      ["合格", "passed"],
      ["审查通过", "passed"],
      ["取消", "disqualified"],
      ["取消资格", "disqualified"],
      ["不合格", "disqualified"],
      ["未通过", "disqualified"],
      ["退出", "withdrawn"],
      ["自愿退出", "withdrawn"],
      ["放弃", "withdrawn"],
    ],
    ["待审", "1"],
  );
});

describe("parseOffice", () => {
  parserCases(
    parseOffice,
    [
      ["委员", "委员"],
      ["书记", "书记"],
      ["副书记", "副书记"],
      ["主任", "主任"],
      ["副主任", "副主任"],
      ["村委会主任", "主任"],
      ["居委会副主任", "副主任"],
      ["党支部书记", "书记"],
      ["党总支副书记", "副书记"],
      ["党支部委员", "委员"],
      ["村委会委员", "委员"],
      [null, "委员"],
      ["", "委员"],
      ["  ", "委员"],
    ],
    ["第一书记", "书记、主任", "书记兼主任", "书记主任", "村长", "治保主任", 1, true],
    { empty: false },
  );
});

describe("every normaliser", () => {
  it("is total on any cell", () => {
    const cell: fc.Arbitrary<Cell> = fc.oneof(
      fc.string({ unit: "grapheme", maxLength: 20 }),
      fc.double(),
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
      fc.double().map((n) => new ExcelDate(n)),
    );
    const parsers = [
      parseGender,
      parseParty,
      parseEthnicity,
      parseYesNo,
      parseUnitType,
      (c: Cell) => parseInteger(c, { min: 0 }),
      parseRound,
      parseElected,
      parseVettingStatus,
      parseOffice,
    ];
    fc.assert(
      fc.property(cell, (c) => {
        for (const parse of parsers) parse(c);
      }),
      FC,
    );
  });
});
