/**
 * Pause points for the fault tests (test/security/faults.test.ts), never
 * timers: with `HUANJIE_TEST_PAUSE_AT=<point>` in the environment, a build
 * that reaches that point writes `huanjie: paused at <point>` to stderr and
 * blocks until its stdin gives a byte or ends, so a test can kill it exactly
 * there (or let it go on). Without the variable a pause point does nothing.
 */
import { readSync, writeSync } from "node:fs";

/**
 * `lock`: the output lock just taken; `ingest`: the units file ingested;
 * `metrics`: before the metrics SQL; `staging`: the ingest tables written into
 * the staging folder; `swap`: between the two renames that swap it in.
 */
export type PausePoint = "lock" | "ingest" | "metrics" | "staging" | "swap";

export const PAUSE_VARIABLE = "HUANJIE_TEST_PAUSE_AT";

/** The line a paused build writes to stderr. */
export function pauseMarker(point: PausePoint): string {
  return `huanjie: paused at ${point}\n`;
}

export function pauseAt(env: Readonly<Record<string, string | undefined>>, point: PausePoint): void {
  if (env[PAUSE_VARIABLE] !== point) return;
  writeSync(2, pauseMarker(point));
  const byte = Buffer.alloc(1);
  for (;;) {
    try {
      readSync(0, byte);
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EAGAIN") return;
    }
  }
}
