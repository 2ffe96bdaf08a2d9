/**
 * Streaming XLSX (ECMA-376 SpreadsheetML) reader. The zip's central directory
 * is read first, so parts are opened in the order they are needed (shared
 * strings and styles before any sheet) wherever they sit in the file; each
 * sheet is inflated and parsed chunk by chunk and handed out row by row, so
 * memory stays bounded by the shared-string table, not by the sheet size.
 * Hostile files are bounded by a decompressed-size limit (zip bombs), a row
 * limit and a column limit.
 */
import { type FileHandle, open } from "node:fs/promises";
import { basename } from "node:path";
import { Inflate } from "fflate";
import { type Cell, ExcelDate, type RawRow } from "./cell.ts";
import { InputError } from "./input-error.ts";

export interface XlsxOptions {
  /** The file name used in messages (relative to the dataset). */
  readonly displayName: string;
  /** Read only this sheet (InputError if absent); all worksheets in workbook order when null/absent. */
  readonly sheet?: string | null;
  /** More rows than this in one sheet is an InputError. */
  readonly maxRows: number;
  /** More bytes than this inflated from the zip in total is an InputError (zip bomb). */
  readonly maxDecompressedBytes: number;
}

const UNREADABLE = "无法读取的 XLSX 文件";
const MAX_COLUMNS = 16_384;
/** Decompressed bytes {@link listSheets} may inflate (it reads only the package and workbook parts). */
const LIST_SHEETS_BUDGET = 256 << 20;
const MAX_CENTRAL_DIRECTORY = 64 << 20;
const MAX_TAG_CHARS = 1 << 20;
const READ_BLOCK = 64 << 10;
/** Compressed bytes inflated at a time: one slice inflates to at most ~16 MiB, which bounds a burst. */
const INFLATE_SLICE = 16 << 10;
/** Built-in number formats that are dates or times (ECMA-376 §18.8.30, with the East Asian ones). */
const BUILTIN_DATE_FORMATS = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54,
  55, 56, 57, 58,
]);

/**
 * The names of the worksheets of a workbook, in workbook order (chart sheets are not listed).
 *
 * @param displayName the file name used in messages; defaults to the base name of `path`
 * @throws InputError when the file is not a readable XLSX workbook
 */
export async function listSheets(path: string, displayName: string = basename(path)): Promise<string[]> {
  const book = await Workbook.open(path, displayName, LIST_SHEETS_BUDGET);
  try {
    const { sheets } = await book.structure();
    return sheets.map((s) => s.name);
  } finally {
    await book.close();
  }
}

/**
 * Read the rows of one sheet or of every worksheet, in workbook order. Cells keep
 * their type: shared, inline and formula strings are strings; numbers are numbers
 * unless their number format is a date or time, then they are {@link ExcelDate}
 * (1904-based workbooks are converted to the 1900 system); booleans are booleans;
 * error cells are their text (`#N/A`). A formula cell holds its cached value and
 * its column is listed in `formulaColumns`. Missing cells are null and trailing
 * empty cells are dropped; rows absent from the sheet XML are not produced.
 * `rowNumber` is the sheet's own row number (`r`), or one more than the previous row.
 *
 * @throws InputError on a file that is not a readable workbook (not a zip, truncated,
 *   encrypted, corrupt XML), a named sheet that does not exist (the message lists the
 *   sheets there are), or a limit exceeded
 */
export async function* readXlsx(path: string, options: XlsxOptions): AsyncGenerator<RawRow> {
  const book = await Workbook.open(path, options.displayName, options.maxDecompressedBytes);
  try {
    const { sheets, date1904 } = await book.structure();
    let chosen = sheets;
    if (options.sheet !== null && options.sheet !== undefined) {
      const wanted = options.sheet.trim();
      chosen = sheets.filter((s) => s.name === wanted);
      if (chosen.length === 0) chosen = sheets.filter((s) => s.name.trim() === wanted);
      if (chosen.length === 0) {
        const names = sheets.map((s) => `“${s.name}”`).join("、") || "(无)";
        throw new InputError(options.displayName, `找不到工作表“${wanted}”,文件中的工作表有:${names}`);
      }
    }
    if (chosen.length === 0) return;
    const strings = await book.sharedStrings();
    const dateStyles = await book.dateStyles();
    for (const sheet of chosen) {
      const rows = new SheetRows(sheet.name, strings, dateStyles, date1904, options.maxRows, book.file);
      for await (const _ of book.parse(sheet.part, rows)) {
        yield* rows.take();
      }
      yield* rows.take();
    }
  } finally {
    await book.close();
  }
}

