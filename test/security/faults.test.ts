/**
 * Faults with real processes (bin/huanjie.js): a build killed with SIGKILL at
 * several points leaves the previous OUT_DIR complete and readable (manifest
 * parses, every table listed reads back with DuckDB with its row count and
 * sha256) and the next build succeeds; two builds into one OUT_DIR never
 * interleave — the second is refused with exit 3 while the first writes.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { PAUSE_VARIABLE, type PausePoint, pauseMarker } from "../../src/cli/pause.ts";
import { writeSynthetic } from "../../tools/sample/synthetic.ts";
import { BIN, FIXTURES, huanjie, huanjieInProcess, parquet, tempDir } from "../helpers/cli.ts";
import { snapshot } from "./helpers.ts";

const ENV = { PATH: process.env.PATH ?? "", TZ: "UTC", HUANJIE_KEY: "test-key-not-secret-0123456789" };

interface Started {
  child: ChildProcess;
  /** The exit code, or null when killed. */
  done: Promise<number | null>;
  /** True once the build wrote the marker of its pause point; false when it ended without pausing. */
  paused: Promise<boolean>;
}

/**
 * Start `huanjie build` in a child process; with `pause`, the build stops at that point
 * (src/cli/pause.ts) until killed or until its stdin ends.
 */
function start(dataset: string, out: string, pause?: PausePoint): Started {
  const env = pause ? { ...ENV, [PAUSE_VARIABLE]: pause } : ENV;
  const child = spawn(process.execPath, [BIN, "build", dataset, "--out", out], {
    env,
    stdio: ["pipe", "ignore", "pipe"],
  });
  const done = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  let stderr = "";
  const paused = new Promise<boolean>((resolve) => {
    child.stderr?.on("data", (chunk: Buffer) => {
      stderr += chunk.toString("utf8");
      if (pause && stderr.includes(pauseMarker(pause))) resolve(true);
    });
    void done.then(() => resolve(false));
  });
  return { child, done, paused };
}

/** OUT_DIR is a complete warehouse: manifest parses, every table reads back with its rows and sha256. */
async function expectComplete(out: string): Promise<string> {
  const manifest = JSON.parse(readFileSync(join(out, "manifest.json"), "utf8"));
  expect(manifest.tables.length).toBeGreaterThanOrEqual(7);
  for (const t of manifest.tables as { path: string; rows: number; sha256: string }[]) {
    const path = join(out, t.path);
    expect(createHash("sha256").update(readFileSync(path)).digest("hex"), t.path).toBe(t.sha256);
    if (t.path.endsWith(".parquet")) {
      const [{ n }] = (await parquet<{ n: bigint | number }>(path, "count(*) AS n")) as [
        { n: bigint | number },
      ];
      expect(Number(n), t.path).toBe(t.rows);
    } else JSON.parse(readFileSync(path, "utf8"));
  }
  return manifest.dataset;
}

function leftovers(out: string): string[] {
  return readdirSync(dirname(out)).filter((n) => n !== basename(out));
}

describe("faults", () => {
  let next: string;
  beforeAll(() => {
    next = join(tempDir(), "synthetic");
    writeSynthetic({ seed: 7, townships: 2, unitsPerTownship: 10, outDir: next }); // differs from the tiny build
  });

  it("SIGKILL at five points leaves the previous OUT_DIR whole; the next build succeeds", async () => {
    const out = join(tempDir(), "out");
    expect((await huanjieInProcess(["build", join(FIXTURES, "datasets", "tiny"), "--out", out])).status).toBe(
      0,
    );
    const before = snapshot(out);
    // "swap" before a point past the start of a build, which puts the previous OUT_DIR back first.
    const points: PausePoint[] = ["lock", "swap", "ingest", "metrics", "staging"];
    for (const point of points) {
      const { child, done, paused } = start(next, out, point);
      expect(await paused, `never paused at ${point}`).toBe(true);
      expect(child.kill("SIGKILL")).toBe(true);
      expect(await done, point).toBeNull();
      if (point === "swap") {
        // Killed between the two renames of the swap: OUT_DIR is missing, the old copy waits beside it.
        const old = leftovers(out).filter((n) => n.startsWith("out.old-"));
        expect(old).toEqual([`out.old-${child.pid}`]);
        expect(snapshot(join(dirname(out), old[0] as string)), point).toEqual(before);
        continue;
      }
      expect(snapshot(out), `killed at ${point}`).toEqual(before);
      await expectComplete(out);
    }
    const r = huanjie(["build", next, "--out", out]);
    expect(r.status, r.stderr).toBe(0);
    expect(await expectComplete(out)).toBe("合成县7"); // the synthetic dataset's name
    expect(leftovers(out)).toEqual([]);
  }, 180_000);

  it("two builds into one OUT_DIR: the second is refused with exit 3 while the first writes", async () => {
    const out = join(tempDir(), "out");
    const first = start(next, out, "ingest"); // hold the first build inside its work
    expect(await first.paused).toBe(true);
    try {
      const second = huanjie(["build", join(FIXTURES, "datasets", "tiny"), "--out", out]);
      expect(second.status).toBe(3);
      expect(second.stderr).toBe(`错误:另一个构建(进程 ${first.child.pid})正在写入 out,请等它结束后再试\n`);
    } finally {
      first.child.stdin?.end(); // let it go on
    }
    expect(await first.done).toBe(0);
    expect(await expectComplete(out)).toBe("合成县7");
    expect(leftovers(out)).toEqual([]);
  }, 120_000);
  it("two builds started together both end 0 or 3 and leave one complete OUT_DIR", async () => {
    const out = join(tempDir(), "out");
    const tiny = join(FIXTURES, "datasets", "tiny");
    const codes = await Promise.all([start(tiny, out).done, start(tiny, out).done]);
    for (const c of codes) expect([0, 3]).toContain(c);
    expect(codes).toContain(0);
    await expectComplete(out);
    expect(leftovers(out)).toEqual([]);
  }, 120_000);
});
