import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compactText, halfWidth } from "../../src/parse/fullwidth.ts";

describe("halfWidth", () => {
  it.each([
    ["１９７２．０５", "1972.05"],
    ["１５０１２３ｘ", "150123x"],
    ["书记，主任；委员／", "书记,主任;委员/"],
    ["（）", "()"],
    ["\u3000a\u3000", " a "],
    ["、。年月日", "、。年月日"],
    ["abc 123", "abc 123"],
  ])("%j → %j", (input, expected) => {
    expect(halfWidth(input)).toBe(expected);
  });

  it("keeps the length and leaves half-width text alone", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 40 }), (text) => {
        expect(halfWidth(text)).toHaveLength(text.length);
        expect(halfWidth(halfWidth(text))).toBe(halfWidth(text));
      }),
      { seed: 42, numRuns: 300 },
    );
  });
});

describe("compactText", () => {
  it("folds to half width and removes every whitespace", () => {
    expect(compactText(" 1972 年\t5 月\n")).toBe("1972年5月");
    expect(compactText("\u3000张\u3000三\u3000")).toBe("张三");
    expect(compactText("")).toBe("");
  });
});
