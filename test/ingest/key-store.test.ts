import { mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { defaultKeyPath, resolveKey } from "../../src/ingest/key-store.ts";
import { tempDir } from "../helpers/cli.ts";

const fixed = (n: number) => Buffer.alloc(n, 7);

describe("resolveKey", () => {
  it("uses HUANJIE_KEY, then HUANJIE_KEY_FILE, before any default", () => {
    const home = tempDir();
    expect(resolveKey({ HOME: home, HUANJIE_KEY: "k".repeat(20) })).toEqual({
      key: "k".repeat(20),
      source: "env",
      path: null,
    });
    const file = join(home, "org.key");
    writeFileSync(file, `${"f".repeat(32)}\n`);
    expect(resolveKey({ HOME: home, HUANJIE_KEY_FILE: file }).source).toBe("file");
  });

  it("creates the user's key file once, private, and reuses it", () => {
    const home = tempDir();
    const first = resolveKey({ HOME: home }, fixed);
    expect(first.source).toBe("generated");
    expect(first.path).toBe(join(home, ".config", "huanjie", "key"));
    expect(first.key).toBe("07".repeat(32));
    expect(statSync(first.path as string).mode & 0o777).toBe(0o600);
    const again = resolveKey({ HOME: home }, () => Buffer.alloc(32, 9));
    expect(again).toEqual({ key: first.key, source: "default", path: first.path });
  });

  it("follows XDG_CONFIG_HOME", () => {
    expect(defaultKeyPath({ XDG_CONFIG_HOME: "/x/cfg", HOME: "/h" })).toBe("/x/cfg/huanjie/key");
    expect(defaultKeyPath({ HOME: "/h" })).toBe("/h/.config/huanjie/key");
  });

  it("refuses a short key file and a key file it cannot create, with a Chinese message", () => {
    const home = tempDir();
    mkdirSync(join(home, ".config", "huanjie"), { recursive: true });
    writeFileSync(join(home, ".config", "huanjie", "key"), "short\n");
    expect(() => resolveKey({ HOME: home })).toThrow(/太短/);
    const blocked = tempDir();
    writeFileSync(join(blocked, ".config"), "a file where a folder should be");
    expect(() => resolveKey({ HOME: blocked })).toThrow(/无法在 .* 创建密钥文件/);
    expect(readFileSync(join(blocked, ".config"), "utf8")).toContain("a file");
  });
});
