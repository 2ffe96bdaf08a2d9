/**
 * Browser tests of the built report site: Debian chromium through
 * playwright-core against dist/ served on 127.0.0.1. The site is built once
 * per test run (global-setup.ts). Skipped, with a message, only where /usr/bin/chromium is absent;
 * .ci/run installs it.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { strFromU8, unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { townshipSlug, unitSlug } from "../../loaders/lib/slug.ts";
import { expectStrictCsp } from "../security/csp.ts";
import { scanFolder, secretsOf } from "../security/scan.ts";
import { CHROMIUM, OFFLINE, printJobs, printMedia } from "./build.ts";
import { DDE_NAME, FORMULA_NAME, MARKUP_NAME, SCRIPT_NAME } from "./fixture-warehouse.ts";
import { openSite } from "./session.ts";
import {
  htmlPages,
  jurisdictionRows,
  townshipsOf,
  unitUrls,
  type Visit,
  visit as visitPage,
} from "./visit.ts";

const hasChromium = existsSync(CHROMIUM);
/** The sample's unit whose party election fails the 差额 rule (unit-weight.test.ts opens it). */
const SHANGTAN_ID = "150123100207";
if (!hasChromium)
  console.warn(`site tests skipped: ${CHROMIUM} not found (apt-get install -y chromium fonts-noto-cjk)`);

