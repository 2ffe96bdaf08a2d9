/**
 * The jurisdictions' files above county level (loaders/jurisdictions.ts): a folder per county, its unit-level
 * files in parts of whole townships. On the seeded province (built from its raw exports, shared with the
 * levels tests): with one township a part, every part holds exactly its townships' rows, and the parts of a
 * county together are the county's single part of the default size, row for row and in the same order.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { tableFromIPC } from "@uwdata/flechette";
import { beforeAll, describe, expect, it } from "vitest";
import { writeJurisdictions } from "../../loaders/jurisdictions.ts";
import { regionSlug } from "../../loaders/lib/slug.ts";
import { manifest } from "../../loaders/manifest.ts";
import { rejects as rejectsLoader } from "../../loaders/rejects.ts";
import { warnings as warningsLoader } from "../../loaders/warnings.ts";
import { PROVINCE_PRESET, writeRegion } from "../../tools/sample/region.ts";
import { huanjieInProcess, ROOT, tempDir } from "../helpers/cli.ts";
import { builtWarehouses, warehouseRows } from "../helpers/levels.ts";

const UNIT_FILES = ["units", "members", "previous", "checks", "failures", "elections"];
const rows = (file: string) =>
  tableFromIPC(readFileSync(file), { useBigInt: false })
    .toArray()
    .map((r) => ({ ...r }));

interface Child {
  scope: string;
  name: string;
  slug: string;
  units: number;
  part?: number;
}

describe("the jurisdictions' files above county level", () => {
  let whole: string;
  let split: string;
  let province: string;
  beforeAll(async () => {
    const dir = tempDir("huanjie-jurisdictions-");
    writeRegion({ ...PROVINCE_PRESET, outDir: join(dir, "data") });
    province = (await builtWarehouses(join(dir, "data"), [PROVINCE_PRESET.name]))[
      PROVINCE_PRESET.name
    ] as string;
    whole = join(dir, "whole");
    split = join(dir, "split");
    await writeJurisdictions(province, whole);
    await writeJurisdictions(province, split, { partUnits: 1 });
  }, 300_000);

  it("writes a folder per county, no folder per township, and splits a county into parts of whole townships", () => {
    const regions = readdirSync(join(split, "regions")).map(
      (slug) =>
        JSON.parse(readFileSync(join(split, "regions", slug, "region.json"), "utf8")) as Child & {
          children: Child[];
        },
    );
    const counties = regions.filter((r) => r.scope === "county");
    expect(counties.length).toBe(PROVINCE_PRESET.counties.length);
    expect(readdirSync(split)).not.toContain("townships");
    let parts = 0;
    for (const county of counties) {
      const townships = county.children;
      expect(townships.length).toBeGreaterThan(1);
      // One township a part: parts 0, 1, 2… in the order of the county's list.
      expect(townships.map((t) => t.part)).toEqual(townships.map((_, i) => i));
      const folder = join(split, "regions", county.slug);
      for (const name of UNIT_FILES) {
        // The parts follow the page's order of townships (zh-CN), the single file DuckDB's: compare each
        // township's run of rows, in order.
        const byTownship = (list: Record<string, unknown>[]) =>
          [...list].sort((a, b) =>
            String(a.township) < String(b.township) ? -1 : String(a.township) > String(b.township) ? 1 : 0,
          );
        const together = byTownship(
          townships.flatMap((t) => rows(join(folder, String(t.part), `${name}.arrow`))),
        );
        for (const t of townships)
          for (const row of rows(join(folder, String(t.part), `${name}.arrow`)))
            expect(row.township, `${name} of ${t.name}`).toBe(t.name);
        expect(together, `${county.name} ${name}`).toEqual(
          byTownship(rows(join(whole, "regions", county.slug, "0", `${name}.arrow`))),
        );
      }
      parts += townships.length;
    }
    // The default size keeps each of these small counties in one part.
    for (const county of counties)
      expect(readdirSync(join(whole, "regions", county.slug)).filter((n) => /^\d+$/.test(n))).toEqual(["0"]);
    expect(parts).toBeGreaterThan(counties.length);
  });

  it("keeps a raw-built province's input files and findings whole: they name no county, so no county folder lists them", async () => {
    // Only a combined warehouse's files carry the county (source_dataset) they came from (levels.test.ts).
    const listed = JSON.parse(readFileSync(join(province, "manifest.json"), "utf8")).files;
    const data = JSON.parse(Buffer.from(await manifest(province)).toString("utf8"));
    expect(data.manifest.files).toEqual(listed);
    expect(data.children).toBeUndefined();
    for (const slug of readdirSync(join(whole, "regions")))
      expect(readdirSync(join(whole, "regions", slug))).not.toEqual(
        expect.arrayContaining([expect.stringMatching(/^(files\.json|rejects\.arrow|warnings\.arrow)$/)]),
      );
    // …and its findings whole, as a county's.
    expect(tableFromIPC(await warningsLoader(province)).numRows).toBe(
      (await warehouseRows(province, "warnings")).length,
    );
  });
});

describe("the findings above county level", () => {
  // The sample (10 warnings) and a county of data/city (none), combined into a city: each county's rejects
  // and warnings go to its own folder, and the whole warehouse's files (data/rejects.arrow…) are empty.
  const COUNTIES = ["和林格尔县", "武川县"];
  let city: string;
  let out: string;
  beforeAll(async () => {
    const built = {
      ...(await builtWarehouses(join(ROOT, "data"), ["sample"])),
      ...(await builtWarehouses(join(ROOT, "data", "city"), ["武川县"])),
    };
    const dir = tempDir("huanjie-findings-");
    city = join(dir, "city");
    const run = await huanjieInProcess([
      "combine",
      ...[built.sample as string, built.武川县 as string],
      ...["--out", city, "--name", "测试市", "--level", "city", "--quiet"],
    ]);
    expect(run.status, run.stderr).toBe(0);
    out = join(dir, "jurisdictions");
    await writeJurisdictions(city, out);
  }, 300_000);

  it("writes each county's rejects and warnings, labelled, in its own folder, and none for the whole warehouse", async () => {
    let listed = 0;
    for (const county of COUNTIES)
      for (const table of ["rejects", "warnings"]) {
        const own = await warehouseRows(city, table, `source_dataset = '${county}'`);
        const file = rows(join(out, "regions", regionSlug("county", county), `${table}.arrow`));
        const located = (r: Record<string, unknown>) =>
          [r.source_file, r.sheet, r.source_row, r.column, r.rule, r.value, r.message].join("|");
        expect(file.map(located).sort(), `${county} ${table}`).toEqual(own.map(located).sort());
        for (const r of file) expect(r.rule_label).toMatch(/[\u4e00-\u9fff]/);
        listed += file.length;
      }
    expect(listed).toBe(10);
    for (const loader of [rejectsLoader, warningsLoader])
      expect(tableFromIPC(await loader(city)).numRows).toBe(0);
  });
});
