/**
 * The `huanjie` command line. `main` takes its streams, environment and
 * working folder as arguments and returns the exit status, so tests run it
 * in-process. Exit status: 0 written; 1 `--strict` with rejects or warnings;
 * 2 the dataset cannot be read (one message, no stack trace); 3 the output
 * folder is locked by another build; 4 DuckDB out of memory under its limit;
 * 5 the disk is full; 70 an internal error. Statuses 2 to 5 come from the `exitCode` of a
 * {@link CliError} (src/error.ts).
 */
import { resolve } from "node:path";
import { type ParseArgsConfig, parseArgs as parseArgsUtil } from "node:util";
import { CliError, DiskFullError, isDiskFull, isOutOfMemory, MemoryError } from "../error.ts";
import { DEFAULT_LIMITS, type ReadLimits } from "../read/reader.ts";
import { build, DEFAULT_MEMORY_LIMIT, VERSION } from "./build.ts";
import { COMBINE_LEVELS, type CombineLevel, combine } from "./combine.ts";
import { progressLog } from "./progress-log.ts";
import { formatCombineReport, formatReport } from "./report.ts";

const MIB = 1024 * 1024;

export interface CliIO {
  readonly stdout: { write(text: string): unknown; isTTY?: boolean };
  readonly stderr: { write(text: string): unknown; isTTY?: boolean };
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  /** Milliseconds for the progress lines of a log (default `performance.now`); outputs never depend on it. */
  readonly clock?: () => number;
}

export const USAGE = `用法 / usage:
  huanjie build DATASET_DIR --out OUT_DIR [--strict] [--as-of YYYY-MM-DD] [--quiet]
                [--max-file-mb N] [--max-rows N] [--max-unzipped-mb N] [--memory-limit SIZE]

  DATASET_DIR       数据集文件夹(含 dataset.yaml)
  --out             输出文件夹(整体替换)
  --strict          有任何拒收或警告时不写入,退出码 1
  --as-of           进度统计的截止日期
  --quiet           只输出错误
  --max-file-mb     单个输入文件的大小上限,MiB(默认 ${DEFAULT_LIMITS.maxFileBytes / MIB};环境变量 HUANJIE_MAX_FILE_MB)
  --max-rows        单个 CSV 文件或工作表的行数上限(默认 ${DEFAULT_LIMITS.maxRows};环境变量 HUANJIE_MAX_ROWS)
  --max-unzipped-mb 单个 XLSX 文件解压后的大小上限,MiB(默认 ${DEFAULT_LIMITS.maxDecompressedBytes / MIB};环境变量 HUANJIE_MAX_UNZIPPED_MB)
  --memory-limit    DuckDB 内存上限,如 2GB、1500MB(默认 ${DEFAULT_MEMORY_LIMIT};环境变量 HUANJIE_MEMORY_LIMIT);
                    超出部分暂存在 OUT_DIR 旁的 .spill 文件夹,构建结束即删除

  huanjie combine WAREHOUSE_DIR... --out OUT_DIR --name NAME --level city|province|nation
                [--targets FILE] [--as-of YYYY-MM-DD] [--quiet] [--memory-limit SIZE]

  WAREHOUSE_DIR     下级(县、市、省)由 huanjie build 或 huanjie combine 写出的数据仓库文件夹
  --name            合并后数据集的名称(本级辖区,如 某某市)
  --level           合并后的级别:city、province 或 nation,须高于每个输入的级别
  --targets         用此目标文件统一计算各输入的目标(不给时各输入的目标须相同)
  --as-of           进度统计的截止日期(不给时用各输入相同的截止日期)

  huanjie --version | --help
`;

interface BuildArgs {
  dataset: string;
  out: string;
  strict: boolean;
  asOf: string | null;
  quiet: boolean;
  /** Limits given on the command line (they override the environment's). */
  limits?: Partial<ReadLimits>;
  /** `--memory-limit` as given (it overrides HUANJIE_MEMORY_LIMIT). */
  memoryLimit?: string;
}

