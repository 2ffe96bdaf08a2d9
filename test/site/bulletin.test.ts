/**
 * The bulletin table (通报表) and the chart downloads in chromium, against the site built from the
 * sample (buildSite): townships with the county total row and ranks, the formatted XLSX read back
 * (styles, frozen pane, number formats, title row, widths), SVG and PNG downloads of a chart.
 */
import { existsSync, readFileSync } from "node:fs";
import { strFromU8, unzipSync } from "fflate";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { CHROMIUM } from "./build.ts";
import { openSite, type Session } from "./session.ts";
import { visit } from "./visit.ts";

const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`bulletin tests skipped: ${CHROMIUM} not found`);

/** The sample's townships (units.csv), in the page's first order. */
const TOWNSHIPS = [
  "城关镇",
  "大红城乡",
  "巧什营镇",
  "新店子镇",
  "盛乐经济开发区",
  "盛乐镇",
  "羊群沟乡",
  "舍必崖乡",
  "黑老夭乡",
];

/** Open `path` of the session's site (visit.ts). */
const open = (session: Session, path: string) => visit(session.browser, session.url, path);

/** The bytes of the file a click on `button` downloads. */
async function downloaded(page: Page, click: () => Promise<void>): Promise<Buffer> {
  const [file] = await Promise.all([page.waitForEvent("download"), click()]);
  return readFileSync((await file.path()) as string);
}

/** The text of a cell of the sheet (inline strings) or its number, by reference. */
function cellOf(sheet: string, ref: string): { style: string | undefined; text: string } | null {
  const m = sheet.match(new RegExp(`<c r="${ref}"(?: s="(\\d+)")?[^>]*>(.*?)</c>`));
  if (!m) return null;
  const inner = m[2] as string;
  const text = inner.match(/<t[^>]*>(.*?)<\/t>/)?.[1] ?? inner.match(/<v>(.*?)<\/v>/)?.[1] ?? "";
  return { style: m[1], text };
}

