import { describe, expect, it } from "vitest";
import { openAppender, openDatabase, queryRows } from "../src/duckdb.ts";
import { type Codec, jsonCodec, openSpill } from "../src/spill.ts";
import { units as unitsTable } from "../src/warehouse.ts";
import { tempDir } from "./helpers/cli.ts";

async function collect<T>(groups: AsyncGenerator<T[]>): Promise<T[][]> {
  const out: T[][] = [];
  for await (const g of groups) out.push(g);
  return out;
}

describe("openSpill", () => {
  it.each([
    ["in memory", 100],
    ["in DuckDB", 0],
    ["moved to DuckDB part way", 3],
  ])(
    "gives the groups back in key order, each in the order its records were added (%s)",
    async (_, inMemory) => {
      const conn = await openDatabase({ threads: 1 });
      try {
        const spill = await openSpill<{ n: number; name: string }>(conn, "spill_test", jsonCodec(), {
          inMemory,
        });
        const input = [
          ["b", 1],
          ["a", 2],
          ["b", 3],
          ["c", 4],
          ["a", 5],
          ["b", 6],
        ] as const;
        for (const [k, n] of input) spill.add(k, { n, name: `名${n}` });
        expect(spill.size).toBe(6);
        expect(spill.spilled).toBe(inMemory < 6);
        const groups = await collect(spill.groups());
        expect(groups.map((g) => g.map((r) => r.n))).toEqual([[2, 5], [1, 3, 6], [4]]);
        expect(groups[0]?.[0]).toEqual({ n: 2, name: "名2" });
        // The table is dropped once read, and adding afterwards is an error.
        const tables = await queryRows(
          conn,
          "SELECT table_name FROM duckdb_tables() WHERE table_name = 'spill_test'",
        );
        expect(tables).toEqual([]);
        expect(() => spill.add("a", { n: 7, name: "x" })).toThrow(/closed/);
      } finally {
        conn.closeSync();
      }
    },
  );

  it("yields nothing for an empty spill", async () => {
    const conn = await openDatabase({ threads: 1 });
    try {
      const spill = await openSpill<number>(conn, "spill_empty");
      expect(await collect(spill.groups())).toEqual([]);
    } finally {
      conn.closeSync();
    }
  });

  it("lets rows be appended to other tables through the same connection while the groups are read", async () => {
    const conn = await openDatabase({ threads: 1 });
    try {
      const spill = await openSpill<string>(conn, "spill_units", jsonCodec(), { inMemory: 0 });
      for (let i = 0; i < 5000; i++) spill.add(String(i % 50).padStart(2, "0"), `u${i}`);
      const out = await openAppender<Record<string, unknown>>(conn, unitsTable);
      let groups = 0;
      for await (const g of spill.groups()) {
        groups += 1;
        for (const id of g)
          out.append({ unit_id: id, township: "镇", unit: id, unit_type: "village", key_unit: false });
      }
      out.close();
      const [row] = await queryRows<{ n: number }>(conn, "SELECT count(*) AS n FROM units");
      expect(groups).toBe(50);
      expect(row?.n).toBe(5000);
    } finally {
      conn.closeSync();
    }
  });

  it("gives the same groups in memory and in DuckDB, Chinese keys included", async () => {
    const conn = await openDatabase({ threads: 1 });
    try {
      const keys = [
        "甲镇|一村|party|委员|1",
        "甲镇|一村|party|书记|1",
        "a1",
        "A1",
        "乙镇|二村|committee|主任|2",
        "0",
      ];
      const read = async (inMemory: number) => {
        const spill = await openSpill<number>(conn, `spill_same_${inMemory}`, jsonCodec(), { inMemory });
        for (let i = 0; i < 500; i++) spill.add(keys[(i * 7) % keys.length] as string, i);
        return collect(spill.groups());
      };
      const inMemory = await read(1000);
      expect(inMemory).toHaveLength(keys.length);
      expect(await read(0)).toEqual(inMemory);
    } finally {
      conn.closeSync();
    }
  });

  const padded: Codec<{ i: number; pad: string }> = {
    encode: (r) => `${r.i}|${r.pad}`,
    decode: (s) => ({ i: Number(s.slice(0, s.indexOf("|"))), pad: s.slice(s.indexOf("|") + 1) }),
  };

  it("holds more than DuckDB's memory limit by moving it to the temp directory", async () => {
    const conn = await openDatabase({ threads: 1, memoryLimit: "96MB", tempDirectory: tempDir() });
    try {
      const spill = await openSpill(conn, "spill_big", padded, { inMemory: 0 });
      const pad = "x".repeat(400);
      const n = 300_000; // ≈ 130 MB of values
      for (let i = 0; i < n; i++) spill.add(String(i % 1000).padStart(4, "0"), { i, pad });
      let count = 0;
      let ordered = true;
      for await (const g of spill.groups()) {
        count += g.length;
        for (let j = 1; j < g.length; j++) if ((g[j]?.i ?? 0) <= (g[j - 1]?.i ?? 0)) ordered = false;
      }
      expect(count).toBe(n);
      expect(ordered).toBe(true);
    } finally {
      conn.closeSync();
    }
  });

  it("fails loudly, never short, when DuckDB runs out of memory while reading back", async () => {
    // DuckDB ends a streamed result that fails part way as if it were done.
    const conn = await openDatabase({ threads: 1, memoryLimit: "64MB", tempDirectory: tempDir() });
    try {
      const spill = await openSpill(conn, "spill_oom", padded, { inMemory: 0 });
      const pad = "x".repeat(400);
      for (let i = 0; i < 300_000; i++) spill.add(String(i % 1000).padStart(4, "0"), { i, pad });
      let outcome: string;
      try {
        const groups = await collect(spill.groups());
        outcome = `${groups.reduce((n, g) => n + g.length, 0)} rows`;
      } catch (error) {
        outcome = (error as Error).message;
      }
      // Either every row, or an error (ours names the limit option); never fewer rows.
      expect(outcome).toMatch(/^300000 rows$|只读回 [\d,]+ 行.*--memory-limit|Out of Memory/);
    } finally {
      conn.closeSync();
    }
  });
});