/**
 * A memory size for DuckDB: a positive whole number with a unit, `MB`/`GB`
 * (or `MiB`/`GiB`), case-insensitive. Returns it as DuckDB takes it; throws
 * an Error with a Chinese message otherwise.
 */
export function memoryLimitValue(name: string, text: string): string {
  const m = /^\s*(\d{1,7})\s*(MB|GB|MIB|GIB)\s*$/i.exec(text);
  if (!m || Number(m[1]) < 1) throw new Error(`${name} 应为带单位的正整数,如 2GB 或 1500MB,而不是 ${text}`);
  return `${Number(m[1])}${(m[2] as string).toUpperCase().replace("IB", "iB")}`;
}

/** The read limits settable from the command line or the environment, and their unit. */
const LIMIT_OPTIONS = [
  { option: "--max-file-mb", env: "HUANJIE_MAX_FILE_MB", key: "maxFileBytes", scale: MIB },
  { option: "--max-rows", env: "HUANJIE_MAX_ROWS", key: "maxRows", scale: 1 },
  { option: "--max-unzipped-mb", env: "HUANJIE_MAX_UNZIPPED_MB", key: "maxDecompressedBytes", scale: MIB },
] as const;

function limitValue(name: string, text: string, scale: number): number {
  if (!/^\d{1,9}$/.test(text.trim()) || Number(text) < 1)
    throw new Error(`${name} 应为正整数,而不是 ${text}`);
  return Number(text) * scale;
}

/**
 * The read limits from `HUANJIE_MAX_FILE_MB`, `HUANJIE_MAX_ROWS` and
 * `HUANJIE_MAX_UNZIPPED_MB`, overridden by those of the command line.
 * Throws an Error with a Chinese message for a value that is not a positive integer.
 */
export function readLimits(
  env: Readonly<Record<string, string | undefined>>,
  fromArgs: Partial<ReadLimits> = {},
): Partial<ReadLimits> {
  const out: { -readonly [K in keyof ReadLimits]?: number } = {};
  for (const l of LIMIT_OPTIONS) {
    const text = env[l.env];
    if (text !== undefined && text.trim() !== "") out[l.key] = limitValue(`环境变量 ${l.env}`, text, l.scale);
  }
  return { ...out, ...fromArgs };
}

/** The options of `huanjie build`, as `node:util` `parseArgs` reads them. */
const BUILD_OPTIONS = {
  out: { type: "string" },
  strict: { type: "boolean" },
  quiet: { type: "boolean" },
  "as-of": { type: "string" },
  "memory-limit": { type: "string" },
  "max-file-mb": { type: "string" },
  "max-rows": { type: "string" },
  "max-unzipped-mb": { type: "string" },
} as const satisfies NonNullable<ParseArgsConfig["options"]>;

type BuildOption = keyof typeof BUILD_OPTIONS;

/**
 * The arguments of `huanjie build`, read by `node:util` `parseArgs` (not strict,
 * with tokens, so the messages stay ours): `--name value` or `--name=value`,
 * `--` ends the options. The first problem found is returned as `{ error }`.
 */
