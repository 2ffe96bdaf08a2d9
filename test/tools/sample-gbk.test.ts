import { describe, expect, it } from "vitest";
import { encodeGbk } from "../../tools/sample/gbk.ts";

describe("encodeGbk", () => {
  it("round-trips through the gb18030 decoder", () => {
    const text = '乡镇（街道）,村(社区),姓名\r\n和林格尔县2021年村"两委"成员花名册·蒙古族、书记兼主任';
    expect(new TextDecoder("gb18030").decode(encodeGbk(text))).toBe(text);
  });

  it("writes ASCII as is and Chinese characters in two bytes", () => {
    expect([...encodeGbk("A中")]).toEqual([0x41, 0xd6, 0xd0]);
  });

  it("refuses characters outside two-byte GBK", () => {
    expect(() => encodeGbk("😀")).toThrow(RangeError);
  });
});
