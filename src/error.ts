/**
 * A fatal problem with the dataset (exit status 2): the manifest is missing or
 * invalid, a listed file is missing, unreadable, empty or over a limit, no
 * header row is found, a required column is absent. The message is one Chinese
 * sentence that names the file (relative to the dataset folder) and what is
 * wrong; it never contains an ID number or a stack trace.
 */
export class InputError extends Error {
  override readonly name = "InputError";
  /** The file concerned, relative to the dataset folder, or null for the dataset as a whole. */
  readonly file: string | null;

  constructor(file: string | null, message: string) {
    super(file ? `${file}: ${message}` : message);
    this.file = file;
  }
}
