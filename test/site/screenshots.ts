/**
 * Screenshots of every kind of page into docs/screenshots/ at desktop
 * (1280 px) and phone (375 px) width: `npx tsx test/site/screenshots.ts [dist] [name…]` (only the
 * pages named, e.g. `bulletin`, when names are given).
 */
import { mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { chromium } from "playwright-core";
import { CHROMIUM, chromiumArgs, ROOT } from "./build.ts";
import { serve } from "./server.ts";

const dist = resolve(process.argv[2] ?? "dist");
const out = join(ROOT, "docs", "screenshots");
mkdirSync(out, { recursive: true });
const server = await serve(dist);
const browser = await chromium.launch({ executablePath: CHROMIUM, args: chromiumArgs });
const pages: [string, string][] = [
  ["overview", "/"],
  ["structure", "/structure"],
  ["targets", "/targets"],
  ["townships", "/townships"],
  ["units", "/units"],
  ["elections", "/elections"],
  ["progress", "/progress"],
  ["bulletin", "/bulletin"],
  ["vetting", "/vetting"],
  ["quality", "/quality"],
  ["about", "/about"],
];
try {
  const probe = await browser.newPage();
  await probe.goto(`${server.url}/townships`, { waitUntil: "networkidle" });
  const township = await probe.locator("main table.dt tbody tr a").first().getAttribute("href");
  await probe.goto(`${server.url}/units`, { waitUntil: "networkidle" });
  const unit = await probe.locator("main table.dt tbody tr a").first().getAttribute("href");
  if (township) pages.push(["township", `/${township.replace(/^\.\//, "")}`]);
  if (unit) pages.push(["unit", `/${unit.replace(/^\.\//, "")}`]);
  for (const [width, suffix] of [
    [1280, "desktop"],
    [375, "phone"],
  ] as const) {
    const context = await browser.newContext({ viewport: { width, height: 900 }, deviceScaleFactor: 1 });
    const page = await context.newPage();
    const only = process.argv.slice(3);
    for (const [name, path] of pages.filter(([n]) => !only.length || only.includes(n))) {
      await page.goto(server.url + path, { waitUntil: "networkidle" });
      await page.waitForTimeout(200);
      await page.screenshot({ path: join(out, `${name}-${suffix}.png`), fullPage: suffix === "desktop" });
    }
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
}
console.log(`screenshots in ${out}`);
