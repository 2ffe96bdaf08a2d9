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
import { expectStrictCsp } from "../security/csp.ts";
import { scanFolder, secretsOf } from "../security/scan.ts";
import { CHROMIUM, OFFLINE, printJobs, printMedia } from "./build.ts";
import { DDE_NAME, FORMULA_NAME, MARKUP_NAME, SCRIPT_NAME } from "./fixture-warehouse.ts";
import { openSite } from "./session.ts";
import { htmlPages, unitUrls, type Visit, visit as visitPage } from "./visit.ts";

const hasChromium = existsSync(CHROMIUM);
if (!hasChromium)
  console.warn(`site tests skipped: ${CHROMIUM} not found (apt-get install -y chromium fonts-noto-cjk)`);

describe.skipIf(!hasChromium)("report site in chromium", () => {
  const session = openSite();
  /** Open a page of the served site (visit.ts). */
  const visit = (path: string): Promise<Visit> => visitPage(session.browser, session.url, path);

  it("every page opens with lang zh-CN, no error, no off-origin request, a CSP, and readies itself for print", async () => {
    // Every built page (the unit pages without a unit in their URL list their township's units), and
    // three unit pages with a unit; the others are opened by the next test.
    const chosen = [...htmlPages(session.site.dist), ...unitUrls(session.site.dist).slice(0, 3)];
    // The pages `npm run pdf` prints (every top-level and township page; print-url.test.ts prints four).
    const printed = new Set(printJobs(session.site.dist, []).map((j) => j.path));
    expect([...printed].filter((p) => !chosen.includes(p))).toEqual([]);
    expect(chosen).toContain("/");
    expect(chosen).toContain("/quality");
    expect(chosen.filter((p) => p.startsWith("/unit/")).length).toBeGreaterThan(3);
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
      // Ready to print as `npm run pdf` needs it: every table holding all its rows.
      if (printed.has(path)) await printMedia(v.page);
      await v.page.context().close();
    }
  }, 300_000);

  it("every other unit opens cleanly and lists its members", async () => {
    const units = unitUrls(session.site.dist).slice(3);
    expect(units.length).toBeGreaterThan(100);
    const context = await session.browser.newContext({ viewport: { width: 1280, height: 900 } });
    // Two tabs at a time, each reused from page to page: the same checks as above, at a fraction of the cost.
    const worker = async (paths: string[]) => {
      const page = await context.newPage();
      let current = "";
      const problems: string[] = [];
      page.on("console", (m) => m.type() === "error" && problems.push(`${current} console: ${m.text()}`));
      page.on("pageerror", (e) => problems.push(`${current} pageerror: ${e.message}`));
      page.on("dialog", (d) => {
        problems.push(`${current} dialog: ${d.message()}`);
        void d.dismiss();
      });
      page.on("request", (r) => {
        const u = new URL(r.url());
        if (!["blob:", "data:"].includes(u.protocol) && u.origin !== session.url)
          problems.push(`${current} off-origin: ${r.url()}`);
      });
      for (const path of paths) {
        current = path;
        await page.goto(session.url + path, { waitUntil: "load" });
        await page.waitForFunction(() => !document.querySelector(".observablehq--loading"), null, {
          timeout: 20_000,
        });
        await page.locator("main table tbody tr").first().waitFor({ timeout: 20_000 });
        expect.soft(await page.evaluate(() => document.documentElement.lang), path).toBe("zh-CN");
        expect.soft(await page.locator("main h1").first().textContent(), path).not.toBe("未知村社");
        // The members of the unit itself (its two committees' tables), not the township's list of units.
        const tables = page.locator("main .data-table");
        const members =
          (await tables.nth(0).locator("tbody tr").count()) +
          (await tables.nth(1).locator("tbody tr").count());
        expect.soft(members, path).toBeGreaterThan(0);
      }
      return problems;
    };
    const halves = [units.filter((_, i) => i % 2 === 0), units.filter((_, i) => i % 2 === 1)];
    const problems = (await Promise.all(halves.map(worker))).flat();
    await context.close();
    expect(problems).toEqual([]);
  }, 300_000);

  it("every built page's CSP allows only its own scripts (origin and hashed inline scripts)", () => {
    // Ten pages and two per township (its own and its unit page): the sample has nine townships.
    expect(expectStrictCsp(session.site.dist)).toBeGreaterThanOrEqual(10 + 2 * 9);
  });

  it("no built page or data file holds an ID number or a full birth date of the inputs", async () => {
    expect(session.site.dataset).not.toBe("");
    const secrets = await secretsOf(session.site.dataset);
    expect(secrets.ids.size).toBeGreaterThan(500);
    const { files, found } = await scanFolder(session.site.dist, secrets);
    expect(files).toBeGreaterThan(10 + 2 * 9 + 9);
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
    await Promise.all([v.page.waitForURL(/\/unit\//), table.locator("tbody tr a").first().click()]);
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

  it("every page's data and own code load under 500 KiB, the shared libraries counted apart", async () => {
    // The budget of issue 5 for every page (a unit and a township page with a unit in the URL): its data
    // files and its own code under 500 KiB. The shared libraries, Observable Plot with the parts of d3 it
    // needs (≈ 260 KiB, scripts/plot-bundle.js), Flechette (≈ 45 KiB, decodes the Arrow IPC data files
    // the design requires) and single d3 modules, are a fixed cost of the pages that use them, counted
    // apart and printed. All in, every page is held to 600 KiB (issue 14; unit-weight.test.ts covers
    // every page); the overview to 500 KiB by its own test.
    const BUDGET = 500 * 1024;
    const LIBRARIES =
      /^\/(_node\/(@observablehq\/plot|d3-[a-z-]+|d3|interval-tree-1d|isoformat|binary-search-bounds|apache-arrow|flatbuffers|tslib|json-bignum|@uwdata\/flechette)@|_import\/vendor\/plot\.)/;
    const [unit] = unitUrls(session.site.dist);
    const township = (unit as string).replace(/^\/unit\/([^?]+).*$/, "/township/$1");
    const paths = [
      ...htmlPages(session.site.dist).filter((p) => !/^\/(unit|township)\//.test(p)),
      unit as string,
      township,
    ];
    const weights: string[] = [];
    for (const path of paths) {
      const v = await visit(path);
      let libraries = 0;
      for (const [p, n] of v.sizes) if (LIBRARIES.test(p)) libraries += n;
      weights.push(
        `${path} ${(v.bytes / 1024).toFixed(0)} KiB (shared libraries ${(libraries / 1024).toFixed(0)}, data and page ${((v.bytes - libraries) / 1024).toFixed(0)})`,
      );
      expect.soft(v.bytes - libraries, path).toBeLessThan(BUDGET);
      expect.soft(v.bytes, `${path} all in`).toBeLessThanOrEqual(600 * 1024);
      expect.soft(v.errors, path).toEqual([]);
      await v.page.context().close();
    }
    console.log(`page weights on the sample: ${weights.join("; ")}`);
    // A visit per top-level page: bound the whole walk, not each page, so a loaded machine does not fail it.
  }, 300_000);

  it("a unit page and a township page weigh under 500 KiB and load only their own township's data", async () => {
    const [unit] = unitUrls(session.site.dist);
    const township = (unit as string).replace(/^\/unit\/([^?]+).*$/, "/township/$1");
    for (const path of [unit as string, township]) {
      const v = await visit(path);
      // Its township's files only: township.json and the Arrow files of the tables the page shows.
      const slug = (path.match(/^\/(?:unit|township)\/([^?]+)/) as RegExpMatchArray)[1] as string;
      expect(v.files.length, path).toBeGreaterThan(1);
      for (const file of v.files)
        expect(file, path).toMatch(
          new RegExp(
            `^/_file/data/townships/${slug}/(township\\.[0-9a-f]+\\.json|[a-z]+\\.[0-9a-f]+\\.arrow)$`,
          ),
        );
      expect(v.bytes, path).toBeLessThan(500 * 1024);
      expect(v.errors, path).toEqual([]);
      await v.page.context().close();
    }
  });

  it("a township page renders its units and members", async () => {
    const v = await visit("/townships");
    const link = v.page.locator("main table.dt tbody tr a").first();
    const name = (await link.textContent()) ?? "";
    await Promise.all([v.page.waitForURL(/\/township\//), link.click()]);
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
