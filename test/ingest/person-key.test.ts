import { createHmac } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fallbackMaterial, idMaterial, loadKey, personKey } from "../../src/ingest/person-key.ts";
import { makeIdNumber, parseIdNumber } from "../../src/parse/id-number.ts";

const SECRET = "0123456789abcdef-test";
const noFile = (path: string): string => {
  throw new Error(`no file ${path}`);
};

describe("personKey", () => {
  it("is the first 16 hex characters of HMAC-SHA-256", () => {
    const expected = createHmac("sha256", SECRET).update("id|11010519491231002X").digest("hex").slice(0, 16);
    expect(personKey(SECRET, "id|11010519491231002X")).toBe(expected);
    expect(personKey(SECRET, "x")).toMatch(/^[0-9a-f]{16}$/);
  });

  it("is stable for one key and differs between keys and materials", () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        expect(personKey(SECRET, a)).toBe(personKey(SECRET, a));
        if (a !== b) expect(personKey(SECRET, a)).not.toBe(personKey(SECRET, b));
        expect(personKey(`${SECRET}!`, a)).not.toBe(personKey(SECRET, a));
      }),
      { seed: 42, numRuns: 200 },
    );
  });
});

describe("idMaterial", () => {
  it("links the legacy and the 18-character form of one ID", () => {
    const legacy = parseIdNumber("150123720503123");
    const current = parseIdNumber(makeIdNumber("150123", { year: 1972, month: 5, day: 3 }, "123"));
    if (!legacy?.valid || !current?.valid) throw new Error("test IDs must be valid");
    expect(idMaterial(legacy.normalized)).toBe(idMaterial(current.normalized));
  });

  it("upper-cases x and drops spaces", () => {
    expect(idMaterial(" 11010519491231002x")).toBe("id|11010519491231002X");
  });
});

describe("fallbackMaterial", () => {
  it.each([
    [["城关镇", "东村", "张三", { year: 1972, month: 5, day: 3 }], "城关镇|东村|张三|1972-05-03"],
    [["城关镇", "东村", "张三", { year: 1972, month: 5, day: null }], "城关镇|东村|张三|1972-05"],
    [["城关镇", "东村", "张三", null], "城关镇|东村|张三|"],
    [[" 城关镇 ", "东村", "张 三", null], "城关镇|东村|张三|"],
    [["城关镇", "东村", "张\u3000三", null], "城关镇|东村|张三|"],
    [["城关镇", "东村", "阿依古丽•买买提", null], "城关镇|东村|阿依古丽·买买提|"],
    [["城关镇", "东村", "阿依古丽・买买提", null], "城关镇|东村|阿依古丽·买买提|"],
  ] as const)("%j → %j", ([township, unit, name, birth], expected) => {
    expect(fallbackMaterial(township, unit, name, birth)).toBe(expected);
  });
});

describe("loadKey", () => {
  it("takes HUANJIE_KEY first", () => {
    expect(loadKey({ HUANJIE_KEY: SECRET, HUANJIE_KEY_FILE: "/k" }, () => "other-key-from-file")).toEqual({
      key: SECRET,
      source: "env",
    });
  });

  it("trims the key", () => {
    expect(loadKey({ HUANJIE_KEY: ` ${SECRET}\n` }, noFile).key).toBe(SECRET);
  });

  it("reads the file named by HUANJIE_KEY_FILE, without its final newline", () => {
    const read: string[] = [];
    const result = loadKey({ HUANJIE_KEY: "  ", HUANJIE_KEY_FILE: "/etc/huanjie.key" }, (path) => {
      read.push(path);
      return `${SECRET}\n`;
    });
    expect(result).toEqual({ key: SECRET, source: "file" });
    expect(read).toEqual(["/etc/huanjie.key"]);
  });

  it("names the file it cannot read", () => {
    expect(() => loadKey({ HUANJIE_KEY_FILE: "/missing.key" }, noFile)).toThrow(
      /无法读取密钥文件 \/missing\.key/,
    );
  });

  it("rejects keys shorter than 16 characters without showing them", () => {
    let message = "";
    try {
      loadKey({ HUANJIE_KEY: "short-secret" }, noFile);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/太短.*16/);
    expect(message).not.toContain("short-secret");
    expect(() => loadKey({ HUANJIE_KEY_FILE: "/k" }, () => "tiny\n")).toThrow(/密钥文件 \/k.*太短/);
    expect(loadKey({ HUANJIE_KEY: "x".repeat(16) }, noFile).key).toHaveLength(16);
  });
});
