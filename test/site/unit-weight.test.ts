/**
 * Issue 14 on the sample: the unit page as a department uses it (without a unit in its URL, the
 * township's list of units; the unit's failed election checks beside its unit checks; the previous
 * term's committees beside the current ones, 连任/新任 per member), and Flechette decoding every Arrow
 * file the loaders and the build wrote as apache-arrow does. Every page's weight is checked by
 * site.test.ts's one sweep of the pages.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { type DataType, Dictionary, tableFromIPC } from "apache-arrow";
import { describe, expect, it } from "vitest";
import { townshipSlug, unitSlug } from "../../loaders/lib/slug.ts";
import { parquet } from "../helpers/cli.ts";
import { CHROMIUM } from "./build.ts";
import { openSite, siteReady } from "./session.ts";
import { type Visit, visit } from "./visit.ts";

// arrow.js is plain JavaScript without types, hence the indirection.
const arrowModule: string = "../../reports/components/arrow.js";
const { arrowRows } = (await import(arrowModule)) as { arrowRows: (b: Uint8Array) => unknown[] };

const hasChromium = existsSync(CHROMIUM);
/** The sample's unit whose party election (委员, round 1) fails the 差额 rule: 5 candidates for 5 seats. */
const SHANGTAN = { township: "城关镇", unit: "上滩村", unitId: "150123100207" };
const TOWNSHIP = townshipSlug(SHANGTAN.township);
const UNIT_PAGE = `/unit?t=${TOWNSHIP}&u=${unitSlug(SHANGTAN.unitId)}`;

/** Every file under `dir` whose name ends with `.arrow`. */
function arrowFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? arrowFiles(p) : name.endsWith(".arrow") ? [p] : [];
  });
}

/** Rows of an Arrow IPC file as the pages decoded them with apache-arrow (the former arrow.js). */
function apacheRows(bytes: Uint8Array): Record<string, unknown>[] {
  const table = tableFromIPC(bytes);
  const names = table.schema.fields.map((f) => f.name);
  const columns = names.map((n) => table.getChild(n));
  return Array.from({ length: table.numRows }, (_, i) =>
    Object.fromEntries(
      names.map((n, j) => {
        const v = columns[j]?.get(i);
        return [n, typeof v === "bigint" ? Number(v) : v];
      }),
    ),
  );
}

/** The kind of an Arrow column, as the loaders write them (reports/data/lib/warehouse.ts), with its keys' type. */
function kind(type: DataType): string {
  return type instanceof Dictionary
    ? `Dictionary<${kind(type.indices)}, ${kind(type.dictionary)}>`
    : String(type);
}

describe("Flechette in the pages", () => {
  it("decodes every Arrow file the loaders and the build wrote exactly as apache-arrow does, over every column type", async () => {
    const { dist } = await siteReady();
    // The loaders' (Framework's _file/data/) and the jurisdictions' (_data/, loaders/jurisdictions.ts).
    const files = [...arrowFiles(join(dist, "_file", "data")), ...arrowFiles(join(dist, "_data"))];
    expect(files.length).toBeGreaterThan(20 + 9 * 6);
    const kinds = new Set<string>();
    let withNulls = 0;
    for (const file of files) {
      const bytes = new Uint8Array(readFileSync(file));
      const table = tableFromIPC(bytes);
      for (const field of table.schema.fields) {
        kinds.add(kind(field.type));
        if ((table.getChild(field.name)?.nullCount ?? 0) > 0) withNulls++;
      }
      expect(arrowRows(bytes), file).toEqual(apacheRows(bytes));
    }
    // The test covers what the loaders write: plain and dictionary-encoded strings (Int32 keys, and the
    // narrower Int8 keys of the structure and progress files; Int16 keys, for more than 128 distinct
    // values, in test/loaders/arrow.test.ts), Int8, Int16, Int32, Float64, booleans, and columns with nulls.
    expect([...kinds].sort()).toEqual([
      "Bool",
      "Dictionary<Int32, Utf8>",
      "Dictionary<Int8, Utf8>",
      "Float64",
      "Int16",
      "Int32",
      "Int8",
      "Utf8",
    ]);
    expect(withNulls).toBeGreaterThan(0);
  }, 600_000);
});

