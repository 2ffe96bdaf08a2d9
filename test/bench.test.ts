import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";

const dir = mkdtempSync(join(process.env.HUANJIE_TEST_TMP ?? tmpdir(), "huanjie-bench-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Smoke test of the harness only (times are measured by `npm run bench`, never asserted).
it("npm run bench at a tiny size appends one JSON line per size and one for the XLSX reader", () => {
  const run = spawnSync(
    process.execPath,
    ["--import", "tsx", "bench/run.ts", "--sizes", "tiny", "--xlsx-rows", "50", "--out", dir],
    { cwd: join(import.meta.dirname, ".."), encoding: "utf8" },
  );
  expect(run.status, run.stderr).toBe(0);
  const lines = readFileSync(join(dir, "results.jsonl"), "utf8")
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l));
  expect(lines.map((l) => l.size)).toEqual(["tiny", "xlsx-50"]);
  const [tiny] = lines;
  expect(tiny.rows).toBeGreaterThan(0);
  expect(tiny.rejects).toBe(0);
  expect(Object.keys(tiny.stages)).toEqual(["read", "normalise", "load", "metrics", "write_parquet"]);
  for (const k of ["seconds", "baseline_seconds", "ratio", "peak_rss_mib", "rows_per_second"])
    expect(tiny[k], k).toBeGreaterThan(0);
});