// ---------------------------------------------------------------------------
// Workbook structure

interface SheetRef {
  readonly name: string;
  readonly part: string;
}

class Workbook {
  private budget: number;

  private constructor(
    private readonly zip: ZipFile,
    readonly file: string,
    maxDecompressedBytes: number,
  ) {
    this.budget = maxDecompressedBytes;
  }

  static async open(path: string, file: string, maxDecompressedBytes: number): Promise<Workbook> {
    return new Workbook(await ZipFile.open(path, file), file, maxDecompressedBytes);
  }

  close(): Promise<void> {
    return this.zip.close();
  }

  private bookPart = "";
  private bookRels: Map<string, { type: string; target: string }> | null = null;

  /** Worksheets in workbook order, and whether dates are 1904-based. */
  async structure(): Promise<{ sheets: SheetRef[]; date1904: boolean }> {
    const rootRels = await this.relationships("_rels/.rels", "");
    const office = [...rootRels.values()].find((r) => r.type.endsWith("/officeDocument"));
    this.bookPart = office?.target ?? "xl/workbook.xml";
    const dir = this.bookPart.includes("/") ? this.bookPart.slice(0, this.bookPart.lastIndexOf("/") + 1) : "";
    this.bookRels = await this.relationships(`${dir}_rels/${this.bookPart.slice(dir.length)}.rels`, dir);
    if (!this.zip.has(this.bookPart)) throw this.corrupt("缺少工作簿 workbook.xml");
    const entries: { name: string; rid: string }[] = [];
    let date1904 = false;
    await this.parseWhole(this.bookPart, {
      open: (name, attrs) => {
        if (name === "sheet") {
          const a = attributes(attrs);
          entries.push({ name: a.get("name") ?? "", rid: a.get("id") ?? "" });
        } else if (name === "workbookPr") {
          const v = attributes(attrs).get("date1904");
          date1904 = v === "1" || v === "true";
        }
      },
    });
    const sheets: SheetRef[] = [];
    for (const e of entries) {
      const rel = this.bookRels.get(e.rid);
      if (!rel?.type.endsWith("/worksheet")) continue;
      if (!this.zip.has(rel.target)) throw this.corrupt(`缺少工作表“${e.name}”的数据`);
      sheets.push({ name: e.name, part: rel.target });
    }
    return { sheets, date1904 };
  }

  /** The shared-string table (empty if the workbook has none). */
  async sharedStrings(): Promise<string[]> {
    const part = this.related("/sharedStrings", "xl/sharedStrings.xml");
    const out: string[] = [];
    if (!part) return out;
    const text = new RichText();
    await this.parseWhole(part, {
      open: (name) => {
        if (name === "si") text.start();
        else text.open(name);
      },
      close: (name) => {
        if (name === "si") out.push(text.value());
        else text.close(name);
      },
      text: (raw) => text.text(raw),
    });
    return out;
  }

  /** For each cellXfs index, whether its number format is a date or time. */
  async dateStyles(): Promise<boolean[]> {
    const part = this.related("/styles", "xl/styles.xml");
    if (!part) return [];
    const custom = new Map<number, string>();
    const xfs: number[] = [];
    let inCellXfs = false;
    await this.parseWhole(part, {
      open: (name, attrs) => {
        if (name === "numFmt") {
          const a = attributes(attrs);
          custom.set(Number(a.get("numFmtId")), a.get("formatCode") ?? "");
        } else if (name === "cellXfs") {
          inCellXfs = true;
        } else if (name === "xf" && inCellXfs) {
          xfs.push(Number(attributes(attrs).get("numFmtId") ?? 0));
        }
      },
      close: (name) => {
        if (name === "cellXfs") inCellXfs = false;
      },
    });
    return xfs.map((id) => {
      const code = custom.get(id);
      return code !== undefined ? isDateFormat(code) : BUILTIN_DATE_FORMATS.has(id);
    });
  }

  private related(typeSuffix: string, fallback: string): string | null {
    const rel = [...(this.bookRels?.values() ?? [])].find((r) => r.type.endsWith(typeSuffix));
    const part = rel?.target ?? fallback;
    return this.zip.has(part) ? part : null;
  }

