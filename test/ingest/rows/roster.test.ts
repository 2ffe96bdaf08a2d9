import { describe, expect, it } from "vitest";
import type { UnitIndex } from "../../../src/ingest/row-rules.ts";
import { rosterRows } from "../../../src/ingest/rows/roster.ts";
import { indexOf, loadCsv } from "../../helpers/load-csv.ts";
import { unit } from "../../helpers/vote-fixtures.ts";

/** A set that counts how often it is walked: each walk is one pass of the "did you mean" search. */
class CountingSet extends Set<string> {
  walks = 0;
  override [Symbol.iterator](): SetIterator<string> {
    this.walks++;
    return super[Symbol.iterator]();
  }
}

/** A list of names that counts how often it is walked. */
class CountingList extends Array<string> {
  walks = 0;
  override [Symbol.iterator](): ArrayIterator<string> {
    this.walks++;
    return super[Symbol.iterator]();
  }
}

describe("rosterRows: unknown township or unit", () => {
  it("searches the known names once per distinct unknown name, not once per rejected row", async () => {
    const units = [unit("城关镇", "城关村"), unit("城关镇", "东村"), unit("盛乐镇", "盛乐村")];
    const townships = new CountingSet(units.map((u) => u.township));
    const names = new CountingList();
    names.push("城关村", "东村");
    const base = indexOf(units);
    const index: UnitIndex = {
      townships,
      lookup: base.lookup,
      unitNames: (township) => (township === "城关镇" ? names : base.unitNames(township)),
    };
    const rows = 40;
    const lines = ["乡镇,村(社区),姓名,组织,现任职务"];
    for (let i = 0; i < rows; i++) lines.push(`城关乡,城关村,甲${i},村委会,委员`); // unknown township
    for (let i = 0; i < rows; i++) lines.push(`城关镇,城关屯,乙${i},村委会,委员`); // unknown unit
    lines.push("城关镇,东屯,丙,村委会,委员"); // another unknown unit of the same township
    const { ledger } = await loadCsv(rosterRows, lines, units, { index });
    expect(ledger.rejects).toHaveLength(2 * rows + 1);
    expect(ledger.rejects[0]?.message).toContain('是否为"城关镇"');
    expect(ledger.rejects[rows]?.message).toContain('是否为"城关村"');
    expect(ledger.rejects[2 * rows]?.message).toContain('是否为"东村"');
    expect(townships.walks).toBe(1);
    expect(names.walks).toBe(1);
  });
});
