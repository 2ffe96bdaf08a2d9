import { describe, expect, it } from "vitest";
import { InputError } from "../../src/error.ts";
import { decodeText, detectEncoding, SNIFF_BYTES, safeCut } from "../../src/read/encoding.ts";

const utf8 = (s: string) => new TextEncoder().encode(s);
/** GB18030 bytes of 中文, 张三 and 李四, as a Chinese Excel writes them. */
const GBK = {
  中文: [0xd6, 0xd0, 0xce, 0xc4],
  张三: [0xd5, 0xc5, 0xc8, 0xfd],
  李四: [0xc0, 0xee, 0xcb, 0xc4],
};

function bytes(...parts: (string | number[])[]): Uint8Array {
  return new Uint8Array(parts.flatMap((p) => (typeof p === "string" ? [...utf8(p)] : p)));
}

async function decodeAll(chunks: Uint8Array[], rowAt = () => 0): Promise<string> {
  async function* source() {
    yield* chunks;
  }
  let text = "";
  for await (const piece of decodeText(source(), "名册.csv", rowAt)) text += piece;
  return text;
}

function split(data: Uint8Array, size: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let i = 0; i < data.length; i += size) out.push(data.subarray(i, i + size));
  return out;
}

describe("detectEncoding", () => {
  it("recognises UTF-8 with and without BOM, and GB18030", () => {
    expect(detectEncoding(bytes("姓名,性别\n"), true, "f")).toEqual({ encoding: "utf-8", bomLength: 0 });
    expect(detectEncoding(bytes([0xef, 0xbb, 0xbf], "姓名"), true, "f")).toEqual({
      encoding: "utf-8",
      bomLength: 3,
    });
    expect(detectEncoding(bytes(GBK.中文, ",", GBK.张三), true, "f")).toEqual({
      encoding: "gb18030",
      bomLength: 0,
    });
  });

  it("accepts a prefix that ends inside a character unless it is the whole file", () => {
    const cut = utf8("姓名").subarray(0, 4);
    expect(detectEncoding(cut, false, "f").encoding).toBe("utf-8");
    expect(() => detectEncoding(bytes([0xd6]), true, "f")).toThrow(InputError);
  });

  it("rejects binary data, UTF-16, zip and .xls files, naming the file", () => {
    const cases: [Uint8Array, RegExp][] = [
      [bytes("a,b", [0], "c"), /二进制/],
      [bytes([0xff, 0xfe, 0x41, 0]), /UTF-16/],
      [bytes("PK", [3, 4, 0, 0]), /XLSX/],
      [bytes([0xd0, 0xcf, 0x11, 0xe0, 0]), /\.xls/],
      [bytes([0xff, 0xff, 0xff, 0x41]), /^名册\.csv: 无法识别的文件编码\(不是 UTF-8 或 GBK\)$/],
    ];
    for (const [data, message] of cases) {
      expect(() => detectEncoding(data, true, "名册.csv")).toThrow(message);
    }
  });
});

describe("safeCut", () => {
  it("cuts after the last byte below 0x30, which no multi-byte character contains", () => {
    expect(safeCut(bytes(GBK.张三, ",", GBK.李四))).toBe(5);
    expect(safeCut(bytes(GBK.张三))).toBe(0);
  });
});

describe("decodeText", () => {
  it("decodes GB18030 split inside characters at every chunk size", async () => {
    const data = bytes(GBK.张三, ",", GBK.李四, "\r\n", GBK.中文, "\n");
    for (const size of [1, 2, 3, 5, 64]) {
      expect(await decodeAll(split(data, size))).toBe("张三,李四\r\n中文\n");
    }
  });

  it("strips the BOM of UTF-8", async () => {
    expect(await decodeAll([bytes([0xef, 0xbb]), bytes([0xbf], "姓名\n")])).toBe("姓名\n");
  });

  it("detects from the first MiB and names the row of invalid bytes found later", async () => {
    const head = bytes("姓名,备注\n".repeat(Math.ceil(SNIFF_BYTES / 14)));
    const tail = bytes("好,好\n好,好\n坏,", [0xff, 0xfe], "\n");
    const error = await decodeAll([...split(head, 65536), tail], () => 1000).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toMatch(/^名册\.csv: 第 1003 行附近有无法解码的字节/);
  });
});
