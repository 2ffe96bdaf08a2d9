/**
 * The one entry point of the tabular input layer: read the rows of a CSV, TXT or
 * XLSX export, with limits that keep a hostile or mistaken file from exhausting
 * memory or time.
 */
import { stat } from "node:fs/promises";
import { extname } from "node:path";
import { InputError } from "../error.ts";
import type { RawRow } from "./cell.ts";
import { readCsv } from "./csv.ts";
import { readXlsx } from "./xlsx.ts";

export interface ReadLimits {
  /** Largest file accepted, in bytes. */
  readonly maxFileBytes: number;
  /** Most rows (physical rows/records, blank ones included) in one CSV file or one sheet. */
  readonly maxRows: number;
  /** Most bytes inflated from one XLSX file (all parts read together); guards against zip bombs. */
  readonly maxDecompressedBytes: number;
}

/**
 * Defaults: 512 MiB per file, 2,000,000 rows per file or sheet (Excel itself stops at
 * 1,048,576), 2 GiB inflated per XLSX file (a real 512 MiB workbook inflates to
 * about 2–4×; a zip bomb to 1000×).
 */
export const DEFAULT_LIMITS: ReadLimits = {
  maxFileBytes: 512 * 1024 * 1024,
  maxRows: 2_000_000,
  maxDecompressedBytes: 2 * 1024 * 1024 * 1024,
};

export interface ReadOptions {
  /** The file name in every message, relative to the dataset folder (never an absolute path). */
  readonly displayName: string;
  /** XLSX: read only this sheet. Not allowed for CSV/TXT. */
  readonly sheet?: string | null;
  readonly limits?: Partial<ReadLimits>;
}

/**
 * Read the rows of a `.csv`, `.txt` (comma or tab separated) or `.xlsx` file
 * (every worksheet in workbook order, or only `sheet`). Nothing is read until
 * the iteration starts; all problems surface as {@link InputError} from it.
 *
 * @throws InputError for an unknown extension (`.xls` gets a hint to re-save), a missing,
 *   unreadable, empty or oversized file, a sheet named for a CSV file or absent from the
 *   workbook (the message lists the sheets), an unrecognised encoding, a corrupt workbook,
 *   or a limit exceeded
 */
export function readRows(path: string, options: ReadOptions): AsyncIterable<RawRow> {
  return {
    [Symbol.asyncIterator]: () => flatten(batches(path, options)),
  };
}

/** Serve rows one by one from batches without an async-generator hop per row (the readers' hot path). */
function flatten(source: AsyncGenerator<readonly RawRow[]>): AsyncIterator<RawRow> {
  let batch: readonly RawRow[] = [];
  let i = 0;
  const next = (): Promise<IteratorResult<RawRow>> => {
    if (i < batch.length) return Promise.resolve({ value: batch[i++] as RawRow, done: false });
    return source.next().then((r) => {
      if (r.done) return { value: undefined, done: true };
      batch = r.value;
      i = 0;
      return next();
    });
  };
  return {
    next,
    return: async () => {
      await source.return(undefined);
      return { value: undefined, done: true };
    },
  };
}

async function* batches(path: string, options: ReadOptions): AsyncGenerator<readonly RawRow[]> {
  const file = options.displayName;
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const ext = extname(path).toLowerCase();
  if (ext !== ".csv" && ext !== ".txt" && ext !== ".xlsx") {
    const hint =
      ext === ".xls" || ext === ".et" ? ",请在 Excel 中另存为 .xlsx 或 CSV" : ",支持 .xlsx、.csv 和 .txt";
    throw new InputError(file, `不支持的文件格式“${ext || "(无扩展名)"}”${hint}`);
  }
  let size: number;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new InputError(file, "不是一个文件");
    size = info.size;
  } catch (error) {
    if (error instanceof InputError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(file, code === "ENOENT" ? "文件不存在" : `无法读取文件(${code ?? "I/O 错误"})`);
  }
  if (size === 0) throw new InputError(file, "文件为空");
  if (size > limits.maxFileBytes) {
    throw new InputError(file, `文件大小超过上限(${mib(size)},上限 ${mib(limits.maxFileBytes)})`);
  }
  if (ext === ".xlsx") {
    yield* readXlsx(path, {
      displayName: file,
      sheet: options.sheet ?? null,
      maxRows: limits.maxRows,
      maxDecompressedBytes: limits.maxDecompressedBytes,
    });
  } else {
    if (options.sheet !== null && options.sheet !== undefined) {
      throw new InputError(file, `CSV/TXT 文件没有工作表,不能指定工作表“${options.sheet}”`);
    }
    yield* readCsv(path, { displayName: file, maxRows: limits.maxRows });
  }
}

function mib(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}
