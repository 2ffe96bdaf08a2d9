/**
 * Issue 13 in chromium: the site of a city-level warehouse (fixture-warehouse.ts `writeFixtureCityWarehouse`:
 * two counties, scopes city/county/township/unit, manifest level city), built by `HUANJIE_WAREHOUSE=DIR
 * npm run build` alone (no dataset, nothing ingested). Every page loads without error or off-origin request;
 * the overview names the city and shows its figures; the ranking page ranks the counties; a page per county
 * (region/<slug>) with its figures and its townships, drilling down to township and unit pages; no page
 * says 全县 or 本县.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Browser, chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { regionSlug, townshipSlug, unitSlug } from "../../loaders/lib/slug.ts";
import { parquet } from "../helpers/cli.ts";
import { CHROMIUM, chromiumArgs, OFFLINE, ROOT } from "./build.ts";
import { FIXTURE_CITY, FIXTURE_COUNTIES, writeFixtureCityWarehouse } from "./fixture-warehouse.ts";
import { serve } from "./server.ts";
import { htmlPages, type Visit, visit as visitPage } from "./visit.ts";

const hasChromium = existsSync(CHROMIUM);
const [COUNTY, OTHER] = FIXTURE_COUNTIES;
const TOWNSHIP = `${COUNTY.name}/城关镇`;

let warehouse: string;
let dist: string;
let server: Awaited<ReturnType<typeof serve>>;
let browser: Browser;
const visit = (path: string): Promise<Visit> => visitPage(browser, server.url, path);

/** `npm run build` (scripts/build-site.js) with only HUANJIE_WAREHOUSE (and the output folder) set. */
async function buildFromWarehouse(): Promise<void> {
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
    await writeFixtureCityWarehouse(warehouse);
    await buildFromWarehouse();
    server = await serve(dist);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: chromiumArgs });
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("has a page per county, township pages and unit pages; every page loads cleanly, none says 全县/本县", async () => {
    const pages = htmlPages(dist);
    const regions = FIXTURE_COUNTIES.map((c) => `/region/${regionSlug("county", c.name)}`);
    expect(pages).toEqual(expect.arrayContaining([...regions, `/township/${townshipSlug(TOWNSHIP)}`]));
    expect(pages.filter((p) => p.startsWith("/township/")).length).toBe(6);
    expect(pages.filter((p) => p.startsWith("/region/")).length).toBe(2);
    const unit = `/unit/${townshipSlug(TOWNSHIP)}?u=${unitSlug("150123100000")}`;
    for (const path of [...pages, unit]) {
      const v = await visit(path);
      expect.soft(v.errors, path).toEqual([]);
      expect.soft(v.offOrigin, path).toEqual([]);
      const text = (await v.page.locator("main").textContent()) ?? "";
      expect.soft(text, path).not.toMatch(/全县|本县/);
      await v.page.context().close();
    }
  }, 300_000);

  it("the overview names the city and shows the city's figures", async () => {
    const v = await visit("/");
    expect(await v.page.locator("main h1").first().textContent()).toContain(FIXTURE_CITY);
    const members = await partyMembers("city", FIXTURE_CITY);
    expect(members).toBe(
      (await partyMembers("county", COUNTY.name)) + (await partyMembers("county", OTHER.name)),
    );
    expect(await v.page.locator('[data-metric="members"] .big').first().textContent()).toBe(
      members.toLocaleString("en-US"),
    );
    await v.page.context().close();
  }, 60_000);

  it("ranks the counties, each linking to its page with its figures and its townships", async () => {
    const v = await visit("/townships");
    expect(await v.page.locator("main h1").first().textContent()).toBe("县");
    const links = v.page.locator("main table a");
    expect((await links.allTextContents()).sort()).toEqual(FIXTURE_COUNTIES.map((c) => c.name).sort());
    // Each county's row: its "两委" members (both bodies) as the warehouse has them.
    for (const county of FIXTURE_COUNTIES) {
      const [both] = await parquet<{ value: number }>(
        join(warehouse, "metrics", "structure.parquet"),
        "value",
        "WHERE term = 2021 AND body = 'both' AND metric = 'members' AND scope = 'county' AND scope_id = ?",
        [county.name],
      );
      const cells = await v.page
        .locator("main table tr", { hasText: county.name })
        .locator("td")
        .allTextContents();
      expect(cells[2], county.name).toBe(Math.round(both?.value ?? Number.NaN).toLocaleString("en-US"));
    }
    await v.page.context().close();

    for (const county of FIXTURE_COUNTIES) {
      const r = await visit(`/region/${regionSlug("county", county.name)}`);
      expect(await r.page.locator("main h1").first().textContent()).toBe(county.name);
      expect(await r.page.locator('[data-metric="members"] .big').first().textContent()).toBe(
        (await partyMembers("county", county.name)).toLocaleString("en-US"),
      );
      const townships = await r.page.locator("main table a").allTextContents();
      expect(townships.sort()).toEqual(
        ["城关镇", "新店子镇", "盛乐镇"].map((t) => `${county.name}/${t}`).sort(),
      );
      await r.page.context().close();
    }
  }, 120_000);

  it("drills down from a county to a township to a unit", async () => {
    const r = await visit(`/region/${regionSlug("county", COUNTY.name)}`);
    await r.page.locator("main table a", { hasText: TOWNSHIP }).click();
    await r.page.waitForURL(`**/township/${townshipSlug(TOWNSHIP)}`);
    await r.page.waitForFunction(
      () => !document.querySelector("observablehq-loading, .observablehq--loading"),
    );
    expect(await r.page.locator("main h1").first().textContent()).toBe(TOWNSHIP);
    // Up: the county's page.
    expect(await r.page.locator("main p.muted a").first().getAttribute("href")).toBe(
      `../region/${regionSlug("county", COUNTY.name)}`,
    );
    const units = await parquet<{ unit: string }>(
      join(warehouse, "units.parquet"),
      "unit",
      "WHERE township = ? ORDER BY unit_id",
      [TOWNSHIP],
    );
    const first = units[0]?.unit as string;
    await r.page.locator("main table a", { hasText: first }).first().click();
    await r.page.waitForURL(/\/unit\/.*\?u=/);
    await r.page.waitForFunction(
      () => !document.querySelector("observablehq-loading, .observablehq--loading"),
    );
    expect(await r.page.locator("main h1").first().textContent()).toBe(first);
    await r.page.context().close();
  }, 60_000);
});
