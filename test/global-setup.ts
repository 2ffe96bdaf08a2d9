/**
 * One temporary folder for the whole test run (HUANJIE_TEST_TMP): every test's
 * temporary datasets, warehouses and sites go below it, and it is removed when
 * the run ends, so a run leaves nothing behind in /tmp.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

let dir: string | undefined;

export function setup(): void {
  dir = mkdtempSync(join(tmpdir(), "huanjie-test-"));
  process.env.HUANJIE_TEST_TMP = dir;
}

export function teardown(): void {
  if (dir) rmSync(dir, { recursive: true, force: true });
}
