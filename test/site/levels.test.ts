/**
 * Issue 13 in chromium: the site of a city-level warehouse, built by `HUANJIE_WAREHOUSE=DIR npm run build`
 * alone (no dataset, nothing ingested). The warehouse: the shipped seeded city (data/city), its three counties
 * built one by one and combined by the CLI (`huanjie combine`). Every page loads without error or off-origin request;
 * the overview names the city and shows its figures; the ranking page ranks the counties; each county's page
 * (region?r=<slug>) with its figures and its townships, drilling down to township and unit pages; no page
 * says 全县 or 本县. The pages are the same as a county's: the region, township and unit pages load the
 * jurisdiction their address names.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Browser, chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { regionSlug, townshipSlug, unitSlug } from "../../loaders/lib/slug.ts";
import { literal } from "../../src/warehouse/duckdb.ts";
import { PROVINCE_PRESET, writeRegion } from "../../tools/sample/region.ts";
import { huanjieInProcess, parquet } from "../helpers/cli.ts";
import { builtWarehouses } from "../helpers/levels.ts";
import { CHROMIUM, chromiumArgs, OFFLINE, printJobs, ROOT } from "./build.ts";
import { type Served, serve } from "./server.ts";
import { siteReady } from "./session.ts";
import { htmlPages, settled, type Visit, visit as visitPage } from "./visit.ts";

const hasChromium = existsSync(CHROMIUM);
/** The seeded city (data/city): its name and its three county datasets. */
const CITY = "呼和浩特市";
const COUNTIES = ["和林格尔县", "武川县", "清水河县"] as const;

let warehouse: string;
/** The city's counties, and the townships of each (`县名/乡镇名`), from the warehouse. */
let counties: string[];
let townships: Map<string, string[]>;
let dist: string;
let server: Served;
let browser: Browser;
const visit = (path: string): Promise<Visit> => visitPage(browser, server.url, path);

/**
 * The city's warehouse: the counties of data/city, each built by `huanjie build` (once per test run: the levels
 * tests of test/levels read the same builds, test/helpers/shared.ts), then combined by the CLI.
 */
async function writeCity(): Promise<void> {
  const built = await builtWarehouses(join(ROOT, "data", "city"), COUNTIES);
  const inputs = COUNTIES.map((name) => built[name] as string);
  const args = ["combine", ...inputs, "--out", warehouse, "--name", CITY, "--level", "city", "--quiet"];
  const combined = await huanjieInProcess(args);
  if (combined.status !== 0) throw new Error(`huanjie combine: ${combined.stderr}`);
}