  private async relationships(
    part: string,
    dir: string,
  ): Promise<Map<string, { type: string; target: string }>> {
    const rels = new Map<string, { type: string; target: string }>();
    if (!this.zip.has(part)) return rels;
    await this.parseWhole(part, {
      open: (name, attrs) => {
        if (name !== "Relationship") return;
        const a = attributes(attrs);
        if (a.get("TargetMode") === "External") return;
        rels.set(a.get("Id") ?? "", {
          type: a.get("Type") ?? "",
          target: resolvePart(dir, a.get("Target") ?? ""),
        });
      },
    });
    return rels;
  }

  private async parseWhole(part: string, handler: XmlHandler): Promise<void> {
    for await (const _ of this.parse(part, handler));
  }

  /** Inflate and parse a part; yields after each chunk so a caller can drain what the handler produced. */
  async *parse(part: string, handler: XmlHandler): AsyncGenerator<void> {
    const scanner = new XmlScanner(handler);
    const decoder = new TextDecoder("utf-8", { fatal: true });
    try {
      for await (const bytes of this.zip.inflate(part, (n) => this.spend(n))) {
        scanner.feed(decoder.decode(bytes, { stream: true }));
        yield;
      }
      scanner.feed(decoder.decode());
      scanner.end();
    } catch (error) {
      if (error instanceof InputError) throw error;
      const detail = error instanceof PartError ? `:${error.message}` : "";
      throw this.corrupt(`${part} 内容损坏${detail}`);
    }
  }

  private spend(bytes: number): void {
    this.budget -= bytes;
    if (this.budget < 0) {
      throw new InputError(this.file, `${UNREADABLE}:解压后的数据超过上限(可能是恶意构造的压缩文件)`);
    }
  }

  private corrupt(what: string): InputError {
    return new InputError(this.file, `${UNREADABLE}:${what}`);
  }
}

/** Resolve a relationship target against the folder of the source part. */
function resolvePart(dir: string, target: string): string {
  const joined = target.startsWith("/") ? target.slice(1) : dir + target;
  const out: string[] = [];
  for (const seg of joined.replace(/\\/g, "/").split("/")) {
    if (seg === "..") out.pop();
    else if (seg !== "." && seg !== "") out.push(seg);
  }
  return out.join("/");
}

/**
 * Whether a number-format code formats dates or times: it has a y, m, d, h or s
 * outside quoted text, `[...]` sections, and `\`-escaped characters.
 */
export function isDateFormat(code: string): boolean {
  const bare = code
    .replace(/"[^"]*"/g, "")
    .replace(/\[[^\]]*\]/g, "")
    .replace(/\\./g, "")
    .replace(/[_*]./g, "");
  return /[ymdhs]/i.test(bare) && !/^general$/i.test(bare.trim());
}

// ---------------------------------------------------------------------------
// Sheet rows

/** Text of `<si>`/`<is>`: the `<t>` of the element and of its rich-text runs, phonetic runs left out. */
class RichText {
  private parts: string[] = [];
  private raw = "";
  private capturing = false;
  private phonetic = 0;

  start(): void {
    this.parts = [];
    this.capturing = false;
    this.phonetic = 0;
  }

  open(name: string): void {
    if (name === "rPh") this.phonetic++;
    else if (name === "t" && this.phonetic === 0) {
      this.capturing = true;
      this.raw = "";
    }
  }

  close(name: string): void {
    if (name === "rPh") this.phonetic--;
    else if (name === "t" && this.capturing) {
      this.capturing = false;
      this.parts.push(unescapeXml(this.raw));
    }
  }

  text(raw: string): void {
    if (this.capturing) this.raw += raw;
  }

  value(): string {
    return unescapeXstring(this.parts.length === 1 ? (this.parts[0] as string) : this.parts.join(""));
  }
}

/** XML handler of a worksheet part: collects finished rows for {@link SheetRows.take}. */
class SheetRows implements XmlHandler {
  private ready: RawRow[] = [];
  private count = 0;
  private lastRow = 0;
  private cells: Cell[] = [];
  private formulas: number[] = [];
  private nextColumn = 0;
  // current cell
  private column = 0;
  private type = "";
  private style = 0;
  private raw = "";
  private capturing = false;
  private hasValue = false;
  private hasFormula = false;
  private inline: RichText | null = null;

