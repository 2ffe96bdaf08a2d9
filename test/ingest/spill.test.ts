import { describe, expect, it } from "vitest";
import { BATCH_RECORDS, type Codec, jsonCodec, openSpill } from "../../src/ingest/spill.ts";
import { openAppender, openDatabase, queryRows } from "../../src/warehouse/duckdb.ts";
import { units as unitsTable } from "../../src/warehouse/tables.ts";
import { tempDir } from "../helpers/cli.ts";

async function collect<T>(batches: AsyncGenerator<T[]>): Promise<T[][]> {
  const out: T[][] = [];
  for await (const b of batches) out.push(b);
  return out;
}

/** The records of each key, in the order read; fails unless every key's records are in one batch. */
function groupsOf<T extends { k: string }>(batches: readonly T[][]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  const batchOf = new Map<string, number>();
  batches.forEach((batch, i) => {
    for (const r of batch) {
      expect(batchOf.get(r.k) ?? i, `key ${r.k} split across batches`).toBe(i);
      batchOf.set(r.k, i);
      out.set(r.k, [...(out.get(r.k) ?? []), r]);
    }
  });
  return out;
}

describe("openSpill", () => {
  it.each([
    ["in memory", 100],
    ["in DuckDB", 0],
    ["moved to DuckDB part way", 3],
  ])("gives every group whole, in the order its records were added (%s)", async (_, inMemory) => {
    const conn = await openDatabase({ threads: 1 });
    try {
      const spill = await openSpill<{ k: string; n: number; name: string }>(conn, "spill_test", jsonCodec(), {
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
      for (const [k, n] of input) spill.add(k, { k, n, name: `名${n}` });
      expect(spill.size).toBe(6);
      expect(spill.spilled).toBe(inMemory < 6);
      const batches = await collect(spill.batches());
      const groups = groupsOf(batches);
      expect([...groups].map(([k, g]) => [k, g.map((r) => r.n)]).sort()).toEqual([
        ["a", [2, 5]],
        ["b", [1, 3, 6]],
        ["c", [4]],
      ]);
      expect(groups.get("a")?.[0]).toEqual({ k: "a", n: 2, name: "名2" });
      // The table is dropped once read, and adding afterwards is an error.
      const tables = await queryRows(
        conn,
        "SELECT table_name FROM duckdb_tables() WHERE table_name = 'spill_test'",
      );
      expect(tables).toEqual([]);
      expect(() => spill.add("a", { k: "a", n: 7, name: "x" })).toThrow(/closed/);
    } finally {
      conn.closeSync();
    }
  });

  it("reads a large spill back from DuckDB in batches of whole groups", async () => {
    const conn = await openDatabase({ threads: 1 });
    try {
      const spill = await openSpill<{ k: string; n: number }>(conn, "spill_batches", jsonCodec(), {
        inMemory: 0,
      });
      const n = 2.5 * BATCH_RECORDS;
      for (let i = 0; i < n; i++) {
        const k = `p${(i * 7919) % 3001}`;
        spill.add(k, { k, n: i });
      }
      const batches = await collect(spill.batches());
      expect(batches.length).toBeGreaterThan(1);
      const groups = groupsOf(batches);
      expect(groups.size).toBe(3001);
      let total = 0;
      for (const g of groups.values()) {
        total += g.length;
        for (let j = 1; j < g.length; j++) expect((g[j]?.n ?? 0) > (g[j - 1]?.n ?? 0)).toBe(true);
      }
      expect(total).toBe(n);
    } finally {
      conn.closeSync();
    }
  });

  it("yields nothing for an empty spill", async () => {
    const conn = await openDatabase({ threads: 1 });
    try {
      const spill = await openSpill<number>(conn, "spill_empty");
      expect(await collect(spill.batches())).toEqual([]);
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
      let read = 0;
      for await (const batch of spill.batches()) {
        for (const id of batch) {
          read += 1;
          out.append({ unit_id: id, township: "镇", unit: id, unit_type: "village", key_unit: false });
        }
      }
      out.close();
      const [row] = await queryRows<{ n: number }>(conn, "SELECT count(*) AS n FROM units");
      expect(read).toBe(5000);
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
        const spill = await openSpill<{ k: string; n: number }>(conn, `spill_same_${inMemory}`, jsonCodec(), {
          inMemory,
        });
        for (let i = 0; i < 500; i++) {
          const k = keys[(i * 7) % keys.length] as string;
          spill.add(k, { k, n: i });
        }
        return [...groupsOf(await collect(spill.batches()))].sort(([a], [b]) => (a < b ? -1 : 1));
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
      const last = new Map<number, number>();
      for await (const batch of spill.batches()) {
        count += batch.length;
        for (const r of batch) {
          if ((last.get(r.i % 1000) ?? -1) >= r.i) ordered = false;
          last.set(r.i % 1000, r.i);
        }
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
        const groups = await collect(spill.batches());
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
