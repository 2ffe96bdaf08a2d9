/**
 * One temporary folder for the whole test run (HUANJIE_TEST_TMP): every test's
 * temporary datasets, warehouses and sites go below it, and it is removed when
 * the run ends, so a run leaves nothing behind in /tmp. And the coordinator of
 * the outputs the test files share (HUANJIE_TEST_SHARED, test/helpers/shared.ts):
 * a warehouse several files read is built once per run.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SHARED_VARIABLE, type SharedServer, startSharedServer } from "./helpers/shared-server.ts";

let dir: string | undefined;
let server: SharedServer | undefined;

export async function setup(): Promise<void> {
  dir = mkdtempSync(join(tmpdir(), "huanjie-test-"));
  process.env.HUANJIE_TEST_TMP = dir;
  server = await startSharedServer();
  process.env[SHARED_VARIABLE] = server.url;
}

export async function teardown(): Promise<void> {
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
}
