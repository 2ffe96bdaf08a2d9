/**
 * Errors the `huanjie` command reports to the user as one message and an exit
 * status, as Observable Framework's `CliError` does: each carries its
 * `exitCode`, so `main` needs no list of error classes. Anything else that
 * reaches `main` is an internal error (exit status 70).
 */
export class CliError extends Error {
  override readonly name: string = "CliError";
  /** The exit status of the command. */
  readonly exitCode: number;
  /** A second line for the user after the message, or null. */
  readonly afterword: string | null;

  constructor(message: string, options: { exitCode: number; afterword?: string | null; cause?: unknown }) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.exitCode = options.exitCode;
    this.afterword = options.afterword ?? null;
  }
}

/**
 * A fatal problem with the dataset (exit status 2): the manifest is missing or
 * invalid, a listed file is missing, unreadable, empty or over a limit, no
 * header row is found, a required column is absent. The message is one Chinese
 * sentence that names the file (relative to the dataset folder) and what is
 * wrong; it never contains an ID number or a stack trace.
 */
export class InputError extends CliError {
  override readonly name = "InputError";
  /** The file concerned, relative to the dataset folder, or null for the dataset as a whole. */
  readonly file: string | null;

  constructor(file: string | null, message: string) {
    super(file ? `${file}: ${message}` : message, { exitCode: 2, afterword: "未写入任何文件。" });
    this.file = file;
  }
}

/** Another build holds the output folder's lock (exit status 3); the output folder is left as it is. */
export class LockError extends CliError {
  override readonly name = "LockError";

  constructor(message: string) {
    super(message, { exitCode: 3 });
  }
}

/**
 * DuckDB could not finish under its memory limit (exit status 4): not a bug, and not the dataset's fault;
 * the same build with a higher `--memory-limit` can succeed. The output folder is left as it is.
 */
export class MemoryError extends CliError {
  override readonly name = "MemoryError";

  constructor(limit: string, cause?: unknown) {
    super(
      `DuckDB 在内存上限 ${limit} 内未能完成。请用 --memory-limit 或环境变量 HUANJIE_MEMORY_LIMIT 调高上限后重试`,
      { exitCode: 4, afterword: "未写入任何文件。", cause },
    );
  }
}

/**
 * The disk holding the output folder (and the spill folder beside it) filled up (exit status 5): not a bug and
 * not the dataset's fault; the same build succeeds once there is room. The output folder is left as it is.
 */
export class DiskFullError extends CliError {
  override readonly name = "DiskFullError";

  constructor(outDir: string, cause?: unknown) {
    super(
      `磁盘空间不足:${outDir} 所在的磁盘已写满(输出文件夹及其旁边的临时文件夹都在这里)。请腾出空间(约为输入文件大小的两倍)后重试`,
      { exitCode: 5, afterword: "未写入任何文件。", cause },
    );
  }
}

/**
 * DuckDB handed back fewer rows than a query has, which a streamed result does when it runs out of memory
 * part way without an error; `main` reports it as a {@link MemoryError}.
 */
export class ShortReadError extends Error {
  override readonly name = "ShortReadError";
}

/** Whether `error` (or what it wraps) is DuckDB running out of memory under its limit. */
export function isOutOfMemory(error: unknown): boolean {
  for (let e = error; e instanceof Error; e = e.cause) {
    if (e instanceof ShortReadError) return true;
    if (/Out of Memory Error|could not allocate block|failed to pin block/.test(e.message)) return true;
  }
  return false;
}

/** Whether `error` (or what it wraps) is a write that failed because the disk is full, in Node or in DuckDB. */
export function isDiskFull(error: unknown): boolean {
  for (let e = error; e instanceof Error; e = e.cause) {
    if ((e as NodeJS.ErrnoException).code === "ENOSPC") return true;
    if (/No space left on device/.test(e.message)) return true;
  }
  return false;
}
