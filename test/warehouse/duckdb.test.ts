import { DuckDBConnection } from "@duckdb/node-api";
import { describe, expect, it } from "vitest";
import { queryRows, withDatabase } from "../../src/warehouse/duckdb.ts";

describe("withDatabase", () => {
  it("returns what the body returns and closes the database afterwards", async () => {
    let seen: DuckDBConnection | undefined;
    const n = await withDatabase({ threads: 1 }, async (conn) => {
      seen = conn;
      return (await queryRows<{ n: number }>(conn, "SELECT 42 AS n"))[0]?.n;
    });
    expect(n).toBe(42);
    expect(seen).toBeInstanceOf(DuckDBConnection);
    await expect(seen?.run("SELECT 1")).rejects.toThrow();
  });

  it("closes the database when the body throws, and passes the error on", async () => {
    let seen: DuckDBConnection | undefined;
    await expect(
      withDatabase({ threads: 1 }, async (conn) => {
        seen = conn;
        await conn.run("CREATE TABLE t (x INTEGER)");
        throw new Error("body failed");
      }),
    ).rejects.toThrow("body failed");
    await expect(seen?.run("SELECT * FROM t")).rejects.toThrow();
  });

  it("closes the database when a query of the body fails", async () => {
    let seen: DuckDBConnection | undefined;
    await expect(
      withDatabase({ threads: 1 }, (conn) => {
        seen = conn;
        return queryRows(conn, "SELECT * FROM no_such_table");
      }),
    ).rejects.toThrow(/no_such_table/);
    await expect(seen?.run("SELECT 1")).rejects.toThrow();
  });
});

describe("queryRows values", () => {
  it("gives integers of every width as numbers and DATE as YYYY-MM-DD", async () => {
    const [row] = await withDatabase({ threads: 1 }, (conn) =>
      queryRows(
        conn,
        `SELECT 7::TINYINT AS tiny, 8::INTEGER AS int, 9::BIGINT AS big, 10::UBIGINT AS ubig,
            11::HUGEINT AS huge, sum(x) AS total, count(*) AS n, 0.5::DOUBLE AS dbl, 1.25::DECIMAL(5, 2) AS dec,
            DATE '2021-03-04' AS day, DATE '0999-12-31' AS old_day, 'text' AS str, true AS bool,
            NULL::BIGINT AS nothing, [1::BIGINT, 2::BIGINT] AS list, {'d': DATE '2020-01-02'} AS struct
        FROM (VALUES (1::INTEGER), (2::INTEGER)) AS v(x)`,
      ),
    );
    expect(row).toEqual({
      tiny: 7,
      int: 8,
      big: 9,
      ubig: 10,
      huge: 11,
      total: 3,
      n: 2,
      dbl: 0.5,
      dec: 1.25,
      day: "2021-03-04",
      old_day: "0999-12-31",
      str: "text",
      bool: true,
      nothing: null,
      list: [1, 2],
      struct: { d: "2020-01-02" },
    });
  });

  it("refuses an integer a number cannot hold exactly", async () => {
    await expect(
      withDatabase({ threads: 1 }, (conn) => queryRows(conn, "SELECT 9007199254740993::BIGINT AS n")),
    ).rejects.toThrow(/beyond/);
  });
});

describe("queryRows parameters", () => {
  it("binds named and positional values, never splicing them into the SQL", async () => {
    const hostile = "x' OR '1'='1";
    await withDatabase({ threads: 1 }, async (conn) => {
      await conn.run("CREATE TABLE t AS SELECT * FROM (VALUES ('a', 1), ('b', 2)) AS v(name, term)");
      expect(await queryRows(conn, "SELECT name FROM t WHERE term = $term", { term: 2 })).toEqual([
        { name: "b" },
      ]);
      expect(await queryRows(conn, "SELECT name FROM t WHERE name = ? ORDER BY name", ["a"])).toEqual([
        { name: "a" },
      ]);
      expect(await queryRows(conn, "SELECT name FROM t WHERE name = $name", { name: hostile })).toEqual([]);
      expect(await queryRows(conn, "SELECT $v AS v", { v: hostile })).toEqual([{ v: hostile }]);
    });
  });
});
