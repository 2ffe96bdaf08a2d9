/**
 * The check of issue 13 for `huanjie combine`: the seeded city of three
 * counties (data/city), each county built on its own and the three
 * warehouses combined, has every metric at every level equal to the sum of
 * its parts: the combined county, township and unit rows equal each county's
 * own warehouse (township ids and derived unit ids prefixed), and every row of
 * every metric table, the city's included, equals the same city built from the
 * raw exports as one city-level dataset. The same for a province of two cities
 * of two counties, combined from its counties in one step and from its two
 * combined cities.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { METRIC_TABLES } from "../../src/warehouse/tables.ts";
import { CITY_PRESET, PROVINCE_PRESET, writeRegion } from "../../tools/sample/region.ts";
import { huanjieInProcess, ROOT, tempDir } from "../helpers/cli.ts";
import {
  builtWarehouses,
  expectCountyPart,
  sorted,
  warehouseRows,
  withTableRows,
} from "../helpers/levels.ts";

async function combine(inputs: readonly string[], out: string, name: string, level: string): Promise<void> {
  const run = await huanjieInProcess([
    "combine",
    ...inputs,
    "--out",
    out,
    "--name",
    name,
    "--level",
    level,
    "--quiet",
  ]);
  expect(run.stderr).toBe("");
  expect(run.status).toBe(0);
}

/** Every metric table and summary.json of `a` equal to those of `b`, row for row. */
async function expectSameMetrics(a: string, b: string): Promise<void> {
  await withTableRows(async (rows) => {
    for (const def of METRIC_TABLES)
      expect(sorted(await rows(a, def.name)), def.name).toEqual(sorted(await rows(b, def.name)));
  });
  const summary = (dir: string) => JSON.parse(readFileSync(join(dir, "metrics", "summary.json"), "utf8"));
  expect(summary(a)).toEqual(summary(b));
}

describe("the city of three counties (data/city), built county by county and combined", () => {
  const DATA = join(ROOT, "data", "city");
  const counties = CITY_PRESET.counties.map((c) => c.name);
  const combined = join(tempDir("huanjie-combine-city-"), "combined");
  let built: Record<string, string> = {};
  const dir = (name: string) => built[name] as string;
  beforeAll(async () => {
    built = await builtWarehouses(DATA, [CITY_PRESET.name, ...counties]);
    await combine(
      counties.map((c) => dir(c)),
      combined,
      CITY_PRESET.name,
      "city",
    );
  }, 240_000);

  it("has every county's county, township and unit rows of every metric table as its own warehouse", async () => {
    for (const county of counties) await expectCountyPart(combined, dir(county), county);
  }, 60_000);

  it("equals the city built from the raw exports as one dataset: every row of every metric table, the summary", async () => {
    await expectSameMetrics(combined, dir(CITY_PRESET.name));
  }, 60_000);

  it("has the same units and unit_levels as the city built from the raw exports", async () => {
    await withTableRows(async (rows) => {
      for (const table of ["units", "unit_levels", "terms", "target_rules"])
        expect(sorted(await rows(combined, table)), table).toEqual(
          sorted(await rows(dir(CITY_PRESET.name), table)),
        );
    });
  });
});

describe("a province of two cities of two counties, combined from its counties and from its cities", () => {
  const counties = PROVINCE_PRESET.counties;
  const out = tempDir("huanjie-combine-province-");
  const data = join(out, "data");
  const fromCounties = join(out, "from-counties");
  const fromCities = join(out, "from-cities");
  let built: Record<string, string> = {};
  const dir = (name: string) => built[name] as string;
  beforeAll(async () => {
    writeRegion({ ...PROVINCE_PRESET, outDir: data });
    built = await builtWarehouses(data, [PROVINCE_PRESET.name, ...counties.map((c) => c.name)]);
    const cities = [...new Set(counties.map((c) => c.city as string))];
    for (const city of cities)
      await combine(
        counties.filter((c) => c.city === city).map((c) => dir(c.name)),
        join(out, city),
        city,
        "city",
      );
    await combine(
      cities.map((c) => join(out, c)),
      fromCities,
      PROVINCE_PRESET.name,
      "province",
    );
    await combine(
      counties.map((c) => dir(c.name)),
      fromCounties,
      PROVINCE_PRESET.name,
      "province",
    );
  }, 300_000);

  it("from its cities: equals the province built from the raw exports (市 and 县 columns), every metric row", async () => {
    await expectSameMetrics(fromCities, dir(PROVINCE_PRESET.name));
    for (const c of counties) await expectCountyPart(fromCities, dir(c.name), c.name);
  }, 120_000);

  // A level left out between the inputs and the output (counties straight into a province: unit_levels.city
  // NULL) has no rows, and the counties rank within the province.
  it("from its counties in one step: the same county, township and unit rows; no city level between", async () => {
    for (const c of counties) await expectCountyPart(fromCounties, dir(c.name), c.name);
    const levels = await warehouseRows(fromCounties, "unit_levels");
    expect(levels.every((l) => l.city === null && l.province === null && l.county !== null)).toBe(true);
    const scopes = await warehouseRows(
      fromCounties,
      "structure",
      "term = 2021 AND body = 'both' AND metric = 'members' AND scope IN ('province', 'city')",
    );
    expect(scopes.map((r) => r.scope)).toEqual(["province"]);
    const province = (warehouse: string) =>
      warehouseRows(warehouse, "structure", "scope = 'province'").then((rows) => sorted(rows));
    expect(await province(fromCounties)).toEqual(await province(dir(PROVINCE_PRESET.name)));
  }, 120_000);
});