/** `npm run build` (scripts/build-site.js) with only HUANJIE_WAREHOUSE (and the output folder) set. */
async function buildFromWarehouse(warehouse: string, dist: string): Promise<void> {
  const env: NodeJS.ProcessEnv = { ...process.env, HUANJIE_WAREHOUSE: warehouse, HUANJIE_SITE_DIST: dist };
  delete env.HUANJIE_DATASET;
  env.SOURCE_DATE_EPOCH = "1611100800";
  const argv = [join(ROOT, "scripts", "build-site.js")];
  const [command, ...args] = OFFLINE
    ? ["unshare", "-n", process.execPath, ...argv]
    : [process.execPath, ...argv];
  const child = spawn(command as string, args, { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
  let log = "";
  const keep = (b: Buffer) => (log = (log + b.toString()).slice(-6000));
  child.stdout.on("data", keep);
  child.stderr.on("data", keep);
  const status = await new Promise<number | null>((done) => child.on("close", done));
  if (status !== 0) throw new Error(`site build from ${warehouse} failed (${status}):\n${log}`);
  // Built from the warehouse as it was: no dataset read, no huanjie build run.
  expect(log).not.toMatch(/huanjie.js build/);
}

/** The site of `warehouse` built into `dist` (buildFromWarehouse), served on 127.0.0.1, and a chromium. */
async function openBuilt(warehouse: string, dist: string): Promise<{ server: Served; browser: Browser }> {
  // One site build at a time in a checkout (build-site.js refuses a second): wait for the run's sample site
  // (global-setup.ts), whose server answers when its build has ended, whether it succeeded or not.
  await siteReady().catch(() => {});
  await buildFromWarehouse(warehouse, dist);
  const server = await serve(dist);
  return { server, browser: await chromium.launch({ executablePath: CHROMIUM, args: chromiumArgs }) };
}

/** Close what openBuilt opened (either may be missing when the build failed). */
async function closeBuilt(server: Served | undefined, browser: Browser | undefined): Promise<void> {
  await browser?.close();
  await server?.close();
}

/** The structure row of the party body, reported term (2021), of one scope. */
async function partyMembers(scope: string, id: string): Promise<number> {
  const [row] = await parquet<{ count: number }>(
    join(warehouse, "metrics", "structure.parquet"),
    "count",
    "WHERE term = 2021 AND body = 'party' AND metric = 'members' AND scope = ? AND scope_id = ?",
    [scope, id],
  );
  return row?.count ?? Number.NaN;
}

describe.skipIf(!hasChromium)("a city's site in chromium", () => {
  beforeAll(async () => {
    const dir = mkdtempSync(join(process.env.HUANJIE_TEST_TMP ?? tmpdir(), "huanjie-city-site-"));
    warehouse = join(dir, "city");
    dist = join(dir, "dist");
    await writeCity();
    const rows = await parquet<{ county: string; township: string }>(
      join(warehouse, "units.parquet"),
      "DISTINCT l.county, u.township",
      `u JOIN read_parquet(${literal(join(warehouse, "unit_levels.parquet"))}) l USING (unit_id) ORDER BY ALL`,
    );
    counties = [...new Set(rows.map((r) => r.county))];
    townships = new Map(counties.map((c) => [c, rows.filter((r) => r.county === c).map((r) => r.township)]));
    ({ server, browser } = await openBuilt(warehouse, dist));
  }, 600_000);

  afterAll(() => closeBuilt(server, browser));

  it("has the fixed pages, and the files of every county's and township's page; every page loads cleanly, none says 全县/本县", async () => {
    const pages = htmlPages(dist);
    const all = [...townships.values()].flat();
    expect(counties.length).toBeGreaterThan(1);
    // No page per jurisdiction: the same pages as a county's site.
    expect(pages.sort()).toEqual(
      [
        ...["/", "/about", "/bulletin", "/elections", "/progress", "/quality", "/region"],
        ...["/structure", "/targets", "/township", "/townships", "/unit", "/units", "/vetting"],
      ].sort(),
    );
    expect(readdirSync(join(dist, "_data", "regions")).sort()).toEqual(
      counties.map((c) => regionSlug("county", c)).sort(),
    );
    // A folder per county, holding its lists and (in part 0: these counties are small) its townships' unit-level
    // files; none per township.
    expect(existsSync(join(dist, "_data", "townships"))).toBe(false);
    const arrows = (...names: string[]) => names.map((f) => `${f}.arrow`);
    for (const county of counties) {
      const folder = join(dist, "_data", "regions", regionSlug("county", county));
      expect(readdirSync(folder).sort()).toEqual(
        [
          "0",
          "files.json",
          "region.json",
          ...arrows("failed", "finder", "progress", "rejects", "rounds", "structure", "targets", "todo"),
          "warnings.arrow",
        ].sort(),
      );
      expect(readdirSync(join(folder, "0")).sort()).toEqual(
        arrows("checks", "elections", "failures", "members", "previous", "units"),
      );
    }
    const [first] = await parquet<{ unit_id: string; township: string; county: string }>(
      join(warehouse, "units.parquet"),
      "unit_id, township, l.county",
      `u JOIN read_parquet(${literal(join(warehouse, "unit_levels.parquet"))}) l USING (unit_id)
      ORDER BY unit_id LIMIT 1`,
    );
    const unit = `/unit?c=${regionSlug("county", String(first?.county))}&t=${townshipSlug(String(first?.township))}&u=${unitSlug(String(first?.unit_id))}`;
    const addressed = [
      ...counties.map((c) => `/region?r=${regionSlug("county", c)}`),
      ...counties.flatMap((c) =>
        (townships.get(c) ?? []).map((t) => `/township?c=${regionSlug("county", c)}&t=${townshipSlug(t)}`),
      ),
      unit,
    ];
    expect(addressed.length).toBe(counties.length + all.length + 1);
    // npm run pdf prints every township's page at the address that names its county.
    const printed = printJobs(dist).map((j: { path: string }) => j.path);
    for (const path of addressed.filter((p) => p.startsWith("/township?"))) expect(printed).toContain(path);
    for (const path of [...pages, ...addressed]) {
      const v = await visit(path);
      expect.soft(v.errors, path).toEqual([]);
      expect.soft(v.offOrigin, path).toEqual([]);
      const text = (await v.page.locator("main").textContent()) ?? "";
      expect.soft(text, path).not.toMatch(/全县|本县/);
      if (addressed.includes(path))
        expect.soft(await v.page.locator("main h1").first().textContent(), path).not.toMatch(/^未知/);
      await v.page.context().close();
    }
  }, 300_000);

  it("the overview names the city and shows the city's figures", async () => {
    const v = await visit("/");
    expect(await v.page.locator("main h1").first().textContent()).toContain(CITY);
    const members = await partyMembers("city", CITY);
    expect(members).toBeGreaterThan(0);
    expect(await v.page.locator('[data-metric="members"] .big').first().textContent()).toBe(
      members.toLocaleString("en-US"),
    );
    await v.page.context().close();
  }, 60_000);

  it("ranks the counties, each linking to its page with its figures and its townships", async () => {
    const v = await visit("/townships");
    expect(await v.page.locator("main h1").first().textContent()).toBe("县");
    const links = v.page.locator("main table a");
    expect((await links.allTextContents()).sort()).toEqual([...counties].sort());
    // Each county's row: its "两委" members (both bodies) as the warehouse has them.
    for (const county of counties) {
      const [both] = await parquet<{ value: number }>(
        join(warehouse, "metrics", "structure.parquet"),
        "value",
        "WHERE term = 2021 AND body = 'both' AND metric = 'members' AND scope = 'county' AND scope_id = ?",
        [county],
      );
      const cells = await v.page
        .locator("main table tr", { hasText: county })
        .locator("td")
        .allTextContents();
      expect(cells[2], county).toBe(Math.round(both?.value ?? Number.NaN).toLocaleString("en-US"));
    }
    await v.page.context().close();

    for (const county of counties) {
      const r = await visit(`/region?r=${regionSlug("county", county)}`);
      expect(await r.page.locator("main h1").first().textContent()).toBe(county);
      expect(await r.page.locator('[data-metric="members"] .big').first().textContent()).toBe(
        (await partyMembers("county", county)).toLocaleString("en-US"),
      );
      const links = await r.page.locator("main table a").allTextContents();
      expect(links.sort()).toEqual([...(townships.get(county) ?? [])].sort());
      await r.page.context().close();
    }
  }, 120_000);

  it("drills down from a county to a township to a unit", async () => {
    const county = counties[0] as string;
    const TOWNSHIP = townships.get(county)?.[0] as string;
    const r = await visit(`/region?r=${regionSlug("county", county)}`);
    await r.page.locator("main table a", { hasText: TOWNSHIP }).click();
    await r.page.waitForURL(`**/township?c=${regionSlug("county", county)}&t=${townshipSlug(TOWNSHIP)}`);
    await r.page.waitForFunction(
      () => !document.querySelector("observablehq-loading, .observablehq--loading"),
    );
    expect(await r.page.locator("main h1").first().textContent()).toBe(TOWNSHIP);
    // Up: the county's page.
    expect(await r.page.locator("main p.muted a").first().getAttribute("href")).toBe(
      `./region?r=${regionSlug("county", county)}`,
    );
    const units = await parquet<{ unit: string }>(
      join(warehouse, "units.parquet"),
      "unit",
      "WHERE township = ? ORDER BY unit_id",
      [TOWNSHIP],
    );
    // Its own units only, from its county's files.
    expect(await r.page.locator("main p.muted").first().textContent()).toContain(`村社 ${units.length} 个`);
    const first = units[0]?.unit as string;
    await r.page.locator("main table a", { hasText: first }).first().click();
    await r.page.waitForURL(/\/unit\?c=c[0-9a-f]{8}&t=.*&u=/);
    await r.page.waitForFunction(
      () => !document.querySelector("observablehq-loading, .observablehq--loading"),
    );
    expect(await r.page.locator("main h1").first().textContent()).toBe(first);
    await r.page.context().close();
  }, 60_000);

  it("村社, 目标任务 and 选举 load no unit-level list until a county is chosen, then only that county's", async () => {
    const county = counties[1] as string;
    const slug = regionSlug("county", county);
    const levelsFile = literal(join(warehouse, "unit_levels.parquet"));
    const ofCounty = `JOIN read_parquet(${levelsFile}) l USING (unit_id) WHERE l.county = ?`;
    const [units] = await parquet<{ n: number }>(
      join(warehouse, "units.parquet"),
      "count(*)::INTEGER AS n",
      `u ${ofCounty}`,
      [county],
    );
    const [todo] = await parquet<{ n: number }>(
      join(warehouse, "metrics", "target_units.parquet"),
      "count(*)::INTEGER AS n",
      `t ${ofCounty} AND t.term = 2021 AND t.met IS NOT TRUE`,
      [county],
    );
    expect(units?.n).toBeGreaterThan(0);
    const v = await visit("/units");
    expect(v.files.filter((f) => /unit-finder|\/_data\//.test(f))).toEqual([]);
    expect(await v.page.locator("main table").count()).toBe(0);
    await Promise.all([
      v.page.waitForURL(`**/units?c=${slug}`),
      v.page.locator('main select[data-scope="county"]').selectOption(slug),
    ]);
    await v.page.locator("main table.dt").waitFor();
    expect(await v.page.locator("main").textContent()).toContain(`共 ${units?.n} 条`);
    // Its units link to their pages with the county in the address.
    const href = (await v.page.locator("main table a").first().getAttribute("href")) as string;
    expect(href).toMatch(new RegExp(`^\\./unit\\?c=${slug}&t=t[0-9a-f]{8}&u=`));
    expect(v.files.filter((f) => f.startsWith("/_data/"))).toEqual([`/_data/regions/${slug}/finder.arrow`]);
    expect(v.errors).toEqual([]);
    expect(v.offOrigin).toEqual([]);
    await v.page.context().close();

    // An address naming the county opens its lists at once.
    const t = await visit(`/targets?c=${slug}`);
    await t.page.locator("main table.dt").nth(1).waitFor();
    expect(await t.page.locator("main h2", { hasText: "待办" }).textContent()).toBe(
      `待办:未达标的村社(${county})(${todo?.n})`,
    );
    expect(t.files.filter((f) => /target-todo|\/_data\//.test(f))).toEqual([
      `/_data/regions/${slug}/region.json`,
      `/_data/regions/${slug}/todo.arrow`,
    ]);
    expect(t.errors).toEqual([]);
    await t.page.context().close();
    const e = await visit(`/elections?c=${slug}`);
    await settled(e.page);
    expect(await e.page.locator("main h2", { hasText: "未通过的核对" }).textContent()).toContain(county);
    expect(e.files.filter((f) => /check-failures|election-rounds|\/_data\//.test(f)).sort()).toEqual([
      `/_data/regions/${slug}/failed.arrow`,
      `/_data/regions/${slug}/region.json`,
      `/_data/regions/${slug}/rounds.arrow`,
    ]);
    expect(e.errors).toEqual([]);
    expect(e.offOrigin).toEqual([]);
    await e.page.context().close();
  }, 120_000);

  it("数据质量 and 关于 list no input file (数据质量 no finding) until a county is chosen, then only that county's", async () => {
    const county = counties[0] as string;
    const slug = regionSlug("county", county);
    const listed = (
      JSON.parse(readFileSync(join(warehouse, "manifest.json"), "utf8")) as {
        files: { source_dataset: string; path: string }[];
      }
    ).files;
    const own = listed.filter((f) => f.source_dataset === county);
    expect(own.length).toBeGreaterThan(0);
    for (const page of ["quality", "about"]) {
      const v = await visit(`/${page}`);
      // The figures per county, one row each; no file's row.
      expect(v.files.filter((f) => f.startsWith("/_data/"))).toEqual([]);
      expect(await v.page.locator("main").textContent()).toContain(county);
      expect(await v.page.locator("main").textContent()).toContain(`共 ${counties.length} 条`);
      await v.page.context().close();
      const c = await visit(`/${page}?c=${slug}`);
      await settled(c.page);
      // 数据质量 also fetches the county's rejects and warnings (none in data/city: test/loaders/jurisdictions.test.ts).
      const findings = page === "quality" ? ["rejects.arrow", "warnings.arrow"] : [];
      expect(c.files.filter((f) => f.startsWith("/_data/")).sort()).toEqual(
        ["files.json", "region.json", ...findings].map((name) => `/_data/regions/${slug}/${name}`),
      );
      expect(await c.page.locator("main").textContent()).toContain(`共 ${own.length} 条`);
      expect(c.errors).toEqual([]);
      expect(c.offOrigin).toEqual([]);
      await c.page.context().close();
    }
  }, 120_000);
});

describe.skipIf(!hasChromium)("a province's site in chromium", () => {
  // The seeded province (tools/sample/region.ts: two cities of two counties, with 市 and 县 columns), built from
  // its raw exports as one dataset; its site from the warehouse alone. Cheap: a handful of pages, drilled down.
  let province: string;
  let provinceDist: string;
  let server: Served;
  let browser: Browser;
  const open = (path: string): Promise<Visit> => visitPage(browser, server.url, path);
  beforeAll(async () => {
    const dir = mkdtempSync(join(process.env.HUANJIE_TEST_TMP ?? tmpdir(), "huanjie-province-site-"));
    writeRegion({ ...PROVINCE_PRESET, outDir: join(dir, "data") });
    provinceDist = join(dir, "dist");
    // Built once per test run: test/levels/city.test.ts reads the same build (test/helpers/shared.ts).
    province = (await builtWarehouses(join(dir, "data"), [PROVINCE_PRESET.name]))[
      PROVINCE_PRESET.name
    ] as string;
    ({ server, browser } = await openBuilt(province, provinceDist));
  }, 600_000);

  afterAll(() => closeBuilt(server, browser));

  it("ranks the cities and drills down city → county → township → unit, each page clean and its figures the warehouse's", async () => {
    const cities = [...new Set(PROVINCE_PRESET.counties.map((c) => c.city as string))].sort();
    const v = await open("/");
    expect(await v.page.locator("main h1").first().textContent()).toContain(PROVINCE_PRESET.name);
    const [own] = await parquet<{ count: number }>(
      join(province, "metrics", "structure.parquet"),
      "count",
      "WHERE term = 2021 AND body = 'party' AND metric = 'members' AND scope = 'province'",
    );
    expect(await v.page.locator('[data-metric="members"] .big').first().textContent()).toBe(
      own?.count.toLocaleString("en-US"),
    );
    await v.page.context().close();
    const ranking = await open("/townships");
    expect(await ranking.page.locator("main h1").first().textContent()).toBe("市");
    expect((await ranking.page.locator("main table a").allTextContents()).sort()).toEqual(cities);
    // Down: a city, its first county, that county's first township, its first unit.
    const city = cities[0] as string;
    await ranking.page.locator("main table a", { hasText: city }).click();
    await ranking.page.waitForURL(`**/region?r=${regionSlug("city", city)}`);
    // Each step: the page's first link down (a county, a township, a unit), followed to its address.
    for (const kind of ["/region?r=", "/township?c=", "/unit?c="]) {
      await settled(ranking.page);
      expect(await ranking.page.locator("main h1").first().textContent()).not.toMatch(/^未知/);
      const link = ranking.page.locator("main table a").first();
      const target = new URL((await link.getAttribute("href")) as string, ranking.page.url()).href;
      expect(target).toContain(kind);
      await Promise.all([ranking.page.waitForURL(target), link.click()]);
    }
    await settled(ranking.page);
    expect(await ranking.page.locator("main h1").first().textContent()).not.toMatch(/^未知/);
    expect(ranking.errors).toEqual([]);
    expect(ranking.offOrigin).toEqual([]);
    await ranking.page.context().close();

    // 村社: a city, then one of its counties, then that county's units (and only its files).
    const county = PROVINCE_PRESET.counties.find((c) => c.city === city)?.name as string;
    const slug = regionSlug("county", county);
    const [units] = await parquet<{ n: number }>(
      join(province, "units.parquet"),
      "count(*)::INTEGER AS n",
      `u JOIN read_parquet(${literal(join(province, "unit_levels.parquet"))}) l USING (unit_id) WHERE l.county = ?`,
      [county],
    );
    const finder = await open("/units");
    await finder.page.locator('main select[data-scope="city"]').selectOption(regionSlug("city", city));
    await Promise.all([
      finder.page.waitForURL(`**/units?c=${slug}`),
      finder.page.locator('main select[data-scope="county"]').selectOption(slug),
    ]);
    await finder.page.locator("main table.dt").waitFor();
    expect(await finder.page.locator("main").textContent()).toContain(`共 ${units?.n} 条`);
    expect(finder.files.filter((f) => f.startsWith("/_data/"))).toEqual([
      `/_data/regions/${regionSlug("city", city)}/region.json`,
      `/_data/regions/${slug}/finder.arrow`,
    ]);
    expect(finder.errors).toEqual([]);
    expect(finder.offOrigin).toEqual([]);
    await finder.page.context().close();
  }, 120_000);
});