  constructor(
    private readonly sheet: string,
    private readonly strings: readonly string[],
    private readonly dateStyles: readonly boolean[],
    private readonly date1904: boolean,
    private readonly maxRows: number,
    private readonly file: string,
  ) {}

  take(): RawRow[] {
    const out = this.ready;
    this.ready = [];
    return out;
  }

  open(name: string, attrs: string): void {
    if (this.inline) {
      if (name === "is") this.inline.start();
      else this.inline.open(name);
      return;
    }
    switch (name) {
      case "row": {
        const r = attribute(attrs, "r");
        this.lastRow = r ? Number(r) : this.lastRow + 1;
        if (!Number.isInteger(this.lastRow) || this.lastRow < 1) throw new PartError(`行号 ${r} 无效`);
        this.cells = [];
        this.formulas = [];
        this.nextColumn = 0;
        break;
      }
      case "c": {
        const r = attribute(attrs, "r");
        this.column = r ? columnIndex(r) : this.nextColumn;
        if (this.column >= MAX_COLUMNS) throw new PartError(`单元格 ${r} 超出列数上限`);
        this.type = attribute(attrs, "t") ?? "n";
        const s = attribute(attrs, "s");
        this.style = s ? Number(s) : 0;
        this.hasValue = false;
        this.hasFormula = false;
        break;
      }
      case "v":
        this.raw = "";
        this.capturing = true;
        this.hasValue = true;
        break;
      case "f":
        this.hasFormula = true;
        break;
      case "is":
        this.inline = new RichText();
        this.inline.start();
        break;
    }
  }

  close(name: string): void {
    if (this.inline) {
      if (name === "is") {
        this.raw = this.inline.value();
        this.hasValue = true;
        this.inline = null;
      } else this.inline.close(name);
      return;
    }
    if (name === "v") {
      this.capturing = false;
      this.raw = unescapeXml(this.raw);
    } else if (name === "c") this.closeCell();
    else if (name === "row") this.closeRow();
  }

  text(raw: string): void {
    if (this.inline) this.inline.text(raw);
    else if (this.capturing) this.raw += raw;
  }

  private closeCell(): void {
    const value = this.hasValue ? this.value() : null;
    const col = this.column;
    if (value !== null || this.hasFormula) {
      while (this.cells.length < col) this.cells.push(null);
      this.cells[col] = value;
    }
    if (this.hasFormula) this.formulas.push(col);
    this.nextColumn = col + 1;
  }

  private value(): Cell {
    const raw = this.raw;
    switch (this.type) {
      case "s": {
        const s = this.strings[Number(raw)];
        if (s === undefined) throw new PartError(`共享字符串编号 ${raw} 不存在`);
        return s;
      }
      case "str":
        return unescapeXstring(raw);
      case "inlineStr":
        return raw;
      case "b":
        return raw === "1" || raw === "true";
      case "e":
        return raw;
      case "d":
        return isoDate(raw);
    }
    if (raw.trim() === "") return null;
    const n = Number(raw);
    if (Number.isNaN(n)) return raw;
    if (this.dateStyles[this.style]) return new ExcelDate(this.date1904 ? n + 1462 : n);
    return n;
  }

  private closeRow(): void {
    if (++this.count > this.maxRows) {
      throw new InputError(this.file, `工作表“${this.sheet}”的行数超过上限 ${this.maxRows} 行`);
    }
    const row: RawRow =
      this.formulas.length > 0
        ? { sheet: this.sheet, rowNumber: this.lastRow, cells: this.cells, formulaColumns: this.formulas }
        : { sheet: this.sheet, rowNumber: this.lastRow, cells: this.cells };
    this.ready.push(row);
  }
}

/** The 0-based column of a cell reference such as `AB12`. */
function columnIndex(ref: string): number {
  let n = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    const c = ref.charCodeAt(i) | 0x20;
    if (c < 97 || c > 122) break;
    n = n * 26 + (c - 96);
    if (n > MAX_COLUMNS) break;
  }
  if (i === 0) throw new PartError(`单元格引用 ${ref} 无效`);
  return n - 1;
}

/** An ISO 8601 date/time cell (`t="d"`) as an Excel serial. */
function isoDate(raw: string): Cell {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}(?:\.\d+)?))?)?/.exec(raw.trim());
  if (!m) return raw;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0));
  return new ExcelDate(ms / 86_400_000 + 25_569 + Number(m[6] ?? 0) / 86_400);
}