describe.skipIf(!hasChromium)("bulletin table and chart downloads in chromium", () => {
  const session = openSite();
  it("lists the sample's townships under the county total row, with ranks that tie, and sorts", async () => {
    const { page, errors } = await open(session, "/bulletin");
    const table = page.locator("main table.bulletin");
    const total = table.locator("tbody.total tr");
    expect(await total.locator("th").textContent()).toBe("和林格尔县(合计)");
    // The county row is the county's own figures (party organisation): 523 members, 18.5%, 30.2%, 48.2.
    const totalText = (await total.textContent()) ?? "";
    for (const figure of ["523", "18.5%", "30.2%", "48.2", "86.0%", "95.6%", "100.0%", "96.3%"])
      expect(totalText).toContain(figure);
    expect(await total.locator(".rank").count()).toBe(0);
    const names = await table.locator("tbody:not(.total) th").allTextContents();
    expect([...names].sort()).toEqual([...TOWNSHIPS].sort());
    // Every township is ranked in every column; nine townships that all reach 100% share rank 1.
    const columns = await table.locator("thead tr").nth(1).locator("th").count();
    expect(await table.locator("tbody:not(.total) td .rank").count()).toBe(TOWNSHIPS.length * columns);
    const heads = table.locator("thead tr").nth(1).locator("th");
    const woman = heads.filter({ hasText: "至少有1名女性成员" });
    const index = await heads.evaluateAll(
      (ths, text) => ths.findIndex((t) => t.textContent?.includes(text)),
      "至少有1名女性成员",
    );
    const ranksOf = async (i: number) =>
      (await table
        .locator("tbody:not(.total) tr")
        .evaluateAll(
          (trs, col) => trs.map((tr) => tr.querySelectorAll("td")[col]?.querySelector(".rank")?.textContent),
          i,
        )) as string[];
    expect(await ranksOf(index)).toEqual(TOWNSHIPS.map(() => "1"));
    // Average age ranks lowest first: sorting by it puts 盛乐镇 (46.9) first, 黑老夭乡 (50.0) last.
    const ageIndex = await heads.evaluateAll((ths) =>
      ths.findIndex((t, i, all) => t.textContent === "本届" && all[i]?.dataset.key === "avg_age"),
    );
    expect(ageIndex).toBeGreaterThan(0);
    await heads.nth(ageIndex).click();
    await expect.poll(() => heads.nth(ageIndex).getAttribute("aria-sort")).toBe("ascending");
    let order = await table.locator("tbody:not(.total) th").allTextContents();
    expect(order[0]).toBe("盛乐镇");
    expect(order.at(-1)).toBe("黑老夭乡");
    expect(await ranksOf(ageIndex)).toEqual(["1", "2", "3", "4", "5", "6", "7", "8", "9"]);
    await heads.nth(ageIndex).click();
    await expect.poll(() => heads.nth(ageIndex).getAttribute("aria-sort")).toBe("descending");
    order = await table.locator("tbody:not(.total) th").allTextContents();
    expect(order[0]).toBe("黑老夭乡");
    // Ties: members' change vs 2018 is 0 for three townships, which share rank 3 (then 6).
    const members = await heads.evaluateAll((ths) => ths.findIndex((t) => t.dataset.key === "members:delta"));
    expect((await ranksOf(members)).sort((a, b) => Number(a) - Number(b))).toEqual([
      "1",
      "2",
      "3",
      "3",
      "3",
      "6",
      "7",
      "8",
      "9",
    ]);
    // A colour scale by rank: the deepest background at rank 1, none at the last rank.
    expect(await woman.count()).toBe(1);
    const backgrounds = await table
      .locator("tbody:not(.total) tr")
      .evaluateAll(
        (trs, col) => trs.map((tr) => tr.querySelectorAll("td")[col]?.getAttribute("style")),
        ageIndex,
      );
    // Sorted worst first: 黑老夭乡 (rank 9) has no tint, the last row (rank 1) the deepest.
    expect(backgrounds[0]).toContain("var(--theme-foreground-focus) 0%");
    expect(backgrounds.at(-1)).toContain("var(--theme-foreground-focus) 40%");
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("downloads a formatted XLSX: title row, bold frozen header, widths, % and 0.0 formats", async () => {
    const { page, errors } = await open(session, "/bulletin");
    const bytes = await downloaded(page, () => page.getByRole("button", { name: "下载 Excel" }).click());
    const zip = unzipSync(bytes);
    const sheet = strFromU8(zip["xl/worksheets/sheet1.xml"] as Uint8Array);
    const styles = strFromU8(zip["xl/styles.xml"] as Uint8Array);
    expect(strFromU8(zip["[Content_Types].xml"] as Uint8Array)).toContain('PartName="/xl/styles.xml"');
    expect(strFromU8(zip["xl/_rels/workbook.xml.rels"] as Uint8Array)).toContain('Target="styles.xml"');
    // Title row: jurisdiction, term and the build date of SOURCE_DATE_EPOCH 1611100800 (2021-01-20).
    const title = cellOf(sheet, "A1");
    expect(title?.text).toBe("和林格尔县2021年村(社区)“两委”换届通报表(数据生成于2021年1月20日)");
    expect(sheet).toMatch(/<mergeCell ref="A1:[A-Z]+1"\/>/);
    // Styles: cellXfs in order; the header's font is bold, the title's bold and larger.
    const fonts = [
      ...(styles.match(/<fonts[^>]*>(.*?)<\/fonts>/)?.[1] ?? "").matchAll(/<font>(.*?)<\/font>/g),
    ].map((m) => m[1] as string);
    const xfs = [
      ...(styles.match(/<cellXfs[^>]*>(.*?)<\/cellXfs>/)?.[1] ?? "").matchAll(/<xf ([^>]*?)\/?>/g),
    ].map((m) => m[1] as string);
    const numFmts = new Map(
      [...styles.matchAll(/<numFmt numFmtId="(\d+)" formatCode="([^"]*)"\/>/g)].map((m) => [m[1], m[2]]),
    );
    const fontOf = (style: string | undefined) =>
      fonts[Number(xfs[Number(style ?? 0)]?.match(/fontId="(\d+)"/)?.[1])];
    const formatOf = (style: string | undefined) => {
      const id = xfs[Number(style ?? 0)]?.match(/numFmtId="(\d+)"/)?.[1] as string;
      return numFmts.get(id) ?? `builtin ${id}`;
    };
    expect(fontOf(title?.style)).toContain("<b/>");
    const header = cellOf(sheet, "A2");
    expect(header?.text).toBe("乡镇(街道)");
    expect(fontOf(header?.style)).toContain("<b/>");
    expect(fontOf(cellOf(sheet, "B2")?.style)).toContain("<b/>");
    // Frozen below the header, right of the names.
    expect(sheet).toMatch(/<pane xSplit="1" ySplit="2" topLeftCell="B3" [^>]*state="frozen"\/>/);
    expect(sheet).toMatch(/<col min="1" max="1" width="18" customWidth="1"\/>/);
    // Row 3 is the county: its shares as fractions shown 0.0%, average age 0.0, members whole.
    const row3 = sheet.match(/<row r="3">(.*?)<\/row>/)?.[1] ?? "";
    expect(cellOf(row3, "A3")?.text).toBe("和林格尔县(合计)");
    const headers = [
      ...(sheet.match(/<row r="2">(.*?)<\/row>/)?.[1] ?? "").matchAll(
        /<c r="([A-Z]+)2"[^>]*>.*?<t[^>]*>(.*?)<\/t>/g,
      ),
    ].map((m) => [m[2] as string, m[1] as string] as const);
    const column = (text: string) => headers.find(([t]) => t === text)?.[1] as string;
    const at = (text: string) => cellOf(row3, `${column(text)}3`);
    expect(at("女性(%)本届")?.text).toBe("0.185");
    expect(formatOf(at("女性(%)本届")?.style)).toBe("0.0%");
    expect(at("大专及以上学历(%)本届")?.text).toBe("0.302");
    expect(at("平均年龄(岁)本届")?.text).toBe("48.2");
    expect(formatOf(at("平均年龄(岁)本届")?.style)).toBe("0.0");
    expect(at("平均年龄(岁)比上届")?.text).toBe("-3.2");
    expect(at("委员人数(人)本届")?.text).toBe("523");
    expect(at("女性(%)比上届(百分点)")?.text).toBe("2.5");
    // 95.625% rounds half away from zero to 95.6%.
    expect(at("村&quot;两委&quot;班子至少有2名大专及以上学历成员完成率(%)")?.text).toBe("0.956");
    // Townships with their ranks, in the page's order; a colour scale over the townships only.
    expect(sheet.match(/<row r="\d+">/g)?.length).toBe(3 + TOWNSHIPS.length);
    expect(sheet).toMatch(/<conditionalFormatting sqref="B4:B12"><cfRule type="colorScale"/);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("downloads a chart as SVG (XML with <svg>) and as PNG (its signature, nonzero size)", async () => {
    const { page, errors } = await open(session, "/structure");
    const chart = page.locator("main .chart-with-download").first();
    const svg = (
      await downloaded(page, () => chart.getByRole("button", { name: "下载 SVG" }).click())
    ).toString("utf8");
    expect(svg).toMatch(/^<svg [^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(svg).toContain("年龄与性别金字塔");
    expect(svg).not.toContain("var(--");
    const png = await downloaded(page, () => chart.getByRole("button", { name: "下载 PNG" }).click());
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const width = png.readUInt32BE(16);
    const height = png.readUInt32BE(20);
    expect(width).toBeGreaterThan(100);
    expect(height).toBeGreaterThan(100);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("every chart of the pages has its download buttons", async () => {
    for (const path of ["/structure", "/elections", "/progress", "/vetting"]) {
      const { page, errors } = await open(session, path);
      // Charts render after their data (and, in a resize container, after layout): wait for one.
      await page.locator("main .chart-with-download svg").first().waitFor();
      const wrapped = await page.locator("main .chart-with-download").count();
      expect(wrapped, path).toBeGreaterThan(0);
      // Every top-level chart sits in a wrapper with both buttons.
      const bare = await page.evaluate(
        () =>
          Array.from(document.querySelectorAll("main svg")).filter(
            (s) => s.getBoundingClientRect().width > 100 && !s.closest(".chart-with-download"),
          ).length,
      );
      expect(bare, path).toBe(0);
      expect(errors, path).toEqual([]);
      await page.context().close();
    }
  });
});
