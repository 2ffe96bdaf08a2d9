/**
 * loaders/lib/text-column.ts gives the values DuckDB's own client gives (`chunk.getColumns()`), chunk by chunk:
 * NULLs, empty strings, inline (≤ 12 bytes) and longer text, Chinese text, runs of one value and values that
 * come back after others, text that shares its first bytes and length with other text, over several chunks.
 */
import { describe, expect, it } from "vitest";
import { textColumn } from "../../loaders/lib/text-column.ts";
import { withDatabase } from "../../src/warehouse/duckdb.ts";

describe("textColumn", () => {
  it("reads the values getColumns reads", async () => {
    await withDatabase({ threads: 1 }, async (conn) => {
      const result = await conn.stream(
        `SELECT CASE WHEN i % 11 = 0 THEN NULL WHEN i % 13 = 0 THEN '' ELSE
            (['男', '女', '汉族', 'party', 'secretary', '大学本科', '合成01-0101县合成乡镇', 'x' || (i // 7)::VARCHAR,
              repeat('长', (i % 9)), '中华人民共和国某某镇某某村民委员会'])[1 + (i // 3) % 10] END AS a,
          (i // 50)::VARCHAR || '某某村民委员会' AS b, 'u' || (i % 4)::VARCHAR AS c,
          -- the same first 4 bytes and length, different bytes after them
          'abcd' || lpad(((i // 2) % 37)::VARCHAR, 3, '0') AS d, 'abcdefgh' || lpad((i % 29)::VARCHAR, 3, '0') AS e
        FROM range(5000) t(i) ORDER BY i`,
        {},
      );
      let chunks = 0;
      let rows = 0;
      for (let chunk = await result.fetchChunk(); chunk?.rowCount; chunk = await result.fetchChunk()) {
        const expected = chunk.getColumns();
        for (let c = 0; c < 5; c++) expect(textColumn(chunk, c)).toEqual(expected[c]);
        chunks++;
        rows += chunk.rowCount;
      }
      expect(rows).toBe(5000);
      expect(chunks).toBeGreaterThan(1);
    });
  });
});
