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
