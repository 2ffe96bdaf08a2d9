/**
 * Faults with real processes (bin/huanjie.js): a build killed with SIGKILL at
 * several points leaves the previous OUT_DIR complete and readable (manifest
 * parses, every table listed reads back with DuckDB with its row count and
 * sha256) and the next build succeeds; two builds into one OUT_DIR never
 * interleave — the second is refused with exit 3 while the first writes.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { beforeAll, describe, expect, it } from "vitest";
import { writeSynthetic } from "../../tools/sample/synthetic.ts";
import { BIN, FIXTURES, huanjie, huanjieInProcess, parquet, tempDir } from "../helpers/cli.ts";
import { snapshot } from "./helpers.ts";

const ENV = { PATH: process.env.PATH ?? "", TZ: "UTC", HUANJIE_KEY: "test-key-not-secret-0123456789" };

function start(dataset: string, out: string): { child: ChildProcess; done: Promise<number | null> } {
  const child = spawn(process.execPath, [BIN, "build", dataset, "--out", out], { env: ENV, stdio: "ignore" });
  const done = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, done };
}

/** Poll (every 2 ms) until `path` exists or the process ends; true when it appeared. */
async function appears(path: () => string, done: Promise<unknown>, timeoutMs = 60_000): Promise<boolean> {
  let ended = false;
  void done.then(() => (ended = true));
  const until = Date.now() + timeoutMs;
  while (!ended && Date.now() < until) {
    if (existsSync(path())) return true;
    await sleep(2);
  }
  return false;
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
  let big: string;
  beforeAll(() => {
    big = join(tempDir(), "synthetic");
    writeSynthetic({ seed: 7, townships: 5, unitsPerTownship: 40, outDir: big }); // a build of a few seconds
  });

  it("SIGKILL at five points leaves the previous OUT_DIR whole; the next build succeeds", async () => {
    const out = join(tempDir(), "out");
    expect((await huanjieInProcess(["build", join(FIXTURES, "datasets", "tiny"), "--out", out])).status).toBe(
      0,
    );
    const before = snapshot(out);
    const points: string[] = [];
    const kills: (number | "lock" | "staging")[] = [250, 800, 1600, "lock", "staging"];
    for (const when of kills) {
      const { child, done } = start(big, out);
      if (typeof when === "number") await Promise.race([sleep(when), done]);
      else {
        const path = () => (when === "lock" ? `${out}.lock` : `${out}.tmp-${child.pid}`);
        expect(await appears(path, done), `${when} never appeared`).toBe(true);
      }
      const killed = child.kill("SIGKILL");
      await done;
      points.push(`${when}${killed ? "" : " (already done)"}`);
      if (!existsSync(out)) {
        // Killed between the two renames of the swap: the old copy waits beside it for the next build.
        expect(leftovers(out).some((n) => n.startsWith("out.old-"))).toBe(true);
        continue;
      }
      // Unless the build had finished before the kill, OUT_DIR is the previous one, byte for byte.
      if (killed) expect(snapshot(out), `killed at ${when}`).toEqual(before);
      await expectComplete(out);
    }
    expect(points.filter((p) => !p.includes("already"))).toHaveLength(kills.length);
    const r = huanjie(["build", big, "--out", out]);
    expect(r.status, r.stderr).toBe(0);
    expect(await expectComplete(out)).toBe("合成县7"); // the synthetic dataset's name
    expect(leftovers(out)).toEqual([]);
  }, 180_000);

  it("two builds into one OUT_DIR: the second is refused with exit 3 while the first writes", async () => {
    const out = join(tempDir(), "out");
    const first = start(big, out);
    expect(await appears(() => `${out}.lock`, first.done)).toBe(true);
    first.child.kill("SIGSTOP"); // hold the first build inside its write
    try {
      const second = huanjie(["build", join(FIXTURES, "datasets", "tiny"), "--out", out]);
      expect(second.status).toBe(3);
      expect(second.stderr).toBe(`错误:另一个构建(进程 ${first.child.pid})正在写入 out,请等它结束后再试\n`);
    } finally {
      first.child.kill("SIGCONT");
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
