/**
 * The chart components (reports/components/, drawn with d3's modules) in chromium, as the built site
 * serves them: each called with a small input in a page of the site, its SVG's marks checked against
 * the input (bars' lengths in proportion to the counts, one bin per value range, one line per township,
 * labels and titles as text).
 */
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHROMIUM } from "./build.ts";
import { openSite } from "./session.ts";
import { type Visit, visit } from "./visit.ts";

const hasChromium = existsSync(CHROMIUM);

/** What a chart's SVG holds: its marks and their geometry, texts and titles. */
interface Marks {
  tag: string;
  label: string | null;
  width: number;
  rects: { x: number; width: number; fill: string | null; title: string | null }[];
  texts: string[];
  paths: number;
  circles: number;
  dashed: number;
  elements: string[];
}

/** Call `fn` of the component module `name` (loaded in the page) with `args`, append its SVG, read its marks. */
function draw(page: Page, name: string, fn: string, args: unknown[]): Promise<Marks> {
  return page.evaluate(
    ({ name, fn, args }) => {
      type Chart = (...a: unknown[]) => SVGSVGElement;
      const module = (window as unknown as { charts: Record<string, Record<string, Chart>> }).charts[name];
      const svg = module?.[fn]?.(...args) as SVGSVGElement;
      document.querySelector("main")?.append(svg);
      const num = (e: Element, a: string) => Number(e.getAttribute(a));
      // Bars: rects with a width (the legend's swatches and bars alike have one).
      const rects = Array.from(svg.querySelectorAll("rect")).map((r) => ({
        x: num(r, "x"),
        width: num(r, "width"),
        fill: r.getAttribute("fill") ?? r.parentElement?.getAttribute("fill") ?? null,
        title: r.querySelector("title")?.textContent ?? null,
      }));
      return {
        tag: svg.tagName,
        label: svg.getAttribute("aria-label"),
        width: num(svg, "width"),
        rects,
        texts: Array.from(svg.querySelectorAll("text")).map((t) => t.textContent ?? ""),
        paths: svg.querySelectorAll("path:not(.domain)").length,
        circles: svg.querySelectorAll("circle").length,
        dashed: svg.querySelectorAll("line[stroke-dasharray]").length,
        elements: [...new Set(Array.from(svg.querySelectorAll("*")).map((e) => e.tagName))].sort(),
      };
    },
    { name, fn, args },
  );
}