// ---------------------------------------------------------------------------
// XML scanning

/** A problem in a part's content; its message (Chinese) is shown to the user. */
class PartError extends Error {}

interface XmlHandler {
  /**
   * An element starts; `name` is its local name (prefix removed), `attrs` its raw
   * attribute text. A self-closing element is followed at once by its `close`.
   */
  open?(name: string, attrs: string): void;
  close?(name: string): void;
  /** Raw character data, entities not yet decoded; one text node may come in several calls. */
  text?(raw: string): void;
}

/** A small streaming XML tokenizer for SpreadsheetML: no DTDs, no entity definitions. */
class XmlScanner {
  private rest = "";

  constructor(private readonly handler: XmlHandler) {}

  feed(chunk: string): void {
    const buf = this.rest.length > 0 ? this.rest + chunk : chunk;
    const n = buf.length;
    const h = this.handler;
    let pos = 0;
    while (pos < n) {
      const lt = buf.indexOf("<", pos);
      if (lt < 0) {
        h.text?.(buf.slice(pos));
        pos = n;
        break;
      }
      if (lt > pos) h.text?.(buf.slice(pos, lt));
      const next = buf.charCodeAt(lt + 1);
      if (next === 33 /* ! */ || next === 63 /* ? */) {
        const end = this.special(buf, lt);
        if (end < 0) break;
        pos = end;
        continue;
      }
      // Find the closing '>' outside quoted attribute values.
      let i = lt + 1;
      let quote = 0;
      for (; i < n; i++) {
        const c = buf.charCodeAt(i);
        if (quote !== 0) {
          if (c === quote) quote = 0;
        } else if (c === 62) break;
        else if (c === 34 || c === 39) quote = c;
      }
      if (i >= n) {
        pos = lt;
        break;
      }
      if (next === 47 /* / */) {
        h.close?.(localName(buf.slice(lt + 2, i).trim()));
      } else {
        const selfClosing = buf.charCodeAt(i - 1) === 47;
        const inner = buf.slice(lt + 1, selfClosing ? i - 1 : i);
        let sp = 0;
        while (sp < inner.length && inner.charCodeAt(sp) > 32) sp++;
        const name = localName(inner.slice(0, sp));
        h.open?.(name, inner.slice(sp));
        if (selfClosing) h.close?.(name);
      }
      pos = i + 1;
    }
    this.rest = pos < n ? buf.slice(pos) : "";
    if (this.rest.length > MAX_TAG_CHARS) throw new PartError("XML 标记过长");
  }

  end(): void {
    if (this.rest.trim() !== "") throw new PartError("XML 不完整");
  }

  /** Comments, CDATA, processing instructions; returns the index after them, or -1 if incomplete. */
  private special(buf: string, lt: number): number {
    if (buf.startsWith("<!--", lt)) {
      const end = buf.indexOf("-->", lt + 4);
      return end < 0 ? -1 : end + 3;
    }
    if (buf.startsWith("<![CDATA[", lt)) {
      const end = buf.indexOf("]]>", lt + 9);
      if (end < 0) return -1;
      this.handler.text?.(
        buf
          .slice(lt + 9, end)
          .replace(/&/g, "&amp;")
          .replace(/</g, "&lt;"),
      );
      return end + 3;
    }
    if (buf.startsWith("<?", lt)) {
      const end = buf.indexOf("?>", lt + 2);
      return end < 0 ? -1 : end + 2;
    }
    if (buf.length - lt < 9) return -1;
    throw new PartError("不支持 DOCTYPE 或实体声明");
  }
}

function localName(qname: string): string {
  const colon = qname.indexOf(":");
  return colon < 0 ? qname : qname.slice(colon + 1);
}

/** One attribute (by local name) from raw attribute text, decoded; null if absent. */
function attribute(attrs: string, name: string): string | null {
  let from = 0;
  for (;;) {
    const at = attrs.indexOf(name, from);
    if (at < 0) return null;
    from = at + name.length;
    const before = at === 0 ? 32 : attrs.charCodeAt(at - 1);
    if (before > 32 && before !== 58 /* : */) continue;
    let i = from;
    while (attrs.charCodeAt(i) <= 32) i++;
    if (attrs.charCodeAt(i) !== 61 /* = */) continue;
    i++;
    while (attrs.charCodeAt(i) <= 32) i++;
    const quote = attrs.charCodeAt(i);
    if (quote !== 34 && quote !== 39) return null;
    const end = attrs.indexOf(String.fromCharCode(quote), i + 1);
    if (end < 0) return null;
    return unescapeXml(attrs.slice(i + 1, end));
  }
}

