/**
 * Browser test of the leaders' profile (头雁) and the election summary on the
 * built site (issue 15): the overview's secretary cards, the structure page's
 * 头雁 section and the elections page's first-round success and turnout by
 * township, ranked. Built from the sample (figures below are the sample's);
 * in fixture mode (no CLI or sample) the pages must still load without errors.
 */
import { existsSync } from "node:fs";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { CHROMIUM } from "./build.ts";
import { openSite } from "./session.ts";
import { visit } from "./visit.ts";

const hasChromium = existsSync(CHROMIUM);

const cardText = async (page: Page, leaders: string, metric: string) =>
  (await page.locator(`[data-leaders="${leaders}"] [data-metric="${metric}"]`).first().textContent()) ?? "";

describe.skipIf(!hasChromium)("leaders and election summary pages", () => {
  const session = openSite();
  /** Open `path` and wait until no cell is loading (visit.ts): the page and every error it reported. */
  const open = (path: string) => visit(session.browser, session.url, path);

  it("the overview shows the secretaries' headline figures", async () => {
    const { page, errors } = await open("/");
    expect(errors).toEqual([]);
    await expect(page.getByRole("heading", { name: "头雁:党组织书记" }).count()).resolves.toBe(1);
    if (session.site.mode !== "sample") return;
    expect(await cardText(page, "党组织书记", "members")).toContain("160");
    // mean age 50.98 (2018: 51.67); college 57 of 160
    expect(await cardText(page, "党组织书记", "avg_age")).toMatch(/51\.0[\s\S]*比上届降低0\.7岁/);
    expect(await cardText(page, "党组织书记", "college_plus")).toMatch(
      /35\.6%[\s\S]*57 人[\s\S]*比上届提高12\.5个百分点/,
    );
    const summary = (await page.locator("p.summary").textContent()) ?? "";
    expect(summary).toContain(
      "村、社区党组织书记160名,平均年龄51岁,比上届降低0.7岁;大专以上学历的57人、占35.6%",
    );
    expect(summary).toContain("村(居)民委员会换届一次选举成功率93.8%,选民参选率78.1%");
  });

  it("the structure page has a 头雁 section per role, following the township filter", async () => {
    const { page, errors } = await open("/structure");
    expect(errors).toEqual([]);
    await expect(page.getByRole("heading", { name: /头雁/ }).count()).resolves.toBe(1);
    if (session.site.mode !== "sample") return;
    expect(await cardText(page, "村(居)委会主任", "high_school_plus")).toMatch(/74\.4%[\s\S]*119 人/);
    expect(await cardText(page, "书记、主任“一肩挑”", "members")).toContain("138");
    expect(await cardText(page, "党组织书记", "reelected")).toMatch(/66\.3%/);
    // the structure table lists the new share
    await expect(page.getByText("高中(中专)及以上学历").count()).resolves.toBeGreaterThan(0);
    await page.locator("label", { hasText: "范围" }).locator("select").selectOption("黑老夭乡");
    await page.waitForFunction(() => document.body.textContent?.includes("头雁:书记、主任 · 黑老夭乡"));
    const members = Number((await cardText(page, "党组织书记", "members")).match(/\d+/)?.[0]);
    expect(members).toBe(19);
  });

  it("the elections page ranks townships by first-round success and shows turnout", async () => {
    const { page, errors } = await open("/elections");
    expect(errors).toEqual([]);
    await expect(page.getByRole("heading", { name: "一次选举成功率与参选率" }).count()).resolves.toBe(1);
    if (session.site.mode !== "sample") return;
    expect(await page.locator('[data-metric="first_round_rate"]').textContent()).toMatch(
      /93\.8%[\s\S]*150 \/ 160/,
    );
    expect(await page.locator('[data-metric="turnout"]').textContent()).toMatch(/选民参选率[\s\S]*78\.1%/);
    const table = page.locator("table").filter({ hasText: "成功率排名" }).first();
    const cells = (row: "first" | "last") => table.locator("tbody tr")[row]().locator("td").allTextContents();
    const first = await cells("first");
    expect(first.slice(0, 2)).toEqual(["1", "黑老夭乡"]);
    expect(first).toContain("100.0%");
    expect(first).toContain("80.6%");
    // 盛乐经济开发区: 6 of 7, the lowest rate, ranked last; its turnout 81.4 % ranks first
    expect((await cells("last")).slice(0, 7)).toEqual([
      "9",
      "盛乐经济开发区",
      "7",
      "6",
      "85.7%",
      "81.4%",
      "1",
    ]);
    await page.locator("label", { hasText: "班子" }).locator("select").first().selectOption("party");
    await page.waitForFunction(() => document.body.textContent?.includes("党员参选率"));
    expect(await page.locator('[data-metric="first_round_rate"]').textContent()).toMatch(/99\.4%/);
  });
});
