/**
 * The output folder: written in full into a sibling staging folder, then
 * swapped in, so a failed or killed build leaves the previous OUT_DIR as it
 * was. A lock file next to OUT_DIR keeps two builds from writing it at once.
 *
 * The swap is two renames (OUT_DIR → OUT_DIR.old-PID, staging → OUT_DIR).
 * A kill between them leaves OUT_DIR missing and the old copy beside it;
 * the next build (or `recover`) puts the old copy back before anything else.
 */
import { createHash, randomUUID } from "node:crypto";
import {
  existsSync,
  linkSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { LockError } from "../error.ts";

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

export interface LockHooks {
  /** Called when a dead holder's lock was found, before taking it over (tests put a rival build here). */
  readonly beforeTakeover?: () => void;
}

/** How often a build retries taking the lock while others take it or give it up under its feet. */
const LOCK_ATTEMPTS = 8;

/** A lock's text: the holder's pid and a token unique to this taking of the lock. */
function lockText(pid: number): string {
  return `${pid} ${randomUUID()}\n`;
}

function holderOf(text: string): number {
  return Number(text.trim().split(/\s+/)[0]);
}

/** Held by a running process other than `pid` (a lock of `pid` itself, or unreadable, is stale). */
function heldByOther(text: string, pid: number): boolean {
  const holder = holderOf(text);
  return Number.isInteger(holder) && holder > 0 && holder !== pid && alive(holder);
}

function readText(path: string): string | null {
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
}

/**
 * Create `path` holding `text` in one step (written beside it, then linked):
 * a reader never sees it empty. False when `path` exists.
 */
function createWith(path: string, text: string, pid: number): boolean {
  const temp = `${path}.new-${pid}-${randomUUID()}`;
  writeFileSync(temp, text, { flag: "wx" });
  try {
    linkSync(temp, path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  } finally {
    rmSync(temp, { force: true });
  }
}

/**
 * Remove `path` (the lock, or a claim) if it still holds `seen`, written by a
 * dead process. Only the build that creates the claim named after `seen` may
 * remove it, and it does so only if `path` still holds `seen`: a lock's text is
 * never written twice, so of two builds that both found the dead lock, the
 * slower can no longer remove the lock the faster has taken since. A claim
 * left by a build killed while taking over is taken over the same way.
 * Returns the text of a live build's claim when one is taking it over.
 */
function removeStale(lock: string, path: string, seen: string, pid: number): string | null {
  const claim = `${lock}.claim-${createHash("sha256").update(seen).digest("hex").slice(0, 16)}`;
  for (let attempt = 0; !createWith(claim, lockText(pid), pid); attempt++) {
    const other = readText(claim);
    if (attempt >= LOCK_ATTEMPTS) throw new LockError(`无法锁定输出文件夹 ${basename(lock, ".lock")}`);
    if (other === null) continue; // given up just now
    if (heldByOther(other, pid)) return other;
    const busy = removeStale(lock, claim, other, pid);
    if (busy !== null) return busy;
  }
  try {
    if (readText(path) === seen) rmSync(path, { force: true });
  } finally {
    rmSync(claim, { force: true });
  }
  return null;
}

/**
 * Take `OUT_DIR.lock`; a lock left by a dead process is taken over (atomically:
 * see `removeStale`). Returns the release function.
 */
export function lockOutput(outDir: string, pid: number = process.pid, hooks: LockHooks = {}): () => void {
  const out = resolve(outDir);
  mkdirSync(dirname(out), { recursive: true });
  const lock = `${out}.lock`;
  const busy = (text: string) =>
    new LockError(`另一个构建(进程 ${holderOf(text)})正在写入 ${basename(out)},请等它结束后再试`);
  const mine = lockText(pid);
  for (let attempt = 0; attempt < LOCK_ATTEMPTS; attempt++) {
    if (createWith(lock, mine, pid)) {
      return () => {
        if (readText(lock) === mine) rmSync(lock, { force: true });
      };
    }
    const seen = readText(lock);
    if (seen === null) continue; // released just now
    if (heldByOther(seen, pid)) throw busy(seen);
    hooks.beforeTakeover?.();
    const claimant = removeStale(lock, lock, seen, pid);
    if (claimant !== null) throw busy(claimant);
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
  // Beside the lock: claims of locks long gone (this build holds the lock now), and the
  // half-written lock texts of killed builds (`.lock.new-PID-…`).
  const sideOfLock = (n: string) =>
    n.startsWith(`${name}.lock.claim-`) ||
    (n.startsWith(`${name}.lock.new-`) && !alive(Number(n.slice(`${name}.lock.new-`.length).split("-")[0])));
  const leftovers = readdirSync(parent).filter(
    (n) =>
      n.startsWith(`${name}.old-`) ||
      n.startsWith(`${name}.tmp-`) ||
      (n.startsWith(`${name}.spill-`) && n !== own) ||
      sideOfLock(n),
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

/**
 * A fresh staging folder beside OUT_DIR, filled by `fill`. If filling fails (a full disk, DuckDB out of
 * memory) the half-filled folder is removed before the error goes on, so a failed build gives back the
 * space it took; only a killed build leaves one, for the next build's {@link recover}.
 */
export async function fillStaging<T>(
  outDir: string,
  fill: (staging: string) => Promise<T>,
): Promise<{ staging: string; value: T }> {
  const staging = stagingDir(outDir);
  try {
    return { staging, value: await fill(staging) };
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }
}

/** Replace OUT_DIR by the staging folder; `betweenRenames` is for the fault tests (a kill there). */
export function commitOutput(
  staging: string,
  outDir: string,
  pid: number = process.pid,
  betweenRenames?: () => void,
): void {
  const out = resolve(outDir);
  const old = `${out}.old-${pid}`;
  if (existsSync(out)) renameSync(out, old);
  betweenRenames?.();
  renameSync(staging, out);
  rmSync(old, { recursive: true, force: true });
}
