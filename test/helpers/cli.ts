/**
 * Runs the real `huanjie` command (bin/huanjie.js) in a child process, and
 * reads Parquet output back with DuckDB, for integration tests.
 */
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect } from "vitest";
import { main } from "../../src/cli/cli.ts";
import { PROGRESS_LINE } from "../../src/cli/progress-log.ts";
import { literal, queryRows, withDatabase } from "../../src/warehouse/duckdb.ts";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));
export const BIN = join(ROOT, "bin", "huanjie.js");
export const FIXTURES = join(ROOT, "test", "fixtures");

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Run `huanjie ...args` with a test key; extra environment in `env`. */
export function huanjie(args: string[], env: Record<string, string> = {}): Run {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    encoding: "utf8",
    env: { PATH: process.env.PATH ?? "", TZ: "UTC", HUANJIE_KEY: "test-key-not-secret-0123456789", ...env },
    timeout: 120_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Run the CLI in-process through `main`, with its output captured: the same code path as the command, without a process start. */
export async function huanjieInProcess(args: string[], env: Record<string, string> = {}): Promise<Run> {
  let stdout = "";
  let stderr = "";
  const status = await main(args, {
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: (t: string) => (stderr += t) },
    env: { TZ: "UTC", HUANJIE_KEY: "test-key-not-secret-0123456789", ...env },
    cwd: process.cwd(),
  });
  return { status, stdout, stderr };
}

/**
 * `stderr` without the progress lines a build writes when stderr is not a terminal (one per file and
 * per stage, src/progress-log.ts): what is left are notices and errors.
 */
export function withoutProgress(stderr: string): string {
  return stderr
    .split("\n")
    .filter((line) => !PROGRESS_LINE.test(line))
    .join("\n");
}

/** A build (or combine) that succeeded: exit status 0 and nothing on stderr but progress lines. */
export function expectBuilt(run: Run): void {
  expect(withoutProgress(run.stderr)).toBe("");
  expect(run.status).toBe(0);
}

/** A fresh temporary folder, below the run's HUANJIE_TEST_TMP (removed when the run ends). */
export function tempDir(prefix = "huanjie-"): string {
  return mkdtempSync(join(process.env.HUANJIE_TEST_TMP ?? tmpdir(), prefix));
}

/** Copy a fixture dataset into a temporary folder so a test can change it. */
export function copyDataset(name: string): string {
  const dir = join(tempDir(), name);
  cpSync(join(FIXTURES, "datasets", name), dir, { recursive: true });
  return dir;
}

/** Query a Parquet file with DuckDB; values in `tail` are bound as `$1`, `$2`… from `params`. */
export async function parquet<T = Record<string, unknown>>(
  path: string,
  select = "*",
  tail = "",
  params: (string | number | boolean | null)[] = [],
): Promise<T[]> {
  return withDatabase({}, (conn) =>
    queryRows<T>(conn, `SELECT ${select} FROM read_parquet(${literal(path)}) ${tail}`, params),
  );
}
