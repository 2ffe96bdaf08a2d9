/**
 * The output folder: written in full into a sibling staging folder, then
 * swapped in, so a failed or killed build leaves the previous OUT_DIR as it
 * was. A lock file next to OUT_DIR keeps two builds from writing it at once.
 *
 * The swap is two renames (OUT_DIR → OUT_DIR.old-PID, staging → OUT_DIR).
 * A kill between them leaves OUT_DIR missing and the old copy beside it;
 * the next build (or `recover`) puts the old copy back before anything else.
 */
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeSync,
} from "node:fs";
import { basename, dirname, join, resolve } from "node:path";

export class LockError extends Error {
  override readonly name = "LockError";
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Take `OUT_DIR.lock`; a lock left by a dead process is taken over. Returns the release function. */
export function lockOutput(outDir: string, pid: number = process.pid): () => void {
  const out = resolve(outDir);
  mkdirSync(dirname(out), { recursive: true });
  const lock = `${out}.lock`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lock, "wx");
      writeSync(fd, String(pid));
      closeSync(fd);
      return () => rmSync(lock, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const holder = Number(readFileSync(lock, "utf8").trim());
      if (Number.isInteger(holder) && holder > 0 && alive(holder) && holder !== pid) {
        throw new LockError(`另一个构建(进程 ${holder})正在写入 ${basename(out)},请等它结束后再试`);
      }
      rmSync(lock, { force: true }); // stale lock
    }
  }
  throw new LockError(`无法锁定输出文件夹 ${basename(out)}`);
}

/** Put back an OUT_DIR left missing by a build killed mid-swap, and remove leftovers of killed builds. */
export function recover(outDir: string, pid: number = process.pid): void {
  const out = resolve(outDir);
  const parent = dirname(out);
  const name = basename(out);
  if (!existsSync(parent)) return;
  const own = basename(spillDirFor(out, pid));
  const leftovers = readdirSync(parent).filter(
    (n) =>
      n.startsWith(`${name}.old-`) ||
      n.startsWith(`${name}.tmp-`) ||
      (n.startsWith(`${name}.spill-`) && n !== own),
  );
  for (const n of leftovers.sort()) {
    const p = join(parent, n);
    if (n.startsWith(`${name}.old-`) && !existsSync(out)) renameSync(p, out);
    else rmSync(p, { recursive: true, force: true });
  }
}

/**
 * The folder beside OUT_DIR where DuckDB moves data past its memory limit
 * during a build (created by DuckDB on demand). Only the lock holder uses it,
 * so any other `OUT_DIR.spill-*` is a killed build's leftover.
 */
export function spillDirFor(outDir: string, pid: number = process.pid): string {
  return `${resolve(outDir)}.spill-${pid}`;
}

/** A fresh staging folder beside OUT_DIR. */
export function stagingDir(outDir: string, pid: number = process.pid): string {
  const out = resolve(outDir);
  const dir = `${out}.tmp-${pid}`;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** Replace OUT_DIR by the staging folder. */
export function commitOutput(staging: string, outDir: string, pid: number = process.pid): void {
  const out = resolve(outDir);
  const old = `${out}.old-${pid}`;
  if (existsSync(out)) renameSync(out, old);
  renameSync(staging, out);
  rmSync(old, { recursive: true, force: true });
}
