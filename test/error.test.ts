import { describe, expect, it } from "vitest";
import { CliError, InputError, LockError } from "../src/error.ts";

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
