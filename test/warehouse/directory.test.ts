import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tableFile, warehouseJson, withWarehouse } from "../../src/warehouse/directory.ts";
import { loadRows, withDatabase, writeTable } from "../../src/warehouse/duckdb.ts";
import { units, unknowns } from "../../src/warehouse/tables.ts";

let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "huanjie-directory-"));
  mkdirSync(join(dir, "metrics"));
  writeFileSync(join(dir, "manifest.json"), '{"dataset":"县"}');
  await withDatabase({ threads: 1 }, async (conn) => {
    await loadRows(conn, units, [
      {
        unit_id: "u2",
        unit_code: null,
        township: "乙镇",
        unit: "二村",
        unit_type: "village",
        key_unit: false,
      },
      {
        unit_id: "u1",
        unit_code: null,
        township: "甲镇",
        unit: "一村",
        unit_type: "community",
        key_unit: true,
      },
    ]);
    await writeTable(conn, units, tableFile(dir, units), ["unit_id"]);
  });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("withWarehouse", () => {
  it("reads a table by its name, with bound values", async () => {
    const rows = await withWarehouse(dir, (wh) =>
      wh.rows("SELECT unit_id, unit, key_unit FROM units WHERE township = $township", { township: "甲镇" }),
    );
    expect(rows).toEqual([{ unit_id: "u1", unit: "一村", key_unit: true }]);
  });

  it("gives an absent table as an empty one with its columns", async () => {
    const rows = await withWarehouse(dir, (wh) =>
      wh.rows("SELECT term, metric, unknown FROM unknowns WHERE scope = 'county'"),
    );
    expect(rows).toEqual([]);
    expect(tableFile(dir, unknowns)).toBe(join(dir, "metrics", "unknowns.parquet"));
  });

  it("reads the warehouse's JSON files, null when absent", async () => {
    expect(warehouseJson(dir, "manifest.json")).toEqual({ dataset: "县" });
    expect(await withWarehouse(dir, async (wh) => wh.json("metrics/summary.json"))).toBeNull();
  });
});
