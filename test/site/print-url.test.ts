/**
 * Printing and the address of the report site (issue 14), in Debian chromium through playwright-core:
 * a printed table holds every row with its header row set to repeat; a page's view (filters, a
 * table's search and sort) round-trips through its URL and back/forward restore it; `npm run pdf`
 * plans a folder of A4 PDFs, one per page and per township, and prints a representative four of them
 * with the jurisdiction, the build date and page numbers on every sheet (read back by ./pdfText.ts). Skipped only where chromium is absent.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { tableFromIPC } from "apache-arrow";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { CHROMIUM, printJobs, ROOT } from "./build.ts";
import { pdfPages } from "./pdfText.ts";
import { openSite, type Session } from "./session.ts";
import { settled as settle, visit } from "./visit.ts";

const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`print/URL tests skipped: ${CHROMIUM} not found`);

/** The built site, its server and a chromium (openSite() in the describe block below). */
let session: Session;

/** A fresh page at `path`, its cells run; errors and off-origin requests collected (visit.ts). */
const open = (path: string) => visit(session.browser, session.url, path);

/** A built data file by name: `_file/data/<name>.<hash>.<ext>`. */
function dataFile(name: string, ext: string): Buffer {
  const dir = join(session.site.dist, "_file", "data");
  const file = readdirSync(dir).find((n) => new RegExp(`^${name}\\.[0-9a-f]+\\.${ext}$`).test(n));
  if (!file) throw new Error(`no ${name}.*.${ext} in ${dir}`);
  return readFileSync(join(dir, file));
}

/** The page's address as the page itself sees it (page.url() may lag behind history.replaceState). */
const address = async (page: Page) => new URL(await page.evaluate(() => location.href));

/** expect.poll's limit (its default, 1 s, is short on a busy machine); each poll waits for a real change. */
const POLL = { timeout: 20_000 };

/** The texts of a table's body rows. */
const rowTexts = (page: Page, table = page.locator("main .data-table").first()) =>
  table.locator("tbody tr").allTextContents();

