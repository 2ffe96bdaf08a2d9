/**
 * Reading staged tables back (`readAll` of staging.ts, which the set-based ingest reads every
 * lookup and finding through): every row, even past DuckDB's memory limit, or a failure that
 * names `--memory-limit`; never fewer rows without a word (DuckDB ends a streamed result that
 * fails part way as if it were done).
 */
import { describe, expect, it } from "vitest";
import { readAll } from "../../src/ingest/staging.ts";
import { openDatabase } from "../../src/warehouse/duckdb.ts";
import { tempDir } from "../helpers/cli.ts";

/** 300,000 rows of about 400 bytes (≈ 130 MB) in table `big`. */
const BIG = `CREATE TABLE big AS SELECT (i % 1000)::VARCHAR AS k, i, repeat('x', 400) AS pad FROM range(300000) t(i)`;

describe("readAll", () => {
  it("reads a table larger than DuckDB's memory limit whole", async () => {
    const conn = await openDatabase({ threads: 1, memoryLimit: "96MB", tempDirectory: tempDir() });
    try {
      await conn.run(BIG);
      let count = 0;
      let sum = 0;
      await readAll(conn, "big", "i", (rows) => {
        count += rows.length;
        for (const [i] of rows as [number][]) sum += i;
      });
      expect(count).toBe(300_000);
      expect(sum).toBe((300_000 * 299_999) / 2);
    } finally {
      conn.closeSync();
    }
  });

  it("fails loudly, never short, when DuckDB runs out of memory while streaming", async () => {
    const conn = await openDatabase({ threads: 1, memoryLimit: "64MB", tempDirectory: tempDir() });
    try {
      await conn.run(BIG);
      let outcome: string;
      try {
        let count = 0;
        await readAll(conn, "(SELECT * FROM big ORDER BY k, i)", "k, i, pad", (rows) => {
          count += rows.length;
        });
        outcome = `${count} rows`;
      } catch (error) {
        outcome = (error as Error).message;
      }
      // Either every row, or an error (ours names the limit option); never fewer rows.
      expect(outcome).toMatch(/^300000 rows$|只读回 [\d,]+ 行.*--memory-limit|Out of Memory/);
    } finally {
      conn.closeSync();
    }
  }, 180_000);
});
