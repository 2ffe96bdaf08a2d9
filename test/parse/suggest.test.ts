import { describe, expect, it } from "vitest";
import { editDistance, suggestion } from "../../src/parse/suggest.ts";

describe("suggest", () => {
  it("measures edit distance over code points", () => {
    expect(editDistance("盛乐屯", "盛乐村")).toBe(1);
    expect(editDistance("", "abc")).toBe(3);
    expect(editDistance("城关镇", "城关镇")).toBe(0);
  });
  it("suggests the closest known name, or nothing when nothing is close", () => {
    expect(suggestion("盛乐屯", ["盛乐村", "城关村", "南街社区"])).toBe("盛乐村");
    expect(suggestion("南街", ["盛乐村", "南街社区"])).toBe("南街社区");
    expect(suggestion("大红城乡", ["盛乐村", "城关村"])).toBeNull();
  });
});
