/**
 * The units file at each level (docs/levels.md): above county level the
 * columns of the levels between the dataset's and the township are required,
 * under any of their header aliases; the township becomes `县名/乡镇名` and a
 * unit without a code gets `县名/乡镇名/村名`.
 */
import { describe, expect, it } from "vitest";
import { candidatesRows } from "../../../src/ingest/rows/candidates.ts";
import { unitsRows, unitsRowsFor } from "../../../src/ingest/rows/units.ts";
import { votesRows } from "../../../src/ingest/rows/votes.ts";
import { UnitIndexBuilder, unitIndex } from "../../../src/ingest/unit-index.ts";
import type { UnitRow } from "../../../src/warehouse/tables.ts";
import { loadCsv } from "../../helpers/load-csv.ts";

describe("unitsRowsFor", () => {
  it("county: as before, no level columns read", async () => {
    const { records } = await loadCsv(unitsRows, ["县,乡镇,村(社区),区划代码", "甲县,城关镇,城关村,"], []);
    expect(records.map((r) => r.row)).toEqual([
      {
        unit_id: "城关镇/城关村",
        unit_code: null,
        township: "城关镇",
        unit: "城关村",
        unit_type: "village",
        key_unit: false,
      },
    ]);
    expect(records[0]?.place).toMatchObject({ township: "城关镇", county: null });
  });

  it.each(["县", "区", "旗", "县区", "县(市、区)", "县（市、区）", "县级"])(
    "city: the county column under %s; township and derived unit_id prefixed",
    async (header) => {
      const { records } = await loadCsv(
        unitsRowsFor("city"),
        [`${header},乡镇,村(社区),区划代码`, "甲县,城关镇,城关村,", "乙县,城关镇,城关村,150121100200"],
        [],
      );
      expect(records.map((r) => [r.row.unit_id, r.row.township, r.row.unit, r.place.county])).toEqual([
        ["甲县/城关镇/城关村", "甲县/城关镇", "城关村", "甲县"],
        ["150121100200", "乙县/城关镇", "城关村", "乙县"],
      ]);
    },
  );

  it.each([
    ["市", "省"],
    ["地市", "省份"],
    ["州", "省级"],
    ["盟", "省"],
    ["地区", "省"],
    ["市州", "省"],
  ])("nation: city column %s and province column %s", async (city, province) => {
    const { records } = await loadCsv(
      unitsRowsFor("nation"),
      [`${province},${city},县,乡镇,村(社区)`, "内蒙古,呼和浩特市,甲县,城关镇,城关村"],
      [],
    );
    expect(records[0]?.place).toMatchObject({ county: "甲县", city: "呼和浩特市", province: "内蒙古" });
    expect(records[0]?.row.unit_id).toBe("甲县/城关镇/城关村");
  });

  it("rejects a unit row without its county (missing_value); a file without the column is unreadable", async () => {
    const { records, ledger } = await loadCsv(
      unitsRowsFor("city"),
      ["县,乡镇,村(社区)", ",城关镇,城关村", "甲县,城关镇,东村"],
      [],
    );
    expect(records).toHaveLength(1);
    expect(ledger.rejects.map((r) => [r.rule, r.column, r.message])).toEqual([
      ["missing_value", "县", "缺少县名称"],
    ]);
    await expect(
      loadCsv(unitsRowsFor("province"), ["县,乡镇,村(社区)", "甲县,城关镇,东村"], []),
    ).rejects.toThrow(/市|city/);
  });
});

describe("unitIndex", () => {
  it("in a county dataset ignores a county cell of a row", async () => {
    const { records } = await loadCsv(unitsRows, ["乡镇,村(社区),类型", "城关镇,城关村,村"], []);
    const index = unitIndex(records.map((r) => r.place));
    expect(index.lookup("城关镇", "城关村", { county: "甲县" })).toMatchObject({ unit_id: "城关镇/城关村" });
  });
});

describe("unitIndex above county level", () => {
  it("finds a unit by plain or prefixed township; a pair in two counties needs the county", async () => {
    const { records } = await loadCsv(
      unitsRowsFor("city"),
      ["县,乡镇,村(社区)", "甲县,城关镇,城关村", "乙县,城关镇,城关村", "乙县,盛乐镇,盛乐村"],
      [],
    );
    const index = unitIndex(records.map((r) => r.place));
    expect(index.lookup("城关镇", "城关村")).toBe("ambiguous");
    expect(index.lookup("城关镇", "城关村", { county: "乙县" })).toMatchObject({
      unit_id: "乙县/城关镇/城关村",
    });
    expect(index.lookup("甲县/城关镇", "城关村")).toMatchObject({ unit_id: "甲县/城关镇/城关村" });
    expect(index.lookup("盛乐镇", "盛乐村")).toMatchObject({ unit_id: "乙县/盛乐镇/盛乐村" });
    expect(index.lookup("盛乐镇", "盛乐村", { county: "甲县" })).toBeUndefined();
    expect(index.townships.has("城关镇") && index.townships.has("乙县/城关镇")).toBe(true);
    // The pairs that name one unit, in every township form, as lookup gives them without a county.
    const unique = [...(index.uniquePlaces?.() ?? [])];
    expect(unique.sort()).toEqual(
      [
        ["甲县/城关镇", "城关村", "甲县/城关镇/城关村"],
        ["乙县/城关镇", "城关村", "乙县/城关镇/城关村"],
        ["盛乐镇", "盛乐村", "乙县/盛乐镇/盛乐村"],
        ["乙县/盛乐镇", "盛乐村", "乙县/盛乐镇/盛乐村"],
      ].sort(),
    );
    for (const [township, unit, unitId] of unique)
      expect(index.lookup(township, unit)).toMatchObject({ unit_id: unitId });
  });
});

