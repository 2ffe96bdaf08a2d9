/**
 * Streaming XLSX (ECMA-376 SpreadsheetML) reader. The zip's central directory
 * is read first, so parts are opened in the order they are needed (shared
 * strings and styles before any sheet) wherever they sit in the file. Each
 * sheet is inflated and parsed chunk by chunk and handed out in batches of
 * rows, so memory stays bounded by the shared-string table, not by the sheet.
 * Hostile files are bounded by a decompressed-size limit (zip bombs), a row
 * limit and a column limit.
 */
import { createReadStream } from "node:fs";
import type { FileHandle } from "node:fs/promises";
import { open } from "node:fs/promises";
import { pipeline } from "node:stream";
import { createInflateRaw } from "node:zlib";
import { InputError } from "../error.ts";
import { type Cell, ExcelDate, type RawRow } from "./cell.ts";

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
/** Largest row number `r` accepted (it must fit source_row INTEGER; Excel itself stops at 1,048,576). */
const MAX_ROW_NUMBER = 2_147_483_647;
const MAX_CENTRAL_DIRECTORY = 64 << 20;
/** Largest workbook, relationships or styles part read whole (they hold no cell data). */
const MAX_SMALL_PART = 32 << 20;
/** Longest run of sheet or shared-string XML without a row or string end. */
const MAX_PENDING_CHARS = 64 << 20;
const READ_BLOCK = 64 << 10;
/** Built-in number formats that are dates or times (ECMA-376 §18.8.30, with the East Asian ones). */
const BUILTIN_DATE_FORMATS = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54,
  55, 56, 57, 58,
]);

/**
 * Read the rows of one sheet or of every worksheet, in workbook order, in batches
 * (one batch per inflated chunk). Cells keep their type: shared, inline and formula
 * strings are strings; numbers are numbers unless their number format is a date or
 * time, then they are {@link ExcelDate} (1904-based workbooks are converted to the
 * 1900 system); booleans are booleans; error cells are their text (`#N/A`). A
 * formula cell holds its cached value and its column is listed in `formulaColumns`.
 * Missing cells are null and trailing empty cells are dropped; rows absent from the
 * sheet XML are not produced. `rowNumber` is the sheet's own row number (`r`), or
 * one more than the previous row's.
 *
 * @throws InputError on a file that is not a readable workbook (not a zip, truncated,
 *   encrypted, corrupt XML), a named sheet that does not exist (the message lists the
 *   sheets there are), or a limit exceeded
 */