describe.skipIf(!hasChromium)("chart components in chromium", () => {
  const session = openSite();
  let v: Visit;
  beforeAll(async () => {
    v = await visit(session.browser, session.url, "/vetting");
    // The components as the site serves them (`_import/components/<name>.<hash>.js`), by name.
    const dir = join(session.site.dist, "_import", "components");
    const urls = Object.fromEntries(
      readdirSync(dir)
        .map((f) => /^([A-Za-z]+)\.[0-9a-f]+\.js$/.exec(f))
        .filter((m) => m != null)
        .map((m) => [m[1], `/_import/components/${m[0]}`]),
    );
    // A string, not a function: the test's own code is transformed, and import() with it.
    await v.page.evaluate(`(async () => {
      const urls = ${JSON.stringify(urls)};
      window.charts = {};
      for (const name of ["histogram", "funnel", "agePyramid", "educationLadder", "townshipBars", "progressChart"])
        window.charts[name] = await import(urls[name]);
    })()`);
  });
  afterAll(async () => {
    await v?.page.context().close();
  });

  it("funnel: a bar per stage, lengths in proportion to the counts, each labelled", async () => {
    const counts = [200, 150, 180, 15, 5];
    const stages = ["报名", "其中党员", "通过", "取消资格", "退出"].map((stage, i) => ({
      stage,
      count: counts[i],
    }));
    const m = await draw(v.page, "funnel", "funnel", [stages, { width: 500 }]);
    expect(m.tag.toLowerCase()).toBe("svg");
    expect(m.label).toBe("资格审查漏斗");
    expect(m.rects.length).toBe(5);
    const unit = (m.rects[0]?.width ?? 0) / 200;
    for (const [i, r] of m.rects.entries()) expect(r.width).toBeCloseTo((counts[i] ?? 0) * unit, 6);
    expect(m.texts).toEqual(expect.arrayContaining(["报名", "退出", "200 人", "15 人", "5 人"]));
  });

  it("histogram: a bar per non-empty bin, the bins' counts summing to the values, a dashed threshold", async () => {
    const values = [51, 52, 55, 61, 62, 63, 64, 75, 88, 95, null, Number.NaN];
    const m = await draw(v.page, "histogram", "histogram", [
      values,
      { width: 480, label: "参选率", threshold: 50 },
    ]);
    expect(m.label).toBe("参选率分布");
    const counts = m.rects.map((r) => Number(/^(\d+) 项$/.exec(r.title ?? "")?.[1]));
    expect(counts.every((n) => n > 0)).toBe(true);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(10);
    expect(m.dashed).toBe(1);
    expect(m.texts).toContain("参选率(%) →");
    // Bars left to right, not overlapping.
    for (let i = 1; i < m.rects.length; i++)
      expect(m.rects[i]?.x).toBeGreaterThanOrEqual((m.rects[i - 1]?.x ?? 0) + (m.rects[i - 1]?.width ?? 0));
  });

  it("age pyramid: men left and women right of zero, a label per nonzero count, the unknown gender under it", async () => {
    const data = [
      { category: "le30", men: 4, women: 2, unknown_gender: 0 },
      { category: "46-50", men: 10, women: 0, unknown_gender: 3 },
    ];
    const m = await draw(v.page, "agePyramid", "agePyramid", [data, { width: 500, title: "测试" }]);
    expect(m.label).toBe("测试:年龄与性别金字塔");
    // Every band of AGE_BAND but 年龄不详 (absent), men and women each.
    expect(m.rects.length).toBe(16);
    const titled = (t: string) => m.rects.find((r) => r.title?.startsWith(t));
    const men = titled("46–50岁 男");
    const women = titled("30岁及以下 女");
    expect(men?.title).toBe("46–50岁 男:10 人(占 52.6%)");
    expect(women?.width).toBeCloseTo((men?.width ?? 0) / 5, 6);
    expect(men?.x ?? 0).toBeLessThan(women?.x ?? 0);
    expect(m.texts).toEqual(
      expect.arrayContaining(["10", "4", "2", "男", "女", "另有性别不详 3 人,未画出。"]),
    );
  });

  it("education ladder: a bar per level, 大专及以上 highlighted, its total in a line under the chart", async () => {
    const data = [
      { category: "junior", men: 3, women: 1, unknown_gender: 0 },
      { category: "bachelor", men: 2, women: 2, unknown_gender: 0 },
    ];
    const m = await draw(v.page, "educationLadder", "educationLadder", [data, { width: 500 }]);
    expect(m.label).toBe("学历结构:学历阶梯");
    const bachelor = m.rects.find((r) => r.title?.startsWith("本科"));
    const junior = m.rects.find((r) => r.title?.startsWith("初中"));
    expect(bachelor?.title).toBe("本科:4 人(占 50.0%)");
    expect(bachelor?.width).toBeCloseTo(junior?.width ?? 0, 6);
    expect(bachelor?.fill).not.toBe(junior?.fill);
    expect(m.texts).toContain("大专及以上 4 人,占 50.0%。");
  });

  it("township bars: sorted greatest first, names as text (never markup), a dashed rule at the whole's value", async () => {
    const rows = [
      { scope_id: "甲镇", value: 20, count: 2, base: 10 },
      { scope_id: "<b>乙</b>乡", value: 40, count: 4, base: 10 },
      { scope_id: "丙乡", value: null, count: null, base: 0 },
    ];
    const m = await draw(v.page, "townshipBars", "townshipBars", [
      rows,
      { width: 500, label: "女性", county: 30 },
    ]);
    expect(m.label).toBe("女性(按乡镇)");
    expect(m.rects.map((r) => r.title)).toEqual(["<b>乙</b>乡:40.0%(4 / 10 人)", "甲镇:20.0%(2 / 10 人)"]);
    expect(m.rects[0]?.width).toBeCloseTo((m.rects[1]?.width ?? 0) * 2, 6);
    expect(m.texts).toEqual(expect.arrayContaining(["<b>乙</b>乡", "丙乡", "40.0%", "20.0%"]));
    expect(m.elements).not.toContain("b");
    expect(m.dashed).toBe(1);
  });

  it("progress chart: a line per township, a dot per day, a legend of their names", async () => {
    const rows = ["2021-01-05", "2021-01-06", "2021-01-07"].flatMap((day, i) => [
      { scope_id: "甲镇", day, rate: 30 * i, units_done: 3 * i, units_total: 10 },
      { scope_id: "乙乡", day, rate: 50 * i, units_done: i, units_total: 2 },
    ]);
    const m = await draw(v.page, "progressChart", "progressChart", [rows, { width: 600 }]);
    expect(m.label).toBe("各乡镇累计完成率");
    expect(m.paths).toBe(2);
    expect(m.circles).toBe(6);
    // The legend: a swatch and a name per township, in order.
    expect(m.rects.length).toBe(2);
    expect(m.texts.slice(0, 2)).toEqual(["乙乡", "甲镇"]);
    expect(m.texts).toEqual(expect.arrayContaining(["1月5日", "↑ 累计完成率(%)", "日期 →"]));
  });
});
