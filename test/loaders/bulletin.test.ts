/**
 * The 通报表 loader (reports/data/bulletin.arrow.ts, read as the page reads it) over the sample's real warehouse: the county total
 * row and the township rows with their RANKs; and over the same warehouse with a city scope added
 * above the county (as a combined city warehouse would have it), where the rows become counties.
 */
import { spawnSync } from "node:child_process";
import { cpSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
// @ts-expect-error: a plain JS module of the report site
import { arrowRows } from "../../reports/components/arrow.js";
// @ts-expect-error: a plain JS module of the report site
import { bulletinData } from "../../reports/components/bulletinData.js";
import { literal, openDatabase } from "../../src/warehouse/duckdb.ts";
import { huanjieInProcess, ROOT, tempDir } from "../helpers/cli.ts";

interface Entry {
  scope_id: string;
  values: Record<string, number | null>;
  ranks: Record<string, number>;
  missed: Record<string, boolean>;
}
interface Bulletin {
  scope: string;
  row_scope: string;
  columns: { key: string; kind: string; better: string }[];
  total: Entry;
  rows: Entry[];
}

function bulletin(warehouse: string): Bulletin {
  const r = spawnSync(
    process.execPath,
    ["--import", "tsx", join(ROOT, "reports", "data", "bulletin.arrow.ts")],
    { cwd: ROOT, env: { ...process.env, HUANJIE_WAREHOUSE: warehouse }, maxBuffer: 64 << 20 },
  );
  if (r.status !== 0) throw new Error(r.stderr.toString());
  return bulletinData(arrowRows(r.stdout)) as Bulletin;
}

let county: string;

describe("bulletin loader", () => {
  beforeAll(async () => {
    county = join(tempDir(), "out");
    const run = await huanjieInProcess(["build", join(ROOT, "data", "sample"), "--out", county]);
    expect(run.status, run.stderr).toBe(0);
  });

  it("gives the county's own row as the total and ranks the townships, ties sharing a rank", () => {
    const b = bulletin(county);
    expect([b.scope, b.row_scope]).toEqual(["county", "township"]);
    expect(b.total.scope_id).toBe("和林格尔县");
    expect(b.total.values.members).toBe(523);
    expect(b.total.values.college_plus).toBeCloseTo(30.21, 2);
    expect(b.total.values.women).toBeCloseTo(18.55, 2);
    expect(b.total.values.avg_age).toBeCloseTo(48.2, 1);
    expect(b.total.ranks).toEqual({});
    expect(b.rows).toHaveLength(9);
    // Average age: lowest first.
    const byAge = [...b.rows].sort((x, y) => (x.ranks.avg_age ?? 0) - (y.ranks.avg_age ?? 0));
    expect(byAge.map((r) => r.values.avg_age)).toEqual(
      [...b.rows.map((r) => r.values.avg_age)].sort((x, y) => (x ?? 0) - (y ?? 0)),
    );
    // Every township has 100% of units with a woman: all rank 1; three unchanged member counts tie at 3.
    expect(new Set(b.rows.map((r) => r.ranks["target:woman_member"]))).toEqual(new Set([1]));
    expect(b.rows.map((r) => r.ranks["members:delta"]).sort((x, y) => (x ?? 0) - (y ?? 0))).toEqual([
      1, 2, 3, 3, 3, 6, 7, 8, 9,
    ]);
    // Missed targets as the targets table says (met = false): 黑老夭乡 misses two.
    expect(b.rows.find((r) => r.scope_id === "黑老夭乡")?.missed).toEqual({
      "target:one_shoulder": true,
      "target:two_college": true,
    });
    expect(b.total.missed).toEqual({});
    expect(b.columns.filter((c) => c.better === "low").map((c) => c.key)).toEqual([
      "avg_age",
      "avg_age:delta",
    ]);
  });

  it("takes its row level from the data: above a county, the counties are the rows", async () => {
    const city = join(tempDir(), "city");
    cpSync(county, city, { recursive: true });
    const conn = await openDatabase();
    try {
      for (const table of ["structure", "targets"]) {
        const file = join(city, "metrics", `${table}.parquet`);
        const copy = join(city, "metrics", `${table}.county.parquet`);
        cpSync(file, copy);
        // The city's rows: here the county's own figures under the city's name (one county).
        await conn.run(
          `COPY (SELECT * FROM read_parquet(${literal(copy)}) UNION ALL SELECT * REPLACE ('city' AS scope, '呼和浩特市' AS scope_id) FROM read_parquet(${literal(copy)}) WHERE scope = 'county') TO ${literal(file)} (FORMAT parquet)`,
        );
      }
    } finally {
      conn.closeSync();
    }
    const b = bulletin(city);
    expect([b.scope, b.row_scope]).toEqual(["city", "county"]);
    expect(b.total.scope_id).toBe("呼和浩特市");
    expect(b.rows.map((r) => r.scope_id)).toEqual(["和林格尔县"]);
    expect(b.rows[0]?.values.members).toBe(523);
    expect(b.rows[0]?.ranks.members).toBe(1);
  });
});
