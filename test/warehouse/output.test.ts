import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  commitOutput,
  LockError,
  lockOutput,
  recover,
  spillDirFor,
  stagingDir,
} from "../../src/warehouse/output.ts";
import { tempDir } from "../helpers/cli.ts";

describe("output folder", () => {
  it("replaces OUT_DIR as a whole", () => {
    const out = join(tempDir(), "out");
    mkdirSync(out);
    writeFileSync(join(out, "old.txt"), "old");
    const staging = stagingDir(out, 4242);
    writeFileSync(join(staging, "new.txt"), "new");
    commitOutput(staging, out, 4242);
    expect(existsSync(join(out, "old.txt"))).toBe(false);
    expect(readFileSync(join(out, "new.txt"), "utf8")).toBe("new");
    expect(existsSync(staging)).toBe(false);
  });

  it("recovers the previous output after a kill between the two renames, and drops staging leftovers", () => {
    const parent = tempDir();
    const out = join(parent, "out");
    mkdirSync(`${out}.old-99`);
    writeFileSync(join(`${out}.old-99`, "manifest.json"), "{}");
    mkdirSync(`${out}.tmp-98`);
    recover(out);
    expect(readFileSync(join(out, "manifest.json"), "utf8")).toBe("{}");
    expect(existsSync(`${out}.tmp-98`)).toBe(false);
  });

  it("removes spill folders of killed builds but not the running build's own", () => {
    const out = join(tempDir(), "out");
    mkdirSync(spillDirFor(out, 97));
    mkdirSync(spillDirFor(out, 4242));
    recover(out, 4242);
    expect(existsSync(spillDirFor(out, 97))).toBe(false);
    expect(existsSync(spillDirFor(out, 4242))).toBe(true);
  });

  it("refuses a second build while the first holds the lock, and takes over a stale lock", () => {
    const out = join(tempDir(), "out");
    const release = lockOutput(out, process.pid);
    expect(() => lockOutput(out, process.pid + 1)).toThrow(LockError);
    release();
    writeFileSync(`${out}.lock`, "999999999"); // no such process
    const again = lockOutput(out, process.pid);
    again();
    expect(existsSync(`${out}.lock`)).toBe(false);
  });
});