export async function* readXlsx(path: string, options: XlsxOptions): AsyncGenerator<RawRow[]> {
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
    let part = "xl/sharedStrings.xml";
    try {
      const strings = await book.sharedStrings();
      const dateStyles = await book.dateStyles();
      for (const sheet of chosen) {
        part = sheet.part;
        const parser = new SheetParser(sheet.name, strings, dateStyles, date1904, options.maxRows, book.file);
        for await (const text of book.text(sheet.part)) {
          const rows = parser.feed(text, false);
          if (rows.length > 0) yield rows;
        }
        const rows = parser.feed("", true);
        if (rows.length > 0) yield rows;
      }
    } catch (error) {
      if (!(error instanceof PartError)) throw error;
      throw new InputError(book.file, `${UNREADABLE}:${part} 内容损坏:${error.message}`);
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

interface Relationship {
  readonly type: string;
  readonly target: string;
}

/** A problem in a part's content; its message (Chinese) is shown to the user. */
class PartError extends Error {}

class Workbook {
  private budget: number;
  private bookRels = new Map<string, Relationship>();

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

  /** Worksheets in workbook order, and whether dates are 1904-based. */
  async structure(): Promise<{ sheets: SheetRef[]; date1904: boolean }> {
    const rootRels = await this.relationships("_rels/.rels", "");
    const office = [...rootRels.values()].find((r) => r.type.endsWith("/officeDocument"));
    const bookPart = office?.target ?? "xl/workbook.xml";
    const cut = bookPart.lastIndexOf("/") + 1;
    this.bookRels = await this.relationships(
      `${bookPart.slice(0, cut)}_rels/${bookPart.slice(cut)}.rels`,
      bookPart.slice(0, cut),
    );
    if (!this.zip.has(bookPart)) throw this.corrupt("缺少工作簿 workbook.xml");
    const entries: { name: string; rid: string }[] = [];
    let date1904 = false;
    for (const tag of tags(await this.whole(bookPart))) {
      if (tag.name === "sheet" && !tag.close) {
        const a = attributes(tag.attrs);
        entries.push({ name: a.get("name") ?? "", rid: a.get("id") ?? "" });
      } else if (tag.name === "workbookPr" && !tag.close) {
        const v = attributes(tag.attrs).get("date1904");
        date1904 = v === "1" || v === "true";
      }
    }
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
    const items = new Elements("si");
    for await (const text of this.text(part)) items.feed(text, false, (inner) => out.push(richText(inner)));
    items.feed("", true, (inner) => out.push(richText(inner)));
    return out;
  }

  /** For each cellXfs index, whether its number format is a date or time. */
  async dateStyles(): Promise<boolean[]> {
    const part = this.related("/styles", "xl/styles.xml");
    if (!part) return [];
    const custom = new Map<number, string>();
    const xfs: number[] = [];
    let inCellXfs = false;
    for (const tag of tags(await this.whole(part))) {
      if (tag.name === "cellXfs") inCellXfs = !tag.close && !tag.selfClosing;
      else if (tag.close) continue;
      else if (tag.name === "numFmt") {
        const a = attributes(tag.attrs);
        custom.set(Number(a.get("numFmtId")), a.get("formatCode") ?? "");
      } else if (tag.name === "xf" && inCellXfs) {
        xfs.push(Number(attributes(tag.attrs).get("numFmtId") ?? 0));
      }
    }
    return xfs.map((id) => {
      const code = custom.get(id);
      return code !== undefined ? isDateFormat(code) : BUILTIN_DATE_FORMATS.has(id);
    });
  }

  private related(typeSuffix: string, fallback: string): string | null {
    const rel = [...this.bookRels.values()].find((r) => r.type.endsWith(typeSuffix));
    const part = rel?.target ?? fallback;
    return this.zip.has(part) ? part : null;
  }

  private async relationships(part: string, dir: string): Promise<Map<string, Relationship>> {
    const rels = new Map<string, Relationship>();
    if (!this.zip.has(part)) return rels;
    for (const tag of tags(await this.whole(part))) {
      if (tag.name !== "Relationship" || tag.close) continue;
      const a = attributes(tag.attrs);
      if (a.get("TargetMode") === "External") continue;
      rels.set(a.get("Id") ?? "", {
        type: a.get("Type") ?? "",
        target: resolvePart(dir, a.get("Target") ?? ""),
      });
    }
    return rels;
  }

  /** A small part as one string, comments removed. */
  private async whole(part: string): Promise<string> {
    let xml = "";
    for await (const text of this.text(part)) {
      xml += text;
      if (xml.length > MAX_SMALL_PART) throw this.corrupt(`${part} 过大`);
    }
    return xml.replace(/<!--[\s\S]*?-->/g, "");
  }

  /** The text of a part, decoded chunk by chunk. */
  async *text(part: string): AsyncGenerator<string> {
    const decoder = new TextDecoder("utf-8", { fatal: true });
    try {
      for await (const bytes of this.zip.inflate(part, (n) => this.spend(n))) {
        const text = decoder.decode(bytes, { stream: true });
        if (/<!DOCTYPE/i.test(text)) throw new PartError("不支持 DOCTYPE 或实体声明");
        yield text;
      }
      yield decoder.decode();
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
// XML, the little SpreadsheetML needs: tags by local name, no DTDs, no entity definitions

const NAME = "(?:[A-Za-z_][\\w.-]*:)?";
const TAG = /<(\/?)([A-Za-z_][\w.:-]*)((?:[^>"']|"[^"]*"|'[^']*')*?)(\/?)>/g;

/** The tags of a (small) part in document order; names are local (prefix removed). */
function* tags(
  xml: string,
): Generator<{ name: string; attrs: string; close: boolean; selfClosing: boolean }> {
  for (const m of xml.matchAll(TAG)) {
    yield {
      name: localName(m[2] as string),
      attrs: m[3] as string,
      close: m[1] === "/",
      selfClosing: m[4] === "/",
    };
  }
}

/**
 * Splits streamed XML into complete elements with a given local name (`si`, `row`):
 * `feed` keeps the text after the last closing tag for the next call.
 */
class Elements {
  private rest = "";
  private readonly open: RegExp;
  private readonly close: RegExp;

  constructor(private readonly local: string) {
    this.open = new RegExp(`<${NAME}${local}(?=[\\s/>])[^>]*?(/?)>`, "g");
    this.close = new RegExp(`</${NAME}${local}>`, "g");
  }

  /** Call `each` with the inner XML of every complete element (`""` for a self-closing one). */
  feed(text: string, final: boolean, each: (inner: string, attrs: string) => void): void {
    const buf = this.rest + text;
    const end = final ? buf.length : lastClose(buf, this.local);
    const open = this.open;
    const close = this.close;
    open.lastIndex = 0;
    for (;;) {
      const m = open.exec(buf);
      if (!m || m.index >= end) break;
      if (m[1] === "/") {
        each("", m[0]);
        continue;
      }
      close.lastIndex = open.lastIndex;
      const c = close.exec(buf);
      if (!c) throw new PartError(`<${this.local}> 没有结束`);
      each(buf.slice(open.lastIndex, c.index), m[0]);
      open.lastIndex = close.lastIndex;
    }
    this.rest = buf.slice(end);
    if (this.rest.length > MAX_PENDING_CHARS) throw new PartError(`<${this.local}> 过长`);
  }
}

/** The index just after the last `</local>` (or `</p:local>`) in `buf`, or 0. */
function lastClose(buf: string, local: string): number {
  const needle = `${local}>`;
  let at = buf.lastIndexOf(needle);
  while (at > 0) {
    let i = at - 1;
    if (buf.charCodeAt(i) === 58 /* : */) {
      while (i > 0 && buf.charCodeAt(i) !== 47 /* / */ && buf.charCodeAt(i) !== 60 && buf.charCodeAt(i) > 32)
        i--;
    }
    if (buf.charCodeAt(i) === 47 && buf.charCodeAt(i - 1) === 60) return at + needle.length;
    at = buf.lastIndexOf(needle, at - 1);
  }
  return 0;
}

/** The index of the last `<row` or `<p:row` start tag in `buf`, or 0: everything before it is whole rows. */
function lastRowStart(buf: string): number {
  let at = buf.lastIndexOf("row");
  while (at > 0) {
    const next = buf.charCodeAt(at + 3);
    if (next === 32 || next === 47 || next === 62 || next === 9 || next === 10 || next === 13) {
      let i = at - 1;
      if (buf.charCodeAt(i) === 58 /* : */) {
        while (
          i > 0 &&
          buf.charCodeAt(i - 1) > 32 &&
          buf.charCodeAt(i - 1) !== 60 &&
          buf.charCodeAt(i - 1) !== 62
        )
          i--;
        i--;
      }
      if (buf.charCodeAt(i) === 60 /* < */) return i;
    }
    at = buf.lastIndexOf("row", at - 1);
  }
  return 0;
}

const RPH = new RegExp(`<${NAME}rPh\\b[\\s\\S]*?</${NAME}rPh>`, "g");
const T = new RegExp(`<${NAME}t(?:\\s[^>]*)?(?:/>|>([\\s\\S]*?)</${NAME}t>)`, "g");

/** Text of an `<si>`/`<is>`: its `<t>` and the `<t>` of its rich-text runs; phonetic runs left out. */
function richText(inner: string): string {
  if (inner.startsWith("<t>") && inner.indexOf("<", 3) === inner.length - 4) {
    return unescapeXstring(unescapeXml(inner.slice(3, -4)));
  }
  let out = "";
  for (const m of inner.replace(RPH, "").matchAll(T)) out += unescapeXml(m[1] ?? "");
  return unescapeXstring(out);
}

// ---------------------------------------------------------------------------
// Sheet rows

const ROW_OR_CELL = new RegExp(`<(/?)${NAME}(row|c)(?=[\\s/>])([^>]*?)(/?)>`, "g");
const FORMULA = new RegExp(`<${NAME}f[\\s/>]`);
const VALUE = new RegExp(`<${NAME}v(?:\\s[^>]*)?>([\\s\\S]*?)</${NAME}v>`);
const INLINE = new RegExp(`<${NAME}is(?:\\s[^>]*)?>([\\s\\S]*?)</${NAME}is>`);

/** Turns streamed worksheet XML into rows. */
class SheetParser {
  private rest = "";
  private count = 0;
  private rowNumber = 0;
  private cells: Cell[] = [];
  private formulas: number[] = [];
  private nextColumn = 0;
  private inRow = false;

  constructor(
    private readonly sheet: string,
    private readonly strings: readonly string[],
    private readonly dateStyles: readonly boolean[],
    private readonly date1904: boolean,
    private readonly maxRows: number,
    private readonly file: string,
  ) {}

  /** Parse what follows; returns the rows completed (all of them when `final`). */
  feed(text: string, final: boolean): RawRow[] {
    const buf = this.rest + text;
    // Complete rows end before the last `</row>` or before the last row start (rows written `<row r="9"/>`).
    const end = final ? buf.length : Math.max(lastClose(buf, "row"), lastRowStart(buf));
    const out: RawRow[] = [];
    const tag = ROW_OR_CELL;
    tag.lastIndex = 0;
    for (;;) {
      const m = tag.exec(buf);
      if (!m || m.index >= end) break;
      const closing = m[1] === "/";
      const selfClosing = m[4] === "/";
      if (m[2] === "row") {
        if (closing) this.endRow(out);
        else {
          this.startRow(m[3] as string);
          if (selfClosing) this.endRow(out);
        }
        continue;
      }
      if (closing) continue;
      let inner = "";
      if (!selfClosing) {
        // XML closes an element with its exact start name: `</c>`, or `</x:c>` after `<x:c`.
        const open = m[0];
        const endTag = open.startsWith("<c") ? "</c>" : `</${open.slice(1, open.search(/[\s/>]/))}>`;
        const from = tag.lastIndex;
        const close = buf.indexOf(endTag, from);
        if (close < 0 || close > end) throw new PartError("单元格没有结束");
        inner = buf.slice(from, close);
        tag.lastIndex = close + endTag.length;
      }
      this.cell(m[3] as string, inner);
    }
    this.rest = buf.slice(end);
    if (this.rest.length > MAX_PENDING_CHARS) throw new PartError("行过长");
    return out;
  }

  private startRow(attrs: string): void {
    const r = attribute(attrs, "r");
    this.rowNumber = r ? Number(r) : this.rowNumber + 1;
    if (!Number.isInteger(this.rowNumber) || this.rowNumber < 1 || this.rowNumber > MAX_ROW_NUMBER)
      throw new PartError(`行号 ${r} 无效`);
    this.cells = [];
    this.formulas = [];
    this.nextColumn = 0;
    this.inRow = true;
  }

  private endRow(out: RawRow[]): void {
    if (!this.inRow) return;
    this.inRow = false;
    if (++this.count > this.maxRows) {
      throw new InputError(this.file, `工作表“${this.sheet}”的行数超过上限 ${this.maxRows} 行`);
    }
    out.push(
      this.formulas.length > 0
        ? { sheet: this.sheet, rowNumber: this.rowNumber, cells: this.cells, formulaColumns: this.formulas }
        : { sheet: this.sheet, rowNumber: this.rowNumber, cells: this.cells },
    );
  }

  private cell(attrs: string, inner: string): void {
    if (!this.inRow) return;
    const r = attribute(attrs, "r");
    const col = r ? columnIndex(r) : this.nextColumn;
    if (col >= MAX_COLUMNS) throw new PartError(`单元格 ${r} 超出列数上限`);
    this.nextColumn = col + 1;
    const type = attribute(attrs, "t") ?? "n";
    let raw: string | null = null;
    let formula = false;
    if (inner.startsWith("<v>") && inner.indexOf("<", 3) === inner.length - 4) {
      raw = unescapeXml(inner.slice(3, -4));
    } else if (inner !== "") {
      formula = FORMULA.test(inner);
      if (type === "inlineStr") {
        const is = INLINE.exec(inner);
        if (is) raw = richText(is[1] as string);
      }
      if (raw === null) {
        const v = VALUE.exec(inner);
        if (v) raw = unescapeXml(v[1] as string);
      }
    }
    const value = raw === null ? null : this.value(type, raw, attrs);
    if (value !== null || formula) {
      const cells = this.cells;
      while (cells.length < col) cells.push(null);
      cells[col] = value;
    }
    if (formula) this.formulas.push(col);
  }

  private value(type: string, raw: string, attrs: string): Cell {
    switch (type) {
      case "s": {
        const s = this.strings[Number(raw)];
        if (s === undefined) throw new PartError(`共享字符串编号 ${raw} 不存在`);
        return s;
      }
      case "str":
        return unescapeXstring(raw);
      case "inlineStr":
      case "e":
        return raw;
      case "b":
        return raw === "1" || raw === "true";
      case "d":
        return isoDate(raw);
    }
    if (raw.trim() === "") return null;
    const n = Number(raw);
    if (Number.isNaN(n)) return raw;
    const s = attribute(attrs, "s");
    if (s && this.dateStyles[Number(s)]) return new ExcelDate(this.date1904 ? n + 1462 : n);
    return n;
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
    if (e.startsWith("#")) {
      const code = e.startsWith("#x") ? Number.parseInt(e.slice(2), 16) : Number.parseInt(e.slice(1), 10);
      return code <= 0x10ffff ? String.fromCodePoint(code) : "\ufffd"; // no such character: never throw
    }
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
    private readonly path: string,
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
      return new ZipFile(fh, path, size, entries, file);
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

  /** The inflated bytes of an entry, in chunks; `spend` is told each chunk's size before it is used. */
  async *inflate(name: string, spend: (bytes: number) => void): AsyncGenerator<Uint8Array> {
    const entry = this.entries.get(name);
    if (!entry) throw this.corrupt(`缺少 ${name}`);
    if (entry.flags & 1) throw this.corrupt("文件已加密");
    if (entry.method !== 0 && entry.method !== 8) throw this.corrupt(`不支持的压缩方式 ${entry.method}`);
    const header = await this.read(entry.localHeader, 30);
    if (readU32(header, 0) !== 0x04034b50) throw this.corrupt("压缩包结构损坏");
    const start = entry.localHeader + 30 + readU16(header, 26) + readU16(header, 28);
    const end = start + entry.compressedSize;
    if (end > this.size) throw this.corrupt("文件不完整");
    if (entry.compressedSize === 0) {
      if (entry.method === 8) throw this.corrupt("压缩数据损坏或文件不完整");
      return;
    }
    const raw = createReadStream(this.path, { start, end: end - 1, highWaterMark: READ_BLOCK });
    const source =
      entry.method === 8 ? pipeline(raw, createInflateRaw({ chunkSize: READ_BLOCK }), () => {}) : raw;
    try {
      for await (const chunk of source as AsyncIterable<Uint8Array>) {
        spend(chunk.length);
        yield chunk;
      }
    } catch (error) {
      if (error instanceof InputError) throw error;
      throw this.corrupt("压缩数据损坏或文件不完整");
    } finally {
      source.destroy();
      raw.destroy();
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
