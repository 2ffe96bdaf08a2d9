/**
 * What DuckDB's `read_csv` needs to stage a CSV/TXT file exactly as the
 * JavaScript reader (csv.ts) reads it: one pass over the bytes, no text
 * decoded and no cell built. It counts the records as {@link CsvParser} does,
 * finds the empty ones (DuckDB skips empty lines, so their record numbers are
 * needed to keep every row's number), the widest record (DuckDB's column
 * count), and whether the file holds anything DuckDB reads differently from
 * the JavaScript reader: text after a closing quote, a quote never closed, a lone CR, a NUL byte, a second
 * byte-order mark, invalid UTF-8. Such a file is read by the JavaScript
 * reader instead (`plain` false).
 *
 * A GB18030/GBK file is first transcoded to UTF-8 in a stream
 * ({@link transcodeToUtf8}), then scanned and read the same way.
 */
import { isUtf8 } from "node:buffer";
import { createReadStream } from "node:fs";
import { open } from "node:fs/promises";
import type { Delimiter } from "./csv.ts";

export interface CsvShape {
  /** Records, as the JavaScript reader counts them (an empty line is one). */
  readonly records: number;
  /** Record numbers (1-based) of the empty records, ascending. */
  readonly blanks: readonly number[];
  /** The most fields of one record. */
  readonly maxFields: number;
  /** Whether DuckDB reads every record as the JavaScript reader does. */
  readonly plain: boolean;
}

const QUOTE = 34;
const CR = 13;
const LF = 10;
/** States of the scan: start of a field, in an unquoted field, in a quoted one, a quote in a quoted one, after a closing quote. */
const START = 0;
const UNQUOTED = 1;
const QUOTED = 2;
const QUOTE_IN_QUOTED = 3;
const CLOSED = 4;

/**
 * Scan a UTF-8 CSV file from byte `skip` (after its byte-order mark).
 *
 * @param checkUtf8 whether to check that the bytes are valid UTF-8 (a transcoded file is)
 */
export async function scanCsvBytes(
  path: string,
  delimiter: Delimiter,
  skip: number,
  checkUtf8: boolean,
): Promise<CsvShape> {
  const delim = delimiter.charCodeAt(0);
  let records = 0;
  const blanks: number[] = [];
  let maxFields = 0;
  let fields = 1;
  let content = false;
  let state = START;
  let pendingCr = false;
  let plain = true;
  let carry: Buffer | null = null;
  let first = true;
  const endRecord = () => {
    records++;
    if (!content) blanks.push(records);
    if (fields > maxFields) maxFields = fields;
    fields = 1;
    content = false;
    state = START;
  };
  for await (const chunk of createReadStream(path, { start: skip, highWaterMark: 1 << 20 })) {
    const bytes = chunk as Buffer;
    if (first) {
      first = false;
      if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) plain = false;
    }
    if (checkUtf8) {
      // Check up to the last ASCII byte; a character cut at the end waits for the next chunk.
      const whole: Buffer = carry ? Buffer.concat([carry, bytes]) : bytes;
      let cut = whole.length;
      while (cut > 0 && (whole[cut - 1] as number) >= 0x80) cut--;
      if (!isUtf8(whole.subarray(0, cut))) plain = false;
      carry = cut < whole.length ? Buffer.from(whole.subarray(cut)) : null;
    }
    if (!plain) break;
    for (let i = 0; i < bytes.length; i++) {
      const b = bytes[i] as number;
      if (pendingCr) {
        pendingCr = false;
        if (b === LF) continue;
        plain = false; // a lone CR: DuckDB takes one kind of line break per file
      }
      if (state === QUOTED) {
        if (b === QUOTE) state = QUOTE_IN_QUOTED;
        else if (b === 0) plain = false;
        continue;
      }
      if (state === QUOTE_IN_QUOTED) {
        if (b === QUOTE) {
          state = QUOTED;
          continue;
        }
        state = CLOSED;
      }
      if (b === delim) {
        fields++;
        content = true;
        state = START;
      } else if (b === LF || b === CR) {
        endRecord();
        if (b === CR) pendingCr = true;
      } else {
        content = true;
        if (state === CLOSED || b === 0) plain = false;
        // A quote inside an unquoted field is text, to DuckDB as to the JavaScript reader.
        state = b === QUOTE && state === START ? QUOTED : UNQUOTED;
      }
    }
    if (!plain) break;
  }
  if (carry !== null || state === QUOTED) plain = false;
  if (content || fields > 1) endRecord();
  return { records, blanks, maxFields, plain };
}

/**
 * Transcode a GB18030/GBK file to UTF-8 at `dest` in a stream, without a leading
 * byte-order mark (as the JavaScript reader drops it). Returns false when some
 * bytes do not decode (the JavaScript reader then reports where).
 */
export async function transcodeToUtf8(path: string, dest: string): Promise<boolean> {
  const decoder = new TextDecoder("gb18030", { fatal: true, ignoreBOM: true });
  const out = await open(dest, "wx", 0o600);
  let first = true;
  try {
    for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
      let text = decoder.decode(chunk as Buffer, { stream: true });
      if (first && text.length > 0) {
        first = false;
        if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      }
      await out.write(Buffer.from(text, "utf8"));
    }
    await out.write(Buffer.from(decoder.decode(), "utf8"));
    return true;
  } catch (error) {
    if (error instanceof TypeError) return false;
    throw error;
  } finally {
    await out.close();
  }
}
