/**
 * Shared steps of the security tests: a copy of the tiny fixture with one
 * file replaced, the "refused" contract of exit status 2 (one Chinese message
 * naming the file, no stack trace, the previous OUT_DIR untouched, nothing
 * left beside it), and reading a whole output folder back.
 */
import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, dirname, join, relative } from "node:path";
import { expect } from "vitest";
import {
  copyDataset,
  FIXTURES,
  huanjieInProcess,
  type Run,
  tempDir,
  withoutProgress,
} from "../helpers/cli.ts";

export const BAD = join(FIXTURES, "bad");

/** Every regular file below `dir`, as paths relative to it, sorted. */
export function filesBelow(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => relative(dir, join(d.parentPath, d.name)))
    .sort();
}

/** sha256 of every file below `dir`, by relative path. */
export function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of filesBelow(dir))
    out[f] = createHash("sha256")
      .update(readFileSync(join(dir, f)))
      .digest("hex");
  return out;
}

/**
 * A copy of the tiny fixture whose 2021 roster is `name`, holding `bytes`
 * (or the corpus file `name` of test/fixtures/bad when `bytes` is absent).
 */
export function tinyWithRoster(name: string, bytes?: Uint8Array | string): string {
  const d = copyDataset("tiny");
  writeFileSync(join(d, name), bytes ?? readFileSync(join(BAD, name)));
  const manifest = readFileSync(join(d, "dataset.yaml"), "utf8");
  writeFileSync(join(d, "dataset.yaml"), manifest.replace("- roster-2021.csv", `- ${name}`));
  return d;
}

/** A previous output folder (a stand-in with a manifest), to prove a refused run leaves it as it was. */
export function previousOutput(): string {
  const out = join(tempDir(), "out");
  mkdirSync(join(out, "metrics"), { recursive: true });
  writeFileSync(join(out, "manifest.json"), '{"previous":true}\n');
  writeFileSync(join(out, "metrics", "summary.json"), "{}\n");
  return out;
}

/** Nothing beside OUT_DIR: no staging folder, no old copy, no lock. */
export function expectNoLeftovers(out: string): void {
  const names = existsSync(dirname(out)) ? readdirSync(dirname(out)) : [];
  expect(names.filter((n) => n !== basename(out))).toEqual([]);
}

/**
 * Run `huanjie build` in-process on `dataset` into a previous OUT_DIR and
 * expect exit 2: exactly one message line `错误:…` matching `pattern` (which
 * should name the file), then `未写入任何文件。`, no stack trace, and the
 * previous OUT_DIR byte for byte as it was.
 */
export async function expectRefused(
  dataset: string,
  pattern: RegExp,
  args: string[] = [],
  env: Record<string, string> = {},
): Promise<Run> {
  const out = previousOutput();
  const before = snapshot(out);
  const r = await huanjieInProcess(["build", dataset, "--out", out, ...args], env);
  expect(r.status, r.stderr).toBe(2);
  const lines = withoutProgress(r.stderr).trimEnd().split("\n");
  expect(lines, r.stderr).toHaveLength(2);
  expect(lines[0]).toMatch(/^错误:/);
  expect(lines[0]).toMatch(pattern);
  expect(lines[1]).toBe("未写入任何文件。");
  expect(r.stderr).not.toMatch(/\bat .+:\d+:\d+|内部错误|Error:/);
  expect(r.stdout).toBe("");
  expect(snapshot(out)).toEqual(before);
  expectNoLeftovers(out);
  return r;
}

/** Copy a dataset folder to a fresh temporary place. */
export function copyTo(src: string): string {
  const d = join(tempDir(), basename(src));
  cpSync(src, d, { recursive: true });
  return d;
}
