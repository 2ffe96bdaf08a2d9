/**
 * A CSV file written row by row (so large synthetic datasets never sit in
 * memory), in the encodings real exports come in: UTF-8, UTF-8 with a BOM
 * (Excel's "CSV UTF-8"), or GBK (Excel on Chinese Windows). Lines end in CRLF.
 */
import { closeSync, openSync, writeSync } from "node:fs";
import { encodeGbk } from "./gbk.ts";

export type CsvEncoding = "utf8" | "utf8-bom" | "gbk";

export type CsvCell = string | number | null;

/** One CSV line (without its line end): fields holding `,` `"` or a line break are quoted. */
export function csvLine(cells: readonly CsvCell[]): string {
  return cells
    .map((cell) => {
      const text = cell === null ? "" : String(cell);
      return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
    })
    .join(",");
}

const FLUSH_AT = 1 << 16;

export class CsvSink {
  private readonly fd: number;
  private buffer: string[] = [];
  private size = 0;
  /** Rows written so far. */
  rows = 0;

  constructor(
    path: string,
    private readonly encoding: CsvEncoding,
  ) {
    this.fd = openSync(path, "w");
    if (encoding === "utf8-bom") writeSync(this.fd, new Uint8Array([0xef, 0xbb, 0xbf]));
  }

  row(cells: readonly CsvCell[]): void {
    const line = `${csvLine(cells)}\r\n`;
    this.buffer.push(line);
    this.size += line.length;
    this.rows++;
    if (this.size >= FLUSH_AT) this.flush();
  }

  private flush(): void {
    const text = this.buffer.join("");
    this.buffer = [];
    this.size = 0;
    writeSync(this.fd, this.encoding === "gbk" ? encodeGbk(text) : Buffer.from(text, "utf8"));
  }

  close(): void {
    this.flush();
    closeSync(this.fd);
  }
}
