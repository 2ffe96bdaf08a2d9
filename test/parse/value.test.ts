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

describe("parseGender", () => {
  it.each([
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
  ] as const)("%j → %s", (cell, expected) => {
    expect(parseGender(cell)).toBe(expected);
  });
  it.each(["男女", "1", "X", "未知"])("%j is invalid", (cell) => expect(parseGender(cell)).toBe("invalid"));
  it.each(EMPTY)("%j is empty", (cell) => expect(parseGender(cell)).toBeNull());
});

describe("parseParty", () => {
  it.each([
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
  ] as const)("%j → %s", (cell, expected) => {
    expect(parseParty(cell)).toBe(expected);
  });
  it.each(["党", "群", "其他", "1"])("%j is invalid", (cell) => expect(parseParty(cell)).toBe("invalid"));
  it.each(EMPTY)("%j is empty", (cell) => expect(parseParty(cell)).toBeNull());
});

describe("parseEthnicity", () => {
  it.each([
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
  ])("%j → %j", (cell, expected) => {
    expect(parseEthnicity(cell)).toBe(expected);
  });
  it.each(["1", "Han", "-"])("%j is invalid", (cell) => expect(parseEthnicity(cell)).toBe("invalid"));
  it.each(EMPTY)("%j is empty", (cell) => expect(parseEthnicity(cell)).toBeNull());
});

describe("parseYesNo", () => {
  it.each([
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
  ] as const)("%j → %s", (cell, expected) => {
    expect(parseYesNo(cell)).toBe(expected);
  });
  it.each(["是否", "2", 2, "对"])("%j is invalid", (cell) => expect(parseYesNo(cell)).toBe("invalid"));
  it.each(EMPTY)("%j is empty", (cell) => expect(parseYesNo(cell)).toBeNull());
});

describe("parseUnitType", () => {
  it.each([
    ["村", "village"],
    ["行政村", "village"],
    ["嘎查", "village"],
    ["社区", "community"],
    ["居委会", "community"],
    [" 社区 ", "community"],
  ] as const)("%j → %s", (cell, expected) => {
    expect(parseUnitType(cell)).toBe(expected);
  });
  it.each(["镇", "街道", "自然村"])("%j is invalid", (cell) => expect(parseUnitType(cell)).toBe("invalid"));
  it.each(EMPTY)("%j is empty", (cell) => expect(parseUnitType(cell)).toBeNull());
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
  it.each([
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
  ] as const)("%j → %i", (cell, expected) => {
    expect(parseRound(cell)).toBe(expected);
  });
  it.each([0, "0", "第零轮", "补选", 1.5, true])("%j is invalid", (cell) =>
    expect(parseRound(cell)).toBe("invalid"),
  );
  it.each(EMPTY)("%j is empty", (cell) => expect(parseRound(cell)).toBeNull());
});

describe("parseElected", () => {
  it.each([
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
  ] as const)("%j → %s", (cell, expected) => {
    expect(parseElected(cell)).toBe(expected);
  });
  it.each(["待定", "2"])("%j is invalid", (cell) => expect(parseElected(cell)).toBe("invalid"));
  it.each(EMPTY)("%j is empty", (cell) => expect(parseElected(cell)).toBeNull());
});

describe("parseVettingStatus", () => {
  it.each([
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
  ] as const)("%j → %s", (cell, expected) => {
    expect(parseVettingStatus(cell)).toBe(expected);
  });
  it.each(["待审", "1"])("%j is invalid", (cell) => expect(parseVettingStatus(cell)).toBe("invalid"));
  it.each(EMPTY)("%j is empty", (cell) => expect(parseVettingStatus(cell)).toBeNull());
});

describe("parseOffice", () => {
  it.each([
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
  ] as const)("%j → %s", (cell, expected) => {
    expect(parseOffice(cell)).toBe(expected);
  });
  it.each(["第一书记", "书记、主任", "书记兼主任", "书记主任", "村长", "治保主任", 1, true])(
    "%j is invalid",
    (cell) => expect(parseOffice(cell)).toBe("invalid"),
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