export function parseArgs(argv: readonly string[]): BuildArgs | { error: string } {
  const [command, ...rest] = argv;
  if (command !== "build") return { error: command ? `未知的命令 ${command}` : "缺少命令" };
  const { tokens } = parseArgsUtil({
    args: rest,
    options: BUILD_OPTIONS,
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  const args: Partial<BuildArgs> = { strict: false, asOf: null, quiet: false };
  for (const token of tokens) {
    if (token.kind === "option-terminator") continue;
    if (token.kind === "positional") {
      if (args.dataset !== undefined) return { error: `多余的参数 ${token.value}` };
      args.dataset = token.value;
      continue;
    }
    const raw = rest[token.index] as string;
    const name = token.name as BuildOption;
    const option = Object.hasOwn(BUILD_OPTIONS, name) ? BUILD_OPTIONS[name] : undefined;
    // A boolean given a value (`--strict=yes`) is not one of ours either.
    if (!option || (option.type === "boolean" && token.value !== undefined))
      return { error: `未知的选项 ${raw}` };
    if (name === "strict" || name === "quiet") {
      args[name] = true;
      continue;
    }
    const { value } = token;
    if (value === undefined || (!token.inlineValue && value.startsWith("--")))
      return { error: `${token.rawName} 需要一个值` };
    try {
      if (name === "out") args.out = value;
      else if (name === "as-of") args.asOf = value;
      else if (name === "memory-limit") args.memoryLimit = memoryLimitValue(token.rawName, value);
      else {
        const l = LIMIT_OPTIONS.find((x) => x.option === token.rawName) as (typeof LIMIT_OPTIONS)[number];
        args.limits = { ...args.limits, [l.key]: limitValue(l.option, value, l.scale) };
      }
    } catch (error) {
      return { error: (error as Error).message };
    }
  }
  if (!args.dataset) return { error: "缺少 DATASET_DIR" };
  if (!args.out) return { error: "缺少 --out OUT_DIR" };
  const asOfError = dateError(args.asOf);
  if (asOfError) return { error: asOfError };
  return args as BuildArgs;
}

/** The message for an `--as-of` that is not a real `YYYY-MM-DD` day, or null. */
function dateError(asOf: string | null | undefined): string | null {
  if (asOf === null || asOf === undefined) return null;
  const d = new Date(`${asOf}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf) || Number.isNaN(d.getTime()) || !d.toISOString().startsWith(asOf))
    return `--as-of 应为存在的日期 YYYY-MM-DD,而不是 ${asOf}`;
  return null;
}

/** The options of `huanjie combine`. */
const COMBINE_OPTIONS = {
  out: { type: "string" },
  name: { type: "string" },
  level: { type: "string" },
  targets: { type: "string" },
  "as-of": { type: "string" },
  quiet: { type: "boolean" },
  "memory-limit": { type: "string" },
} as const satisfies NonNullable<ParseArgsConfig["options"]>;

interface CombineArgs {
  inputs: string[];
  out: string;
  name: string;
  level: CombineLevel;
  targets: string | null;
  asOf: string | null;
  quiet: boolean;
  memoryLimit?: string;
}

/** The arguments of `huanjie combine` (read as {@link parseArgs} reads build's). */
export function parseCombineArgs(argv: readonly string[]): CombineArgs | { error: string } {
  const rest = argv.slice(1);
  const { tokens } = parseArgsUtil({
    args: rest,
    options: COMBINE_OPTIONS,
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  const args: Omit<Partial<CombineArgs>, "level"> & { inputs: string[]; level?: string } = {
    inputs: [],
    targets: null,
    asOf: null,
    quiet: false,
  };
  for (const token of tokens) {
    if (token.kind === "option-terminator") continue;
    if (token.kind === "positional") {
      args.inputs.push(token.value);
      continue;
    }
    const raw = rest[token.index] as string;
    const name = token.name as keyof typeof COMBINE_OPTIONS;
    const option = Object.hasOwn(COMBINE_OPTIONS, name) ? COMBINE_OPTIONS[name] : undefined;
    if (!option || (option.type === "boolean" && token.value !== undefined))
      return { error: `未知的选项 ${raw}` };
    if (name === "quiet") {
      args.quiet = true;
      continue;
    }
    const { value } = token;
    if (value === undefined || (!token.inlineValue && value.startsWith("--")))
      return { error: `${token.rawName} 需要一个值` };
    if (name === "memory-limit") {
      try {
        args.memoryLimit = memoryLimitValue(token.rawName, value);
      } catch (error) {
        return { error: (error as Error).message };
      }
    } else if (name === "as-of") args.asOf = value;
    else args[name] = value;
  }
  if (args.inputs.length === 0) return { error: "缺少 WAREHOUSE_DIR(要合并的数据仓库)" };
  if (!args.out) return { error: "缺少 --out OUT_DIR" };
  if (!args.name?.trim()) return { error: "缺少 --name NAME" };
  if (!args.level) return { error: "缺少 --level city|province|nation" };
  if (!(COMBINE_LEVELS as readonly string[]).includes(args.level))
    return { error: `--level 应为 city、province 或 nation,而不是 ${args.level}` };
  const asOfError = dateError(args.asOf);
  if (asOfError) return { error: asOfError };
  return { ...args, name: (args.name as string).trim(), level: args.level as CombineLevel } as CombineArgs;
}

/** Whether `--help` or `-h` stands among the options (before a `--`), as in `huanjie build --help`. */
function asksForHelp(argv: readonly string[]): boolean {
  const end = argv.indexOf("--");
  return (end < 0 ? argv : argv.slice(0, end)).some((a) => a === "--help" || a === "-h");
}

export async function main(argv: readonly string[], io: CliIO): Promise<number> {
  if (argv[0] === "--version" || argv[0] === "-v") {
    io.stdout.write(`huanjie ${VERSION}\n`);
    return 0;
  }
  if (argv.length === 0 || argv[0] === "help" || asksForHelp(argv)) {
    io.stdout.write(USAGE);
    return argv.length === 0 ? 2 : 0;
  }
  const args = argv[0] === "combine" ? parseCombineArgs(argv) : parseArgs(argv);
  if ("error" in args) {
    io.stderr.write(`错误:${args.error}\n\n${USAGE}`);
    return 2;
  }
  let limits: Partial<ReadLimits> = {};
  let memoryLimit: string | undefined;
  try {
    if (!("inputs" in args)) limits = readLimits(io.env, args.limits);
    const fromEnv = io.env.HUANJIE_MEMORY_LIMIT?.trim();
    memoryLimit =
      args.memoryLimit ?? (fromEnv ? memoryLimitValue("环境变量 HUANJIE_MEMORY_LIMIT", fromEnv) : undefined);
  } catch (error) {
    io.stderr.write(`错误:${(error as Error).message}\n`);
    return 2;
  }
  const tty = Boolean(io.stderr.isTTY) && !args.quiet;
  let lastProgress = 0;
  const progress = tty
    ? (message: string) => {
        const now = performance.now();
        if (now - lastProgress < 100) return;
        lastProgress = now;
        io.stderr.write(`\r\x1b[K${message}`);
      }
    : undefined;
  const report = {
    env: io.env,
    memoryLimit,
    progress,
    // Not a terminal (a log): a line per file and per stage instead of the overwritten progress line.
    ...(tty || args.quiet
      ? {}
      : progressLog((line) => io.stderr.write(`${line}\n`), io.clock ?? (() => performance.now()))),
    notice: (message: string) => io.stderr.write(`${tty ? "\r\x1b[K" : ""}注意:${message}\n`),
  };
  const outDir = resolve(io.cwd, args.out);
  try {
    if ("inputs" in args) {
      const result = await combine({
        ...report,
        inputs: args.inputs,
        cwd: io.cwd,
        outDir,
        name: args.name,
        level: args.level,
        targets: args.targets,
        asOf: args.asOf,
      });
      if (tty) io.stderr.write("\r\x1b[K");
      if (!args.quiet) io.stdout.write(`${formatCombineReport(result, args.out)}\n`);
      return 0;
    }
    const result = await build({
      ...report,
      datasetDir: resolve(io.cwd, args.dataset),
      outDir,
      strict: args.strict,
      asOf: args.asOf,
      limits,
    });
    if (tty) io.stderr.write("\r\x1b[K");
    if (!args.quiet || !result.written) io.stdout.write(`${formatReport(result, args.out)}\n`);
    return result.written ? 0 : 1;
  } catch (error) {
    if (tty) io.stderr.write("\r\x1b[K");
    const known = isOutOfMemory(error)
      ? new MemoryError(memoryLimit ?? DEFAULT_MEMORY_LIMIT, error)
      : isDiskFull(error)
        ? new DiskFullError(args.out, error)
        : error;
    if (known instanceof CliError) {
      io.stderr.write(`错误:${known.message}\n${known.afterword ? `${known.afterword}\n` : ""}`);
      return known.exitCode;
    }
    const detail = io.env.HUANJIE_DEBUG ? `\n${(error as Error).stack}` : "";
    io.stderr.write(
      `内部错误:${(error as Error).message}${detail}\n未写入任何文件。请把此信息报告给开发者(设置 HUANJIE_DEBUG=1 可显示详情)。\n`,
    );
    return 70;
  }
}
