/**
 * Progress lines for a log (the build's output is not a terminal): one line per input file read and
 * one per stage, each with its rows and rows per second, so a long build shows it is alive. The
 * clock only times; the outputs never depend on it.
 */
import type { BuildOptions, BuildStage } from "./build.ts";

const STAGE: Record<BuildStage, string> = {
  ingest: "读取",
  load: "载入",
  metrics: "计算指标",
  write: "写出",
};

/** Every line {@link progressLog} writes; anything else on stderr is a notice or an error. */
export const PROGRESS_LINE =
  /^(读取 .+|阶段 (读取|载入|计算指标|写出)):[\d,]+ 行,[\d,.]+ 秒,([\d,]+|—) 行\/秒$/;

const count = (n: number) => n.toLocaleString("en-US");

function line(what: string, rows: number, ms: number): string {
  const perSecond = ms > 0 ? count(Math.round((rows * 1000) / ms)) : "—";
  return `${what}:${count(rows)} 行,${(ms / 1000).toFixed(1)} 秒,${perSecond} 行/秒`;
}

/** Build options that write a line per file and per stage through `write`, timed by `clock` (ms). */
export function progressLog(
  write: (line: string) => void,
  clock: () => number,
): Pick<BuildOptions, "clock" | "onFile" | "onStage"> {
  return {
    clock,
    onFile: (file, ms) => write(line(`读取 ${file.path}`, file.read, ms)),
    onStage: (stage, ms, rows) => write(line(`阶段 ${STAGE[stage]}`, rows, ms)),
  };
}
