import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { writeSynthetic } from "../../tools/sample/synthetic.ts";

describe("writeSynthetic", () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });
  const run = (seed: number) => {
    const outDir = mkdtempSync(join(process.env.HUANJIE_TEST_TMP ?? tmpdir(), "huanjie-synthetic-"));
    dirs.push(outDir);
    return { outDir, summary: writeSynthetic({ seed, townships: 4, unitsPerTownship: 30, outDir }) };
  };

  it("writes the asked number of units, both rosters, votes and vetting, deterministically", () => {
    const a = run(5);
    const b = run(5);
    expect(a.summary.units).toBe(120);
    expect(a.summary.rosterRows[2021]).toBeGreaterThan(120 * 5);
    for (const f of [
      "dataset.yaml",
      "units.csv",
      "roster-2018.csv",
      "roster-2021.csv",
      "votes-2021.csv",
      "vetting-2021.csv",
    ]) {
      expect(Buffer.compare(readFileSync(join(a.outDir, f)), readFileSync(join(b.outDir, f))), f).toBe(0);
    }
    const units = readFileSync(join(a.outDir, "units.csv"), "utf8").trim().split("\r\n");
    expect(units).toHaveLength(121);
  });
});