describe("UnitIndexBuilder (the build's units, streamed)", () => {
  it("knows a unit again by unit_id or by its township (as the build writes it) and name, not by a plain township", async () => {
    const { records } = await loadCsv(
      unitsRowsFor("city"),
      ["县,乡镇,村(社区),区划代码", "甲县,城关镇,城关村,150123100200", "乙县,城关镇,城关村,150123100201"],
      [],
    );
    const index = new UnitIndexBuilder();
    for (const { row, place } of records) {
      expect(index.has(row)).toBe(false);
      index.add(place);
    }
    const [a, b] = records.map((r) => r.row) as [UnitRow, UnitRow];
    expect(index.has({ ...a, unit_id: "150123100299" })).toBe(true);
    expect(index.has({ ...b, township: "丙县/城关镇", unit: "新村" })).toBe(true);
    expect(index.has({ ...a, unit_id: "150123100299", township: "城关镇" })).toBe(false);
    expect([...index.unitById.keys()]).toEqual(["150123100200", "150123100201"]);
    // Each unit's name once per township form; the same array each time (suggestions are remembered by it).
    expect(index.unitNames("城关镇")).toEqual(["城关村", "城关村"]);
    expect(index.unitNames("城关镇")).toBe(index.unitNames("城关镇"));
    expect(index.unitNames(null)).toEqual(["城关村", "城关村"]);
    expect(index.unitNames("丁镇")).toBe(index.unitNames(null));
  });
});

describe("vote and vetting rows above county level", () => {
  it("need the county where a township/unit pair is in two counties (ambiguous_unit)", async () => {
    const { records: units } = await loadCsv(
      unitsRowsFor("city"),
      ["县,乡镇,村(社区)", "甲县,城关镇,城关村", "乙县,城关镇,城关村"],
      [],
    );
    const index = unitIndex(units.map((r) => r.place));
    const vetting = await loadCsv(
      candidatesRows,
      [
        "县,乡镇,村(社区),姓名,资格审查结果",
        ",城关镇,城关村,张三,审查通过",
        "乙县,城关镇,城关村,李四,审查通过",
      ],
      [],
      { index },
    );
    expect(vetting.ledger.rejects.map((r) => [r.rule, r.source_row])).toEqual([["ambiguous_unit", 2]]);
    expect(vetting.records.map((r) => [r.row.unit_id, r.row.township])).toEqual([
      ["乙县/城关镇/城关村", "乙县/城关镇"],
    ]);
    const votes = await loadCsv(
      votesRows,
      [
        "乡镇,村(社区),职位,应选人数,应到人数,实到人数,候选人,得票数,是否当选",
        "城关镇,城关村,主任,1,100,90,王五,80,是",
      ],
      [],
      { index },
    );
    expect(votes.ledger.rejects.map((r) => r.rule)).toEqual(["ambiguous_unit"]);
  });
});

describe("unitsRows: cells that cannot be read", () => {
  it("warn, each located under its header, and are read as not given", async () => {
    const { records, ledger } = await loadCsv(
      unitsRows,
      ["乡镇,村(社区),类型,区划代码,重点村", "城关镇,南街社区,街道,1501 23,是否"],
      [],
    );
    expect(records.map((r) => r.row)).toEqual([
      {
        unit_id: "城关镇/南街社区",
        unit_code: null,
        township: "城关镇",
        unit: "南街社区",
        unit_type: "community",
        key_unit: false,
      },
    ]);
    expect(ledger.rejects).toEqual([]);
    expect(ledger.warnings.map((w) => [w.source_row, w.column, w.value, w.rule, w.message])).toEqual([
      [2, "类型", "街道", "unknown_value", '无法识别的村社类型"街道",按名称判断'],
      [2, "区划代码", "150123", "unknown_value", '区划代码"150123"不是12位数字,已忽略'],
      [2, "重点村", "是否", "unknown_value", '无法识别的"是/否"值"是否",按"否"处理'],
    ]);
  });
});