describe.skipIf(!hasChromium)("unit page and page weights in chromium", () => {
  const session = openSite();
  const open = (path: string): Promise<Visit> => visit(session.browser, session.url, path);
  /** Rows of a table of the site's warehouse: the columns `select`, `where` with `params` bound. */
  const query = <T>(table: string, select: string, where: string, params: (string | number)[]) =>
    parquet<T>(join(session.site.warehouse, `${table}.parquet`), select, where, params);

  it("without ?u= the unit page lists its township's units, each linked to its page", async () => {
    const units = await query<{ unit: string }>("units", "unit", "WHERE township = $1 ORDER BY unit_id", [
      SHANGTAN.township,
    ]);
    const v = await open(`/unit?t=${TOWNSHIP}`);
    const main = v.page.locator("main");
    await main.locator(".data-table tbody tr").first().waitFor();
    expect(await main.locator("h1").textContent()).toBe(`${SHANGTAN.township}村社列表`);
    expect(await main.textContent()).not.toContain("未知村社");
    // Only the township's list of units is loaded, not its members.
    expect(v.files.filter((f) => f.startsWith("/_data/")).sort()).toEqual([
      `/_data/townships/${TOWNSHIP}/township.json`,
      `/_data/townships/${TOWNSHIP}/units.arrow`,
    ]);
    const links = main.locator(".data-table tbody tr a");
    expect((await links.allTextContents()).sort()).toEqual(units.map((u) => u.unit).sort());
    const link = main.locator(".data-table tbody tr a", { hasText: SHANGTAN.unit });
    await Promise.all([v.page.waitForURL(/[?&]u=/), link.click()]);
    await v.page.waitForFunction(() => document.querySelector("main h1")?.textContent === "上滩村");
    expect(new URL(v.page.url()).search).toBe(`?t=${TOWNSHIP}&u=${unitSlug(SHANGTAN.unitId)}`);
    expect(v.errors).toEqual([]);
    await v.page.context().close();
  });

  it("上滩村's page shows its failed party election check (差额) beside its unit checks", async () => {
    const v = await open(UNIT_PAGE);
    expect(await v.page.locator("main h1").textContent()).toBe(SHANGTAN.unit);
    const checks = v.page.locator("main .data-table", { hasText: "核对项" });
    await checks.locator("tbody tr", { hasText: "差额" }).waitFor();
    const rows = await checks.locator("tbody tr").allTextContents();
    expect(rows).toContain("党组织选举 委员 第1轮差额不少于20%未通过候选人5名,未多于应选5名,不是差额选举");
    expect(rows.filter((r) => r.startsWith("村社")).length).toBeGreaterThan(0);
    expect(v.errors).toEqual([]);
    await v.page.context().close();
  });

  it("shows the previous term's committees beside the current ones, 连任 or 新任 per member", async () => {
    // 马利峰 was party secretary of 上滩村 in 2018 and is again in 2021: the same person_key, same body.
    const terms = await query<{ term: number }>(
      "members",
      "DISTINCT term",
      "WHERE unit_id = $1 AND body = 'party' AND position = 'secretary' AND name = '马利峰' ORDER BY term",
      [SHANGTAN.unitId],
    );
    expect(terms.map((t) => t.term)).toEqual([2018, 2021]);
    const keys = await query<{ n: number }>(
      "members",
      "count(DISTINCT person_key) AS n",
      "WHERE unit_id = $1 AND body = 'party' AND name = '马利峰'",
      [SHANGTAN.unitId],
    );
    expect(keys[0]?.n).toBe(1);
    const v = await open(UNIT_PAGE);
    const [current, previous] = [0, 1].map((i) => v.page.locator("main .grid > .card").nth(i));
    await v.page.locator("main .grid > .card .data-table tbody tr", { hasText: "孙伟" }).waitFor();
    expect(await current?.locator("h2").textContent()).toBe("2021年(本届)");
    expect(await previous?.locator("h2").textContent()).toBe("2018年(上届)");
    const row = async (card: typeof current, table: number, name: string) =>
      (await card?.locator(".data-table").nth(table).locator("tbody tr", { hasText: name }).textContent()) ??
      "";
    // Party committees (first table of each card): re-elected, new, and one who left.
    expect(await row(current, 0, "马利峰")).toContain("书记连任");
    expect(await row(current, 0, "石贵")).toContain("委员新任");
    expect(await row(previous, 0, "马利峰")).toContain("书记连任");
    expect(await row(previous, 0, "孙伟")).toContain("委员离任");
    // The village committee: 马利峰 is its chair now and held no seat of it in 2018, so he is new there.
    expect(await row(current, 1, "马利峰")).toContain("主任新任");
    expect(await row(current, 1, "梁占杰")).toContain("副主任连任");
    expect(v.errors).toEqual([]);
    await v.page.context().close();
  });
});