describe.skipIf(!hasChromium)("report site in chromium", () => {
  const session = openSite();
  /** Open a page of the served site (visit.ts). */
  const visit = (path: string): Promise<Visit> => visitPage(session.browser, session.url, path);

  it("every page loads cleanly, ready for print, under 500 KiB all in: the fixed pages, and each township's", async () => {
    // The pages are fixed: the top-level ones, and the township, unit and region pages, which load the
    // jurisdiction their address names (without one they say so). Every township's page, and the page of a
    // unit of each township (so every township's files load in the pages); the units' own rows are checked
    // unit by unit in the next test. One visit a page for every check: lang, CSP, heading, no error, no
    // off-origin request, what it loads, and ready to print as `npm run pdf` needs it.
    //
    // The budget of issues 5 and 13: every page under 500 KiB all in (everything it fetched: HTML, code,
    // styles, data, fonts). The shared libraries, d3's single modules (the charts, number and date
    // formats) and Flechette (≈ 50 KiB, decodes the Arrow IPC data files the design requires), are
    // counted apart and printed; a page's data files and its own code are also held to 500 KiB without
    // them (issue 5). No page loads a chart library beyond d3's modules (Plot, all of d3: ≈ 260–480 KiB).
    const BUDGET = 500 * 1024;
    const LIBRARIES = /^\/_node\/(d3-[a-z-]+|@uwdata\/flechette)@/;
    const WHOLE = /^\/_node\/(@observablehq\/plot|d3)@/;
    const { dist } = session.site;
    const townships = townshipsOf(dist);
    expect(townships.length).toBe(9);
    const firstUnits = [...new Map(unitUrls(dist).map((u) => [u.replace(/&u=.*$/, ""), u])).values()];
    expect(firstUnits.length).toBe(townships.length);
    const chosen = [
      ...htmlPages(dist),
      ...townships.map((t) => `/township?t=${t.slug}`),
      ...firstUnits,
      ...unitUrls(dist).filter((u) => u.endsWith(`&u=${unitSlug(SHANGTAN_ID)}`)),
    ];
    expect(chosen).toEqual(expect.arrayContaining(["/", "/quality", "/township", "/unit", "/region"]));
    // The pages `npm run pdf` prints (every top-level and township page; print-url.test.ts prints four).
    const printed = new Set(printJobs(dist).map((j) => j.path));
    expect([...printed].filter((p) => !chosen.includes(p))).toEqual([]);
    const weights: string[] = [];
    for (const path of chosen) {
      const v = await visit(path);
      expect.soft(v.errors, path).toEqual([]);
      expect.soft(v.offOrigin, path).toEqual([]);
      expect.soft(await v.page.evaluate(() => document.documentElement.lang), path).toBe("zh-CN");
      expect
        .soft(
          await v.page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute("content"),
          path,
        )
        .toMatch(/script-src 'self' 'sha256-/);
      expect.soft(await v.page.locator("main h1").first().textContent(), path).toBeTruthy();
      // A township's and a unit's page load their own township's files only.
      const slug = /[?&]t=([a-z0-9]+)/.exec(path)?.[1];
      if (slug) {
        expect.soft(await v.page.locator("main h1").first().textContent(), path).not.toMatch(/^未知/);
        expect.soft(v.files.length, path).toBeGreaterThan(1);
        for (const file of v.files.filter((f) => f.startsWith("/_data/")))
          expect
            .soft(file, path)
            .toMatch(new RegExp(`^/_data/townships/${slug}/(township\\.json|[a-z]+\\.arrow)$`));
      }
      let libraries = 0;
      for (const [p, n] of v.sizes) if (LIBRARIES.test(p)) libraries += n;
      weights.push(
        `${path} ${(v.bytes / 1024).toFixed(0)} KiB (data and page ${((v.bytes - libraries) / 1024).toFixed(0)})`,
      );
      expect.soft(v.bytes - libraries, path).toBeLessThan(BUDGET);
      expect.soft(v.bytes, `${path} all in`).toBeLessThan(BUDGET);
      expect
        .soft(
          [...v.sizes.keys()].filter((p) => WHOLE.test(p)),
          path,
        )
        .toEqual([]);
      if (printed.has(path)) await printMedia(v.page);
      await v.page.context().close();
    }
    console.log(`page weights on the sample: ${weights.join("; ")}`);
    // A visit per page: bound the whole walk, not each page, so a loaded machine does not fail it.
  }, 600_000);

  it("every unit's page finds it and lists its members: its slug, and its rows in its township's files", () => {
    // The unit page (the same page for every unit) picks the unit from its township's units.arrow by the
    // slug in its address, and shows that unit's rows of members.arrow (both committees of this term).
    // The links of the other pages are made with lib/slug.ts, the files' slugs by DuckDB: they agree.
    const { dist } = session.site;
    let units = 0;
    for (const { slug, name } of townshipsOf(dist)) {
      expect(slug).toBe(townshipSlug(name));
      const members = new Set(jurisdictionRows(dist, "townships", slug, "members").map((m) => m.unit_id));
      for (const unit of jurisdictionRows(dist, "townships", slug, "units")) {
        units++;
        expect.soft(unit.slug, unit.unit_id).toBe(unitSlug(unit.unit_id));
        expect.soft(unit.township, unit.unit_id).toBe(name);
        expect.soft(members.has(unit.unit_id), `${unit.unit_id} has members`).toBe(true);
      }
    }
    expect(units).toBeGreaterThan(100);
  });

  it("every built page's CSP allows only its own scripts (origin and hashed inline scripts)", () => {
    // The fixed pages: eleven in the sidebar, the township, unit and region pages (and 404).
    expect(expectStrictCsp(session.site.dist)).toBeGreaterThanOrEqual(14);
  });

  it("no built page or data file holds an ID number or a full birth date of the inputs", async () => {
    expect(session.site.dataset).not.toBe("");
    const secrets = await secretsOf(session.site.dataset);
    expect(secrets.ids.size).toBeGreaterThan(500);
    const { files, found } = await scanFolder(session.site.dist, secrets);
    // The pages, their data files and every township's folder of files (nine townships).
    expect(files).toBeGreaterThan(14 + 9 * 9);
    expect(found).toEqual([]);
  }, 120_000);

  it("was built from the sample, with no network where the machine allows it (unshare -n)", () => {
    expect(session.site.mode).toBe("sample");
    // Where unshare -n works (root on Linux, as in CI) the build above ran with no network at all.
    if (!OFFLINE) console.warn("site build ran with the network available: unshare -n is not permitted here");
  });

  it("no npm: import, no Google Fonts, no off-origin URL in the built HTML", () => {
    for (const path of htmlPages(session.site.dist)) {
      const file = join(session.site.dist, path === "/" ? "index.html" : `${path.slice(1)}.html`);
      const html = readFileSync(file, "utf8");
      expect(html, path).not.toMatch(/fonts\.googleapis|cdn\.jsdelivr|npm:/);
      expect(html, path).toMatch(/^<!DOCTYPE html>\n<html lang="zh-CN">/);
    }
  });

  it("overview shows the reference figures and weighs under 500 KiB", async () => {
    const v = await visit("/");
    const text = (await v.page.locator("main").textContent()) ?? "";
    for (const figure of ["523", "30.2%", "18.5%", "18.4%", "48.2", "96.3%", "95.6%"])
      expect(text).toContain(figure);
    expect(text).toContain("两升一降");
    expect(v.bytes).toBeLessThan(500 * 1024);
    await v.page.context().close();
  });

  it("structure page shows the age pyramid and the education ladder, following the township filter", async () => {
    const v = await visit("/structure");
    const main = v.page.locator("main");
    expect(await main.locator('svg[aria-label*="年龄与性别金字塔"]').count()).toBe(1);
    expect(await main.locator('svg[aria-label*="学历阶梯"]').count()).toBe(1);
    const township = main.locator("label", { hasText: "范围" }).locator("select");
    const name = (await township.locator("option").nth(1).textContent()) ?? "";
    await township.selectOption({ index: 1 });
    await expect
      .poll(() => main.locator('svg[aria-label*="年龄与性别金字塔"]').getAttribute("aria-label"))
      .toContain(name);
    expect(v.errors).toEqual([]);
    await v.page.context().close();
  });

  it("quality page downloads parse back: CSV with BOM, XLSX", async () => {
    const v = await visit("/quality");
    const table = v.page.locator(".data-table").first();
    const [csv] = await Promise.all([
      v.page.waitForEvent("download"),
      table.getByRole("button", { name: "下载 CSV" }).click(),
    ]);
    const bytes = readFileSync((await csv.path()) as string);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString("utf8").slice(1).split("\r\n");
    expect(lines[0]).toBe("文件,工作表,读取,采用,拒收,跳过,平衡");
    expect(lines.length).toBeGreaterThan(2);
    const [x] = await Promise.all([
      v.page.waitForEvent("download"),
      table.getByRole("button", { name: "下载 Excel" }).click(),
    ]);
    const zip = unzipSync(readFileSync((await x.path()) as string));
    const sheet = strFromU8(zip["xl/worksheets/sheet1.xml"] as Uint8Array);
    expect(sheet).toContain('<t xml:space="preserve">文件</t>');
    expect(Object.keys(zip)).toContain("[Content_Types].xml");
    await v.page.context().close();
  });

  it("unit finder matches Chinese substrings; a unit page renders members; markup in a name stays text", async () => {
    const v = await visit("/units");
    const table = v.page.locator(".data-table").first();
    const rowsBefore = await table.locator("tbody tr").count();
    await table.locator('input[type="search"]').fill("社区");
    const texts = await table.locator("tbody tr").allTextContents();
    expect(texts.length).toBeGreaterThan(0);
    expect(texts.length).toBeLessThanOrEqual(rowsBefore);
    for (const t of texts) expect(t).toContain("社区");
    await table.locator('input[type="search"]').fill("onerror");
    await expect.poll(() => table.locator("tbody tr").count()).toBe(1);
    await Promise.all([v.page.waitForURL(/\/unit\?t=/), table.locator("tbody tr a").first().click()]);
    await v.page.waitForLoadState("networkidle");
    const main = v.page.locator("main");
    // The members' tables are rendered by the page's code once its data has loaded: wait for them.
    await main.locator("table.dt tbody tr").nth(2).waitFor();
    expect(await main.locator("table.dt tbody tr").count()).toBeGreaterThan(2);
    for (const name of [MARKUP_NAME, SCRIPT_NAME, FORMULA_NAME, DDE_NAME])
      expect(await main.textContent()).toContain(name);
    expect(await main.locator('img[src="x"]').count()).toBe(0);
    expect(await main.locator("script").count()).toBe(0);
    // Formula injection: the member table holding the formula-like name downloads it prefixed with '.
    const holder = main.locator(".data-table", { hasText: "HYPERLINK" }).first();
    const [csv] = await Promise.all([
      v.page.waitForEvent("download"),
      holder.getByRole("button", { name: "下载 CSV" }).click(),
    ]);
    const text = readFileSync((await csv.path()) as string, "utf8");
    expect(text).toContain(`"'${FORMULA_NAME.replaceAll('"', '""')}"`);
    expect(text).toContain(`'${DDE_NAME}`);
    expect(text).not.toMatch(/(^|[,"])=cmd/m);
    expect(text).toContain(MARKUP_NAME);
    expect(text).toContain(SCRIPT_NAME);
    expect(v.errors).toEqual([]);
    await v.page.context().close();
  });

  it("a township page renders its units and members", async () => {
    const v = await visit("/townships");
    const link = v.page.locator("main table.dt tbody tr a").first();
    const name = (await link.textContent()) ?? "";
    await Promise.all([v.page.waitForURL(/\/township\?t=/), link.click()]);
    // The heading is rendered by the page's code once its data has loaded: wait for it, not for the network.
    await v.page.locator("main h1").filter({ hasText: name }).waitFor();
    expect(await v.page.locator("main h1").textContent()).toBe(name);
    const tables = v.page.locator("main .data-table");
    expect(await tables.count()).toBeGreaterThanOrEqual(2);
    expect(await tables.last().locator("tbody tr").count()).toBeGreaterThan(0);
    expect(v.errors).toEqual([]);
    await v.page.context().close();
  });

  // `npm run pdf` (a folder of A4 PDFs, the overview among them) is tested in print-url.test.ts.
});
