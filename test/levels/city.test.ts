/**
 * Datasets above county level (docs/levels.md), built from raw exports: the
 * shipped three-county city (data/city) and a generated province of two cities
 * of two counties. Each county is also built on its own; every metric table's
 * county, township and unit rows of the higher build must equal the county's
 * own build (ids prefixed), and the higher level's rows are computed over the
 * union of members, never from the counties' figures.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { literal, queryRows, withDatabase } from "../../src/warehouse/duckdb.ts";
import { CITY_PRESET, PROVINCE_PRESET, writeRegion } from "../../tools/sample/region.ts";
import { ROOT, tempDir } from "../helpers/cli.ts";
import { warehouseViolations } from "../helpers/contract.ts";
import { builtWarehouses, expectCountyPart, warehouseRows } from "../helpers/levels.ts";

/** One query over Parquet files of `dir` (paths spliced as literals by `file`). */
async function query<T>(sql: (file: (path: string) => string) => string): Promise<T[]> {
  return withDatabase({}, (conn) =>
    queryRows<T>(
      conn,
      sql((p) => `read_parquet(${literal(p)})`),
    ),
  );
}

describe("a city of three counties, built from raw exports (data/city)", () => {
  const DATA = join(ROOT, "data", "city");
  const counties = CITY_PRESET.counties.map((c) => c.name);
  let out: Record<string, string> = {};
  const dir = (name: string) => out[name] as string;
  beforeAll(async () => {
    out = await builtWarehouses(DATA, [CITY_PRESET.name, ...counties]);
  }, 180_000);

  it("is what `npm run sample -- --city` writes", () => {
    const again = tempDir("huanjie-city-");
    writeRegion({ ...CITY_PRESET, outDir: again });
    for (const dir of [CITY_PRESET.name, ...counties]) {
      for (const f of readdirSync(join(DATA, dir)).sort()) {
        expect(
          readFileSync(join(again, dir, f)).equals(readFileSync(join(DATA, dir, f))),
          `${dir}/${f}`,
        ).toBe(true);
      }
    }
  });

  it("has every county's rows of every metric table as the county's own build has them", async () => {
    for (const county of counties) await expectCountyPart(dir(CITY_PRESET.name), dir(county), county);
  }, 60_000);

  it("holds the contract of every table, scope_ids of counties found in unit_levels", async () => {
    expect(await warehouseViolations(dir(CITY_PRESET.name), join(DATA, CITY_PRESET.name))).toEqual([]);
    expect(await warehouseViolations(dir(counties[0] as string), join(DATA, counties[0] as string))).toEqual(
      [],
    );
  });

  it("names each unit's county in unit_levels; townships repeat across counties and are prefixed", async () => {
    const city = dir(CITY_PRESET.name);
    const levels = await warehouseRows(city, "unit_levels");
    const units = await warehouseRows(city, "units");
    expect(levels).toHaveLength(units.length);
    expect(new Set(levels.map((l) => l.county))).toEqual(new Set(counties));
    expect(levels.every((l) => l.city === null && l.province === null)).toBe(true);
    const plain = new Set(units.map((u) => String(u.township).split("/")[1]));
    expect(plain.size).toBe(CITY_PRESET.townships); // the same township names in every county
    expect(new Set(units.map((u) => u.township)).size).toBe(CITY_PRESET.townships * counties.length);
    for (const u of units.filter((x) => x.unit_code === null)) {
      expect(u.unit_id).toBe(`${u.township}/${u.unit}`);
      expect(String(u.unit_id).split("/")).toHaveLength(3);
    }
  });

  it("computes the city's rows over the union of the counties' members", async () => {
    const city = dir(CITY_PRESET.name);
    const members = counties.map((c) => join(dir(c), "members.parquet"));
    const [union] = await query<{ persons: number; avg_age: number; women: number }>(
      (file) => `
      WITH m AS (${members.map((p) => `SELECT * FROM ${file(p)}`).join(" UNION ALL ")}),
      party AS (SELECT person_key, min(age) AS age, any_value(gender) AS gender
                FROM m WHERE term = 2021 AND body = 'party' GROUP BY person_key)
      SELECT count(*) AS persons, avg(age) AS avg_age, count(*) FILTER (WHERE gender = 'F') AS women FROM party`,
    );
    const rows = await warehouseRows(
      city,
      "structure",
      `term = 2021 AND scope = 'city' AND body = 'party' AND metric IN ('members', 'avg_age', 'women')`,
    );
    const metric = (name: string) => rows.find((r) => r.metric === name);
    expect(metric("members")?.count).toBe(union?.persons);
    expect(metric("avg_age")?.value).toBeCloseTo(union?.avg_age ?? Number.NaN, 9);
    expect(metric("women")?.count).toBe(union?.women);
    expect(metric("women")?.value).toBeCloseTo((100 * (union?.women ?? 0)) / (union?.persons ?? 1), 9);

    // Turnout: summed entitled and cast of the counties, not an average of their rates.
    const [summed] = await query<{ entitled: number; cast: number }>(
      (file) =>
        `SELECT sum(entitled) AS entitled, sum("cast") AS "cast" FROM (${counties
          .map((c) => `SELECT * FROM ${file(join(dir(c), "metrics", "election_summary.parquet"))}`)
          .join(" UNION ALL ")}) WHERE term = 2021 AND scope = 'county' AND body = 'committee'`,
    );
    const [es] = await warehouseRows(
      city,
      "election_summary",
      "term = 2021 AND scope = 'city' AND body = 'committee'",
    );
    expect(es?.entitled).toBe(summed?.entitled);
    expect(es?.turnout).toBeCloseTo((100 * (summed?.cast ?? 0)) / (summed?.entitled ?? 1), 9);
  });

  it("ranks counties within the city, townships within their county; the city itself has no rank", async () => {
    const city = dir(CITY_PRESET.name);
    const rows = await warehouseRows(city, "progress", "term = 2021 AND body = 'committee'");
    const days = [...new Set(rows.map((r) => String(r.day)))].sort();
    for (const day of days) {
      const at = rows.filter((r) => String(r.day) === day);
      expect(at.filter((r) => r.scope === "city").map((r) => r.rank)).toEqual([null]);
      const rankWithin = (group: typeof at) =>
        group.map((r) => 1 + group.filter((o) => (o.rate as number) > (r.rate as number)).length);
      const cs = at.filter((r) => r.scope === "county");
      expect(cs.map((r) => r.rank)).toEqual(rankWithin(cs));
      for (const county of counties) {
        const ts = at.filter((r) => r.scope === "township" && String(r.scope_id).startsWith(`${county}/`));
        expect(ts.map((r) => r.rank)).toEqual(rankWithin(ts));
      }
    }
    expect(days.length).toBeGreaterThan(5);
  });

  it("names the city in the summary paragraph", async () => {
    const summary = JSON.parse(readFileSync(join(dir(CITY_PRESET.name), "metrics", "summary.json"), "utf8"));
    expect(summary.text.startsWith("全市共选举产生")).toBe(true);
    const county = JSON.parse(
      readFileSync(join(dir(counties[0] as string), "metrics", "summary.json"), "utf8"),
    );
    expect(county.text.startsWith("共选举产生")).toBe(true);
  });
});

