import { writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CliError, DiskFullError, InputError, isDiskFull, isOutOfMemory, LockError } from "../src/error.ts";
import { withDatabase } from "../src/warehouse/duckdb.ts";

describe("errors carry their exit status", () => {
  it("InputError exits 2 with 未写入任何文件, LockError exits 3; both are CliErrors", () => {
    const input = new InputError("a.csv", "未找到表头");
    expect([input instanceof CliError, input.exitCode, input.message, input.afterword]).toEqual([
      true,
      2,
      "a.csv: 未找到表头",
      "未写入任何文件。",
    ]);
    const lock = new LockError("另一个构建正在写入");
    expect([lock instanceof CliError, lock.exitCode, lock.afterword, lock.name]).toEqual([
      true,
      3,
      null,
      "LockError",
    ]);
    expect(new CliError("x", { exitCode: 4 }).exitCode).toBe(4);
  });
});

describe("a full disk is its own exit status, not an internal error", () => {
  // /dev/full fails every write with ENOSPC, as a full disk does: real errors from Node and from DuckDB.
  it("recognises Node's and DuckDB's own errors for a full disk, and nothing else", async () => {
    let nodeError: unknown;
    try {
      writeFileSync("/dev/full", "x");
    } catch (error) {
      nodeError = error;
    }
    const duckError = await withDatabase({}, async (conn) => {
      try {
        await conn.run("COPY (SELECT range AS x FROM range(100000)) TO '/dev/full' (FORMAT parquet)");
      } catch (error) {
        return error;
      }
      return undefined;
    });
    expect(isDiskFull(nodeError)).toBe(true);
    expect(isDiskFull(duckError)).toBe(true);
    expect(isDiskFull(new Error("wrapped", { cause: duckError }))).toBe(true);
    expect(isOutOfMemory(duckError)).toBe(false);
    expect(isDiskFull(new Error("Out of Memory Error: failed to pin block"))).toBe(false);
    expect(isDiskFull(new InputError("a.csv", "未找到表头"))).toBe(false);
  });

  it("DiskFullError exits 5, names the output folder and says nothing was written", () => {
    const full = new DiskFullError("out/呼和浩特市");
    expect([full instanceof CliError, full.exitCode, full.afterword]).toEqual([true, 5, "未写入任何文件。"]);
    expect(full.message).toMatch(/磁盘空间不足:out\/呼和浩特市 所在的磁盘已写满/);
  });
});