/** All attributes by local name, decoded. */
function attributes(attrs: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of attrs.matchAll(/([^\s=]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
    out.set(localName(m[1] as string), unescapeXml(m[2] ?? m[3] ?? ""));
  }
  return out;
}

const ENTITIES: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

function unescapeXml(s: string): string {
  if (!s.includes("&")) return s;
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (all, e: string) => {
    if (e.startsWith("#x")) return String.fromCodePoint(Number.parseInt(e.slice(2), 16));
    if (e.startsWith("#")) return String.fromCodePoint(Number.parseInt(e.slice(1), 10));
    return ENTITIES[e] ?? all;
  });
}

/** Undo the `_xHHHH_` escape ECMA-376 uses for characters XML cannot carry. */
function unescapeXstring(s: string): string {
  if (!s.includes("_x")) return s;
  return s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
}

// ---------------------------------------------------------------------------
// Zip container (central directory first, then random access to entries)

interface ZipEntry {
  readonly method: number;
  readonly flags: number;
  readonly compressedSize: number;
  readonly localHeader: number;
}

class ZipFile {
  private constructor(
    private readonly fh: FileHandle,
    private readonly size: number,
    private readonly entries: Map<string, ZipEntry>,
    private readonly file: string,
  ) {}

  static async open(path: string, file: string): Promise<ZipFile> {
    let fh: FileHandle;
    try {
      fh = await open(path, "r");
    } catch (error) {
      throw new InputError(file, `无法打开文件(${(error as NodeJS.ErrnoException).code ?? "I/O 错误"})`);
    }
    try {
      const { size } = await fh.stat();
      const entries = await readDirectory(fh, size, file);
      return new ZipFile(fh, size, entries, file);
    } catch (error) {
      await fh.close();
      throw error;
    }
  }

  close(): Promise<void> {
    return this.fh.close();
  }

  has(name: string): boolean {
    return this.entries.has(name);
  }

  /** The inflated bytes of an entry, in chunks; `spend` is told each chunk's size first. */
  async *inflate(name: string, spend: (bytes: number) => void): AsyncGenerator<Uint8Array> {
    const entry = this.entries.get(name);
    if (!entry) throw this.corrupt(`缺少 ${name}`);
    if (entry.flags & 1) throw this.corrupt("文件已加密");
    if (entry.method !== 0 && entry.method !== 8) throw this.corrupt(`不支持的压缩方式 ${entry.method}`);
    const header = await this.read(entry.localHeader, 30);
    if (readU32(header, 0) !== 0x04034b50) throw this.corrupt("压缩包结构损坏");
    let at = entry.localHeader + 30 + readU16(header, 26) + readU16(header, 28);
    const end = at + entry.compressedSize;
    if (end > this.size) throw this.corrupt("文件不完整");
    const out: Uint8Array[] = [];
    let done = false;
    const inflater =
      entry.method === 8
        ? new Inflate((chunk: Uint8Array, final: boolean) => {
            if (chunk.length > 0) {
              spend(chunk.length);
              out.push(chunk);
            }
            if (final) done = true;
          })
        : null;
    while (at < end) {
      const block = await this.read(at, Math.min(READ_BLOCK, end - at));
      at += block.length;
      if (!inflater) {
        spend(block.length);
        yield block;
        continue;
      }
      for (let i = 0; i < block.length; i += INFLATE_SLICE) {
        const slice = block.subarray(i, Math.min(i + INFLATE_SLICE, block.length));
        try {
          inflater.push(slice, at >= end && i + INFLATE_SLICE >= block.length);
        } catch (error) {
          if (error instanceof InputError) throw error;
          throw this.corrupt("压缩数据损坏或文件不完整");
        }
        for (const chunk of out) yield chunk;
        out.length = 0;
      }
    }
    if (inflater && !done) {
      try {
        inflater.push(new Uint8Array(0), true);
      } catch {
        throw this.corrupt("压缩数据损坏或文件不完整");
      }
      for (const chunk of out) yield chunk;
    }
  }

  private async read(position: number, length: number): Promise<Uint8Array> {
    return readAt(this.fh, position, length, this.file);
  }