describe("a province of two cities of two counties, built from raw exports with 市 and 县 columns", () => {
  const counties = PROVINCE_PRESET.counties.map((c) => c.name);
  let data = "";
  let out: Record<string, string> = {};
  const dir = (name: string) => out[name] as string;
  beforeAll(async () => {
    data = tempDir("huanjie-province-data-");
    writeRegion({ ...PROVINCE_PRESET, outDir: data });
    out = await builtWarehouses(data, [PROVINCE_PRESET.name, ...counties]);
  }, 240_000);

  it("has every county's rows as the county's own build has them", async () => {
    for (const county of counties) await expectCountyPart(dir(PROVINCE_PRESET.name), dir(county), county);
  }, 60_000);

  it("has the scopes province, city, county, township and unit; cities ranked in the province, counties in their city", async () => {
    const province = dir(PROVINCE_PRESET.name);
    const structure = await warehouseRows(
      province,
      "structure",
      "term = 2021 AND body = 'both' AND metric = 'members'",
    );
    const ids = (scope: string) => new Set(structure.filter((r) => r.scope === scope).map((r) => r.scope_id));
    expect(ids("province")).toEqual(new Set([PROVINCE_PRESET.name]));
    expect(ids("city")).toEqual(new Set(["呼和浩特市", "包头市"]));
    expect(ids("county")).toEqual(new Set(counties));
    expect(ids("township").size).toBe(PROVINCE_PRESET.townships * counties.length);
    const sum = (scope: string) =>
      structure.filter((r) => r.scope === scope).reduce((n, r) => n + Number(r.count), 0);
    expect(sum("city")).toBe(sum("county"));
    expect(sum("province")).toBe(sum("city"));

    expect(await warehouseViolations(province, join(data, PROVINCE_PRESET.name))).toEqual([]);
    const levels = await warehouseRows(province, "unit_levels");
    expect(levels.every((l) => l.county !== null && l.city !== null && l.province === null)).toBe(true);

    const progress = await warehouseRows(province, "progress", "term = 2021 AND body = 'party'");
    const last = progress
      .map((r) => String(r.day))
      .sort()
      .at(-1);
    const at = progress.filter((r) => String(r.day) === last);
    expect(at.filter((r) => r.scope === "province").map((r) => r.rank)).toEqual([null]);
    for (const scope of ["city", "county"]) {
      expect(at.filter((r) => r.scope === scope).every((r) => typeof r.rank === "number")).toBe(true);
    }
    const summary = JSON.parse(readFileSync(join(province, "metrics", "summary.json"), "utf8"));
    expect(summary.text.startsWith("全省")).toBe(true);
  });
});