describe.skipIf(!hasChromium)("printing and the address", () => {
  session = openSite();
  it("a printed table holds every row (160 units), its header row set to repeat on each sheet", async () => {
    const units = tableFromIPC(dataFile("unit-finder", "arrow")).numRows;
    expect(units).toBe(160);
    const { page, errors } = await open("/units");
    const table = page.locator("main .data-table").first();
    expect(await table.locator("tbody tr").count()).toBe(20);

    // Print media (what `npm run pdf` and print preview use): every row, no pager, a repeating thead.
    await page.emulateMedia({ media: "print" });
    await page.locator("main .data-table[data-print='all']").waitFor();
    expect(await table.locator("tbody tr").count()).toBe(units);
    expect(await table.locator("thead").evaluate((e) => getComputedStyle(e).display)).toBe(
      "table-header-group",
    );
    expect(await table.locator(".dt-pager").evaluate((e) => getComputedStyle(e).display)).toBe("none");
    expect(
      await table
        .locator("tbody tr")
        .first()
        .evaluate((e) => getComputedStyle(e).breakInside),
    ).toBe("avoid");
    await page.emulateMedia({ media: "screen" });
    await page.locator("main .data-table:not([data-print='all'])").first().waitFor();
    expect(await table.locator("tbody tr").count()).toBe(20);

    // A browser's own print (Ctrl+P) announces itself with beforeprint/afterprint.
    await table.locator('input[type="search"]').fill("村");
    const count = Number(
      (await table.locator(".dt-bar > .muted:not(.dt-printed)").first().textContent())?.match(
        /共 (\d+) 条/,
      )?.[1],
    );
    expect(count).toBeGreaterThan(20);
    await page.evaluate(() => dispatchEvent(new Event("beforeprint")));
    expect(await table.locator("tbody tr").count()).toBe(count);
    for (const t of await rowTexts(page, table)) expect(t).toContain("村");
    await page.evaluate(() => dispatchEvent(new Event("afterprint")));
    expect(await table.locator("tbody tr").count()).toBe(20);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("a page's filters, search and sort round-trip through its URL", async () => {
    const { page, errors } = await open("/structure");
    const main = page.locator("main");
    const selectOf = (label: string) => main.locator("label", { hasText: label }).locator("select");
    const township = (await selectOf("范围").locator("option").nth(2).getAttribute("value")) as string;
    await selectOf("届次").selectOption("2018");
    await selectOf("班子").first().selectOption("committee");
    await selectOf("范围").selectOption(township);
    await selectOf("其他指标").selectOption("reelected");
    await expect.poll(() => main.locator("h2").first().textContent(), POLL).toContain(township);
    const table = main.locator(".data-table").first();
    await table.locator('input[type="search"]').fill("岁");
    const value = table.locator("th", { hasText: "本届" });
    await value.click();
    await value.click();
    await expect.poll(() => value.getAttribute("aria-sort"), POLL).toBe("descending");
    const rows = await rowTexts(page, table);
    expect(rows.length).toBeGreaterThan(1);

    const url = await address(page);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      term: "2018",
      body: "committee",
      township,
      metric: "reelected",
      q: "岁",
      sort: "-value",
    });
    // A copied link, opened anew, shows the same view.
    const copy = await open(url.pathname + url.search);
    const main2 = copy.page.locator("main");
    const selectOf2 = (label: string) => main2.locator("label", { hasText: label }).locator("select");
    expect(await selectOf2("届次").inputValue()).toBe("2018");
    expect(await selectOf2("班子").first().inputValue()).toBe("committee");
    expect(await selectOf2("范围").inputValue()).toBe(township);
    expect(await selectOf2("其他指标").inputValue()).toBe("reelected");
    const table2 = main2.locator(".data-table").first();
    expect(await table2.locator('input[type="search"]').inputValue()).toBe("岁");
    await expect
      .poll(() => table2.locator("th", { hasText: "本届" }).getAttribute("aria-sort"))
      .toBe("descending");
    expect(await rowTexts(copy.page, table2)).toEqual(rows);
    expect(await main2.locator("h2").first().textContent()).toContain(township);
    expect([...errors, ...copy.errors]).toEqual([]);
    await page.context().close();
    await copy.page.context().close();
  });

  it("back and forward restore a page's view, and a search survives a visit to another page", async () => {
    const { page, errors } = await open("/structure");
    const main = page.locator("main");
    const scope = main.locator("label", { hasText: "范围" }).locator("select");
    await scope.locator("option").nth(2).waitFor({ state: "attached" });
    const [a, b] = (
      await scope.locator("option").evaluateAll((o) => o.map((e) => (e as HTMLOptionElement).value))
    ).slice(1, 3) as [string, string];
    const heading = () => main.locator("h2").first().textContent();
    const county = await heading();
    await scope.selectOption(a);
    await expect.poll(heading, POLL).toContain(a);
    await scope.selectOption(b);
    await expect.poll(heading, POLL).toContain(b);
    await page.goBack();
    await expect.poll(() => scope.inputValue(), POLL).toBe(a);
    await expect.poll(heading, POLL).toContain(a);
    expect((await address(page)).searchParams.get("township")).toBe(a);
    await page.goBack();
    await expect.poll(() => scope.inputValue(), POLL).toBe("");
    await expect.poll(heading, POLL).toBe(county);
    await page.goForward();
    await expect.poll(() => scope.inputValue(), POLL).toBe(a);
    await expect.poll(heading, POLL).toContain(a);

    // The unit finder: search, open a unit, come back: the search and its rows are there again.
    await page.goto(`${session.url}/units`, { waitUntil: "networkidle" });
    await settle(page);
    const finder = main.locator(".data-table").first();
    await finder.locator('input[type="search"]').fill("社区");
    const found = await rowTexts(page, finder);
    expect((await address(page)).searchParams.get("q")).toBe("社区");
    await Promise.all([page.waitForURL(/\/unit\?t=/), finder.locator("tbody tr a").first().click()]);
    await settle(page);
    await page.goBack({ waitUntil: "networkidle" });
    await settle(page);
    await expect
      .poll(() => main.locator('.data-table input[type="search"]').first().inputValue())
      .toBe("社区");
    expect(await rowTexts(page)).toEqual(found);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("several tables of a page keep their own search in the URL; the unit page keeps its ?u=", async () => {
    const { page, errors } = await open("/quality");
    const tables = page.locator("main .data-table");
    await tables.nth(1).waitFor({ state: "attached" });
    const names = await tables.evaluateAll((t) => t.map((e) => (e as HTMLElement).dataset.name));
    expect(names.length).toBeGreaterThan(1);
    expect(new Set(names).size).toBe(names.length);
    // The first table with rows (the sample has no rejects, say): its search under its own name.
    const name = (await page
      .locator("main .data-table:has(input[type='search'])")
      .first()
      .getAttribute("data-name")) as string;
    expect(name).toBeTruthy();
    const searchOf = (n: string) => page.locator(`main .data-table[data-name="${n}"] input[type="search"]`);
    await searchOf(name).fill("csv");
    expect((await address(page)).searchParams.get(`${name}.q`)).toBe("csv");
    expect((await address(page)).searchParams.has("q")).toBe(false);
    await page.reload({ waitUntil: "networkidle" });
    await settle(page);
    expect(await searchOf(name).inputValue()).toBe("csv");
    for (const other of names.filter((n) => n !== name))
      for (const input of await searchOf(other as string).all()) expect(await input.inputValue()).toBe("");

    // A unit page: its members' search joins the unit's own parameter.
    await page.goto(`${session.url}/units`, { waitUntil: "networkidle" });
    await settle(page);
    await Promise.all([page.waitForURL(/\/unit\?t=/), page.locator("main tbody tr a").first().click()]);
    await settle(page);
    const u = (await address(page)).searchParams.get("u");
    const t = (await address(page)).searchParams.get("t");
    expect(u).toBeTruthy();
    expect(t).toBeTruthy();
    const party = page.locator('main .data-table[data-name="party"]');
    await party.locator("th", { hasText: "年龄" }).click();
    const params = (await address(page)).searchParams;
    expect(params.get("u")).toBe(u);
    expect(params.get("t")).toBe(t);
    expect(params.get("party.sort")).toBe("age");
    await page.reload({ waitUntil: "networkidle" });
    await settle(page);
    await expect
      .poll(() => party.locator("th", { hasText: "年龄" }).getAttribute("aria-sort"))
      .toBe("ascending");
    expect((await address(page)).searchParams.get("u")).toBe(u);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("npm run pdf plans a PDF for every page and every township; those printed are A4, headed and numbered", async () => {
    const { dist } = session.site;
    const context = JSON.parse(dataFile("context", "json").toString("utf8")) as {
      dataset: string;
      townships: { slug: string; name: string }[];
    };
    // The plan of `npm run pdf` (no printing): every top-level page in the sidebar's order (not the township,
    // unit and region pages, which show the jurisdiction their address names), every township's page.
    const jobs = printJobs(dist);
    const top = readdirSync(dist).filter(
      (n) => n.endsWith(".html") && !["404.html", "township.html", "unit.html", "region.html"].includes(n),
    );
    const township = (file: string) => file.startsWith(join("乡镇", ""));
    expect(jobs.filter((j) => !township(j.file)).length).toBe(top.length);
    expect(jobs.map((j) => j.file)).toContain("01_总览.pdf");
    expect(jobs.map((j) => j.file)).toContain("05_村社.pdf");
    expect(
      jobs
        .map((j) => j.file)
        .filter(township)
        .sort(),
    ).toEqual(context.townships.map((t) => join("乡镇", `${t.name}.pdf`)).sort());
    expect(jobs.filter((j) => township(j.file)).map((j) => j.path)).toEqual(
      context.townships.map((t) => `/township?t=${t.slug}`),
    );

    // Printed: a representative four of the twenty (printing them all took minutes): the overview (cards,
    // charts), the unit finder (a table of 160 rows over several sheets), the 通报表 (the wide table) and
    // one township's bulletin. That every page readies itself for print is checked on every page by
    // site.test.ts (printMedia), without making its PDF.
    const chosen = ["/", "/units", "/bulletin", `/township?t=${context.townships[0]?.slug}`];
    const out = join(mkdtempSync(join(dist, "..", "pdf-")), "pdf");
    const child = spawn(process.execPath, [join(ROOT, "scripts", "pdf.js"), out, ...chosen], {
      env: { ...process.env, HUANJIE_SITE_DIST: dist },
      stdio: "inherit",
    });
    expect(await new Promise((done) => child.on("close", done))).toBe(0);
    const files = jobs.filter((j) => chosen.includes(j.path)).map((j) => j.file);
    expect(files).toHaveLength(chosen.length);
    const written = readdirSync(out, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => join(relative(out, e.parentPath), e.name));
    expect(written.sort()).toEqual([...files].sort());

    // SOURCE_DATE_EPOCH=1611100800 of buildSite(): 2021-01-20.
    const header = `${context.dataset}·村(社区)“两委”换届报告生成日期:2021年1月20日`;
    const texts = new Map<string, string>();
    for (const file of files) {
      const pdf = readFileSync(join(out, file));
      expect(pdf.subarray(0, 5).toString(), file).toBe("%PDF-");
      const pages = pdfPages(pdf);
      expect(pages.length, file).toBeGreaterThan(0);
      pages.forEach(({ mediaBox, text }, i) => {
        const [x0, y0, x1, y1] = mediaBox as [number, number, number, number];
        expect(Math.abs(x1 - x0 - 595) < 1.5 && Math.abs(y1 - y0 - 842) < 1.5, `${file} A4`).toBe(true);
        const flat = fold(text);
        expect(flat, `${file} page ${i + 1} header`).toContain(fold(header));
        expect(flat, `${file} page ${i + 1} number`).toContain(`第${i + 1}页/共${pages.length}页`);
      });
      texts.set(file, fold(pages.map((p) => p.text).join("\n")));
    }
    // The printed unit finder holds every unit, not only the 20 of the screen's first page, over several sheets.
    const finder = tableFromIPC(dataFile("unit-finder", "arrow"));
    const names = (finder.getChild("unit")?.toArray() ?? []) as string[];
    expect(names.length).toBe(160);
    const unitsText = texts.get("05_村社.pdf") as string;
    expect(unitsText).toContain("第2页/共");
    for (const name of names) expect(unitsText, name).toContain(fold(name));
    const first = context.townships[0] as { name: string };
    expect(texts.get(join("乡镇", `${first.name}.pdf`))).toContain(fold(first.name));
  }, 600_000);
});

/** Text of a PDF for comparison: NFKC, no white space (the PDF breaks lines and spaces glyphs). */
function fold(s: string): string {
  return s.normalize("NFKC").replace(/\s+/g, "");
}
