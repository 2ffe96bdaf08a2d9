/**
 * Streaming CSV/TXT reader: RFC 4180 quoting (escaped quotes, line breaks inside
 * quotes), CRLF, LF, CR and mixed line endings, comma or tab delimiter. The file
 * is streamed and decoded piece by piece (see encoding.ts); it is never held whole.
 */
import { createReadStream } from "node:fs";
import { InputError } from "../error.ts";
import type { RawRow } from "./cell.ts";
import { decodeText } from "./encoding.ts";

export type Delimiter = "," | "\t";

export interface CsvOptions {
  /** The file name used in messages (relative to the dataset). */
  readonly displayName: string;
  /** More records than this is an InputError. */
  readonly maxRows: number;
  /** Force a delimiter; detected from the first non-blank lines when absent. */
  readonly delimiter?: Delimiter;
}

/** A record longer than this (in characters) is taken for an unclosed quote. */
const MAX_RECORD_CHARS = 16 << 20;
const QUOTE = 34;
const CR = 13;
const LF = 10;

/**
 * Read the records of a CSV or tab-separated TXT file, in batches (one per
 * decoded piece of the file). Every cell is a string
 * (quoted or not, never trimmed); an empty line is a record with one empty cell.
 * `rowNumber` is the 1-based record index, which is the row number Excel shows
 * when it opens the file (a line break inside quotes does not start a row).
 *
 * @throws InputError on an unreadable file, an unrecognised encoding, a quote that
 *   is never closed, or more than `maxRows` records
 */
export async function* readCsv(path: string, options: CsvOptions): AsyncGenerator<RawRow[]> {
  const file = options.displayName;
  let parser: CsvParser | null = null;
  const stream = createReadStream(path, { highWaterMark: 256 << 10 });
  try {
    for await (const text of decodeText(byteChunks(stream, file), file, () => parser?.rowNumber ?? 0)) {
      parser ??= new CsvParser(options.delimiter ?? detectDelimiter(text), file, options.maxRows);
      const rows = parser.push(text, false);
      if (rows.length > 0) yield rows;
    }
    const rows = parser?.push("", true) ?? [];
    if (rows.length > 0) yield rows;
  } finally {
    stream.destroy();
  }
}

async function* byteChunks(stream: AsyncIterable<Buffer>, file: string): AsyncGenerator<Uint8Array> {
  try {
    for await (const chunk of stream) yield chunk;
  } catch (error) {
    throw new InputError(file, `无法读取文件(${(error as NodeJS.ErrnoException).code ?? "I/O 错误"})`);
  }
}

/**
 * The delimiter of a text table: tab when the first ten non-blank lines hold more
 * tabs than commas (outside quotes), else comma.
 */
export function detectDelimiter(text: string): Delimiter {
  let tabs = 0;
  let commas = 0;
  let lines = 0;
  let nonBlank = false;
  let quoted = false;
  for (let i = 0; i < text.length && lines < 10; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) quoted = !quoted;
    else if (quoted) continue;
    else if (c === 9) tabs++;
    else if (c === 44) commas++;
    else if (c === LF || c === CR) {
      if (nonBlank) lines++;
      nonBlank = false;
      continue;
    }
    if (c !== 32) nonBlank = true;
  }
  return tabs > commas ? "\t" : ",";
}

/** The index of the delimiter or line break that ends the unquoted text at `pos`, or the end of `s`. */
function fieldEnd(s: string, pos: number, delim: number): number {
  const n = s.length;
  let i = pos;
  for (; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c === delim || c === CR || c === LF) break;
  }
  return i;
}

/** Incremental parser: text goes in piece by piece, complete records come out. */
export class CsvParser {
  /** Records produced so far (= rowNumber of the last one). */
  rowNumber = 0;
  private rest = "";
  private readonly delim: number;

  constructor(
    delimiter: Delimiter,
    private readonly file: string,
    private readonly maxRows: number,
  ) {
    this.delim = delimiter.charCodeAt(0);
  }

  /**
   * Parse `text` after what came before. Returns the records completed; an
   * incomplete last record is kept for the next call unless `final`.
   */
  push(text: string, final: boolean): RawRow[] {
    const s = this.rest.length > 0 ? this.rest + text : text;
    const out: RawRow[] = [];
    const n = s.length;
    const delim = this.delim;
    let pos = 0;
    records: while (pos < n) {
      const start = pos;
      const cells: string[] = [];
      for (;;) {
        // One field starting at pos.
        let value: string;
        if (s.charCodeAt(pos) === QUOTE) {
          let j = pos + 1;
          value = "";
          for (;;) {
            const k = s.indexOf('"', j);
            if (k < 0 || (k === n - 1 && !final)) {
              if (final) throw this.unclosed();
              this.keep(s, start);
              return out;
            }
            value += s.slice(j, k);
            if (s.charCodeAt(k + 1) === QUOTE) {
              value += '"';
              j = k + 2;
            } else {
              pos = k + 1;
              break;
            }
          }
          // Lenient like Excel: text after the closing quote belongs to the field.
          const tail = pos;
          pos = fieldEnd(s, pos, delim);
          if (pos > tail) value += s.slice(tail, pos);
        } else {
          const from = pos;
          pos = fieldEnd(s, pos, delim);
          value = s.slice(from, pos);
        }
        cells.push(value);
        if (pos >= n) {
          if (!final) {
            this.keep(s, start);
            return out;
          }
          this.emit(out, cells);
          break records;
        }
        const c = s.charCodeAt(pos);
        if (c === delim) {
          pos++;
          continue;
        }
        if (c === CR) {
          if (pos + 1 >= n && !final) {
            this.keep(s, start);
            return out;
          }
          pos += s.charCodeAt(pos + 1) === LF ? 2 : 1;
        } else {
          pos++;
        }
        this.emit(out, cells);
        continue records;
      }
    }
    this.rest = "";
    return out;
  }

  private emit(out: RawRow[], cells: string[]): void {
    if (++this.rowNumber > this.maxRows) {
      throw new InputError(this.file, `行数超过上限 ${this.maxRows} 行`);
    }
    out.push({ sheet: null, rowNumber: this.rowNumber, cells });
  }

  private keep(s: string, start: number): void {
    this.rest = s.slice(start);
    if (this.rest.length > MAX_RECORD_CHARS) throw this.unclosed();
  }

  private unclosed(): InputError {
    return new InputError(this.file, `第 ${this.rowNumber + 1} 行的引号没有闭合(或该行过长)`);
  }
}
