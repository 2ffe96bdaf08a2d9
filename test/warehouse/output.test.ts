import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { LockError } from "../../src/error.ts";
import {
  commitOutput,
  fillStaging,
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

  it("removes a staging folder whose filling failed, leaves OUT_DIR as it was, and passes the error on", async () => {
    const out = join(tempDir(), "out");
    mkdirSync(out);
    writeFileSync(join(out, "old.txt"), "old");
    let seen = "";
    const filling = fillStaging(out, async (staging) => {
      seen = staging;
      writeFileSync(join(staging, "half.parquet"), "half");
      writeFileSync("/dev/full", "x"); // a full disk: ENOSPC, as a real one gives
    });
    await expect(filling).rejects.toMatchObject({ code: "ENOSPC" });
    expect(seen).toBe(`${out}.tmp-${process.pid}`);
    expect(existsSync(seen)).toBe(false);
    expect(readdirSync(out)).toEqual(["old.txt"]);
    const filled = await fillStaging(out, async (staging) => {
      writeFileSync(join(staging, "new.txt"), "new");
      return 7;
    });
    expect([filled.value, readFileSync(join(filled.staging, "new.txt"), "utf8")]).toEqual([7, "new"]);
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

  describe("two builds taking over one dead holder's lock", () => {
    const DEAD = "999999999"; // no such process (above the kernel's pid_max)
    const LATE = 999999998; // the slower build's pid (never checked for life)

    it("the slower one never removes the lock the faster one just took", () => {
      const out = join(tempDir(), "out");
      const lock = `${out}.lock`;
      writeFileSync(lock, DEAD);
      let rival: (() => void) | undefined;
      // Both read the dead holder's lock; the rival takes it over in full before the slower one goes on.
      const late = () =>
        lockOutput(out, LATE, { beforeTakeover: () => (rival ??= lockOutput(out, process.pid)) });
      expect(late).toThrow(LockError);
      expect(late).toThrow(`另一个构建(进程 ${process.pid})正在写入 out`);
      expect(rival).toBeDefined();
      expect(readFileSync(lock, "utf8")).toMatch(new RegExp(`^${process.pid}\\b`)); // still the rival's
      rival?.();
      expect(existsSync(lock)).toBe(false);
    });

    it("the slower one takes the lock when the faster one has already released it", () => {
      const out = join(tempDir(), "out");
      writeFileSync(`${out}.lock`, DEAD);
      const release = lockOutput(out, LATE, { beforeTakeover: () => lockOutput(out, process.pid)() });
      expect(readFileSync(`${out}.lock`, "utf8")).toMatch(new RegExp(`^${LATE}\\b`));
      release();
      expect(readdirSync(dirname(out))).toEqual([]);
    });

    /** The claim a taker makes on the lock text `seen` (see removeStale in src/warehouse/output.ts). */
    const claimOf = (out: string, seen: string) =>
      `${out}.lock.claim-${createHash("sha256").update(seen).digest("hex").slice(0, 16)}`;

    it("a claim left by a build killed while taking over is taken over too", () => {
      const out = join(tempDir(), "out");
      writeFileSync(`${out}.lock`, DEAD);
      writeFileSync(claimOf(out, DEAD), "999999997 killed-while-taking-over\n");
      const release = lockOutput(out, LATE);
      expect(readdirSync(dirname(out))).toEqual(["out.lock"]);
      expect(readFileSync(`${out}.lock`, "utf8")).toMatch(new RegExp(`^${LATE}\\b`));
      release();
    });

    it("a live build's claim means that build is taking the lock: refused", () => {
      const out = join(tempDir(), "out");
      writeFileSync(`${out}.lock`, DEAD);
      writeFileSync(claimOf(out, DEAD), `${process.pid} taking-over\n`);
      expect(() => lockOutput(out, LATE)).toThrow(`另一个构建(进程 ${process.pid})正在写入 out`);
      expect(readFileSync(`${out}.lock`, "utf8")).toBe(DEAD);
    });

    it("recover removes claims and the half-written lock texts of killed builds", () => {
      const out = join(tempDir(), "out");
      const live = `out.lock.new-${process.pid}-b`;
      for (const n of ["out.lock.claim-0123456789abcdef", "out.lock.new-999999997-a", live])
        writeFileSync(join(dirname(out), n), "x");
      recover(out);
      expect(readdirSync(dirname(out))).toEqual([live]);
    });
  });
});