  private corrupt(what: string): InputError {
    return new InputError(this.file, `${UNREADABLE}:${what}`);
  }
}

async function readAt(fh: FileHandle, position: number, length: number, file: string): Promise<Uint8Array> {
  const buffer = new Uint8Array(length);
  let got = 0;
  while (got < length) {
    const { bytesRead } = await fh.read(buffer, got, length - got, position + got);
    if (bytesRead === 0) throw new InputError(file, `${UNREADABLE}:文件不完整`);
    got += bytesRead;
  }
  return buffer;
}

const readU16 = (b: Uint8Array, i: number) => ((b[i] as number) | ((b[i + 1] as number) << 8)) >>> 0;
const readU32 = (b: Uint8Array, i: number) => (readU16(b, i) + readU16(b, i + 2) * 0x10000) >>> 0;
const readU64 = (b: Uint8Array, i: number) => readU32(b, i) + readU32(b, i + 4) * 0x1_0000_0000;

/** Read the central directory: entry name → where its data is. */
async function readDirectory(fh: FileHandle, size: number, file: string): Promise<Map<string, ZipEntry>> {
  const fail = (what: string) => new InputError(file, `${UNREADABLE}:${what}`);
  const head = await readAt(fh, 0, Math.min(size, 8), file);
  if (readU32(head, 0) === 0xe011cfd0) throw fail("这是旧版 .xls 文件或加密的工作簿,请另存为 .xlsx");
  if (readU32(head, 0) !== 0x04034b50) throw fail("不是 ZIP 格式");
  const tailLength = Math.min(size, 22 + 0xffff + 20);
  const tail = await readAt(fh, size - tailLength, tailLength, file);
  let eocd = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (readU32(tail, i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw fail("文件不完整(找不到 ZIP 目录)");
  let count = readU16(tail, eocd + 10);
  let dirSize = readU32(tail, eocd + 12);
  let dirOffset = readU32(tail, eocd + 16);
  if (count === 0xffff || dirSize === 0xffffffff || dirOffset === 0xffffffff) {
    if (eocd < 20 || readU32(tail, eocd - 20) !== 0x07064b50) throw fail("ZIP64 目录损坏");
    const z = await readAt(fh, readU64(tail, eocd - 12), 56, file);
    if (readU32(z, 0) !== 0x06064b50) throw fail("ZIP64 目录损坏");
    count = readU64(z, 32);
    dirSize = readU64(z, 40);
    dirOffset = readU64(z, 48);
  }
  if (dirSize > MAX_CENTRAL_DIRECTORY || dirOffset + dirSize > size) throw fail("文件不完整(ZIP 目录损坏)");
  const dir = await readAt(fh, dirOffset, dirSize, file);
  const entries = new Map<string, ZipEntry>();
  const names = new TextDecoder("utf-8");
  let p = 0;
  for (let k = 0; k < count; k++) {
    if (p + 46 > dir.length || readU32(dir, p) !== 0x02014b50) throw fail("ZIP 目录损坏");
    const nameLength = readU16(dir, p + 28);
    const extraLength = readU16(dir, p + 30);
    let compressedSize = readU32(dir, p + 20);
    const uncompressed = readU32(dir, p + 24);
    let localHeader = readU32(dir, p + 42);
    const name = names.decode(dir.subarray(p + 46, p + 46 + nameLength)).replace(/\\/g, "/");
    // ZIP64 extra field: the 64-bit values of the fields that are 0xFFFFFFFF, in order.
    let e = p + 46 + nameLength;
    const extraEnd = e + extraLength;
    while (e + 4 <= extraEnd) {
      const id = readU16(dir, e);
      const len = readU16(dir, e + 2);
      if (id === 0x0001) {
        let q = e + 4;
        if (uncompressed === 0xffffffff) q += 8;
        if (compressedSize === 0xffffffff) {
          compressedSize = readU64(dir, q);
          q += 8;
        }
        if (localHeader === 0xffffffff) localHeader = readU64(dir, q);
      }
      e += 4 + len;
    }
    if (localHeader + 30 + compressedSize > size) throw fail("文件不完整");
    entries.set(name, {
      method: readU16(dir, p + 10),
      flags: readU16(dir, p + 8),
      compressedSize,
      localHeader,
    });
    p = extraEnd + readU16(dir, p + 32);
  }
  return entries;
}
