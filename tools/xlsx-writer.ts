/**
 * A minimal XLSX (ECMA-376 SpreadsheetML) writer for sample datasets and test
 * fixtures. Pure ESM on top of fflate, no Node APIs, so it also runs in a
 * browser. The output is byte-deterministic: the same input gives the same
 * bytes on every machine (fixed zip timestamps, fixed part order).
 */
import { zipSync } from "fflate";
import { type Cell, ExcelDate } from "../src/read/cell.ts";

/** One worksheet to write: its name (1–31 characters, none of `[]:*?/\`), its rows and merged ranges. */
export interface SheetInput {
  readonly name: string;
  readonly rows: readonly (readonly Cell[])[];
  /** Merged ranges such as `"A1:H1"`; only the top-left cell of a range should hold a value. */
  readonly merges?: readonly string[];
}

/** cellXfs index 1: the date style (custom number format 164). */
const DATE_STYLE = 1;
const DATE_FORMAT = "yyyy-mm-dd";
/** Zip entry timestamp. Built from local-time fields because fflate writes local-time DOS dates. */
const ZIP_TIME = () => new Date(2020, 0, 1, 12, 0, 0);
const MAX_ROWS = 1_048_576;
const MAX_COLUMNS = 16_384;

const NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const NS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const NS_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships";
const XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/**
 * Write a workbook. Strings go to the shared-string table; numbers are written
 * as numeric cells, booleans as boolean cells, {@link ExcelDate} cells as
 * numbers with a `yyyy-mm-dd` date format, and `null` cells are omitted.
 *
 * @throws Error when there is no sheet, a sheet name is invalid or repeated,
 *   a number is not finite, or a sheet exceeds Excel's 1,048,576 rows × 16,384 columns.
 */
export function writeXlsx(sheets: readonly SheetInput[]): Uint8Array {
  if (sheets.length === 0) throw new Error("writeXlsx: a workbook needs at least one sheet");
  checkSheetNames(sheets);
  const strings = new SharedStrings();
  const enc = new TextEncoder();
  const files: Record<string, Uint8Array> = {};
  const add = (name: string, xml: string) => {
    files[name] = enc.encode(XML_DECL + xml);
  };
  add("[Content_Types].xml", contentTypes(sheets.length));
  add("_rels/.rels", rootRels());
  add("xl/workbook.xml", workbook(sheets));
  add("xl/_rels/workbook.xml.rels", workbookRels(sheets.length));
  add("xl/styles.xml", styles());
  sheets.forEach((sheet, i) => {
    add(`xl/worksheets/sheet${i + 1}.xml`, worksheet(sheet, strings));
  });
  add("xl/sharedStrings.xml", strings.xml());
  return zipSync(files, { level: 6, mtime: ZIP_TIME() });
}

/** The column letters of a 0-based column index (0 → A, 26 → AA). */
export function columnLetters(index: number): string {
  let n = index + 1;
  let out = "";
  while (n > 0) {
    const rem = (n - 1) % 26;
    out = String.fromCharCode(65 + rem) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

function checkSheetNames(sheets: readonly SheetInput[]): void {
  const seen = new Set<string>();
  for (const { name } of sheets) {
    if (name.length < 1 || name.length > 31 || /[[\]:*?/\\]/.test(name) || /^'|'$/.test(name)) {
      throw new Error(`writeXlsx: invalid sheet name ${JSON.stringify(name)}`);
    }
    const key = name.toLowerCase();
    if (seen.has(key)) throw new Error(`writeXlsx: repeated sheet name ${JSON.stringify(name)}`);
    seen.add(key);
  }
}

class SharedStrings {
  private readonly index = new Map<string, number>();
  private readonly items: string[] = [];
  private count = 0;

  ref(text: string): number {
    this.count++;
    let i = this.index.get(text);
    if (i === undefined) {
      i = this.items.length;
      this.index.set(text, i);
      this.items.push(text);
    }
    return i;
  }

  xml(): string {
    const parts = this.items.map((s) => `<si>${textElement(s)}</si>`);
    return `<sst xmlns="${NS_MAIN}" count="${this.count}" uniqueCount="${this.items.length}">${parts.join("")}</sst>`;
  }
}

function worksheet(sheet: SheetInput, strings: SharedStrings): string {
  if (sheet.rows.length > MAX_ROWS) throw new Error(`writeXlsx: sheet ${sheet.name} has too many rows`);
  const rows: string[] = [];
  sheet.rows.forEach((cells, r) => {
    if (cells.length > MAX_COLUMNS) throw new Error(`writeXlsx: sheet ${sheet.name} has too many columns`);
    const out: string[] = [];
    cells.forEach((cell, c) => {
      const xml = cellXml(`${columnLetters(c)}${r + 1}`, cell, strings);
      if (xml) out.push(xml);
    });
    if (out.length > 0) rows.push(`<row r="${r + 1}">${out.join("")}</row>`);
  });
  const merges = sheet.merges ?? [];
  const mergeXml =
    merges.length > 0
      ? `<mergeCells count="${merges.length}">${merges.map((m) => `<mergeCell ref="${escapeXml(m)}"/>`).join("")}</mergeCells>`
      : "";
  return `<worksheet xmlns="${NS_MAIN}" xmlns:r="${NS_REL}"><sheetData>${rows.join("")}</sheetData>${mergeXml}</worksheet>`;
}

function cellXml(ref: string, cell: Cell | undefined, strings: SharedStrings): string {
  if (cell === null || cell === undefined) return "";
  if (typeof cell === "string") return `<c r="${ref}" t="s"><v>${strings.ref(cell)}</v></c>`;
  if (typeof cell === "boolean") return `<c r="${ref}" t="b"><v>${cell ? 1 : 0}</v></c>`;
  if (cell instanceof ExcelDate) return `<c r="${ref}" s="${DATE_STYLE}"><v>${finite(cell.serial)}</v></c>`;
  return `<c r="${ref}"><v>${finite(cell)}</v></c>`;
}

function finite(n: number): string {
  if (!Number.isFinite(n)) throw new Error(`writeXlsx: cannot write the number ${n}`);
  return String(n);
}

/** A `<t>` element; characters XML cannot carry are written with the `_xHHHH_` escape of ECMA-376. */
function textElement(s: string): string {
  const space = /^\s|\s$/.test(s) ? ' xml:space="preserve"' : "";
  return `<t${space}>${escapeXml(escapeXstring(s))}</t>`;
}

function escapeXstring(s: string): string {
  // A literal "_xHHHH_" must itself be escaped, by escaping its underscore.
  return s.replace(/_(?=x[0-9A-Fa-f]{4}_)/g, "_x005F_").replace(
    // biome-ignore lint/suspicious/noControlCharactersInRegex: these are exactly the characters to escape
    /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g,
    (c) => `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}_`,
  );
}

function escapeXml(s: string): string {
  return s.replace(/[&<>"\r]/g, (c) =>
    c === "&" ? "&amp;" : c === "<" ? "&lt;" : c === ">" ? "&gt;" : c === '"' ? "&quot;" : "&#13;",
  );
}

function contentTypes(sheetCount: number): string {
  const sheets = Array.from(
    { length: sheetCount },
    (_, i) =>
      `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
  ).join("");
  return (
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
    '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
    '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>' +
    `${sheets}</Types>`
  );
}

function rootRels(): string {
  return (
    `<Relationships xmlns="${NS_PKG_REL}">` +
    `<Relationship Id="rId1" Type="${NS_REL}/officeDocument" Target="xl/workbook.xml"/>` +
    "</Relationships>"
  );
}

function workbook(sheets: readonly SheetInput[]): string {
  const list = sheets
    .map((s, i) => `<sheet name="${escapeXml(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
    .join("");
  return `<workbook xmlns="${NS_MAIN}" xmlns:r="${NS_REL}"><sheets>${list}</sheets></workbook>`;
}

function workbookRels(sheetCount: number): string {
  const rels = Array.from(
    { length: sheetCount },
    (_, i) =>
      `<Relationship Id="rId${i + 1}" Type="${NS_REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
  );
  rels.push(`<Relationship Id="rId${sheetCount + 1}" Type="${NS_REL}/styles" Target="styles.xml"/>`);
  rels.push(
    `<Relationship Id="rId${sheetCount + 2}" Type="${NS_REL}/sharedStrings" Target="sharedStrings.xml"/>`,
  );
  return `<Relationships xmlns="${NS_PKG_REL}">${rels.join("")}</Relationships>`;
}

function styles(): string {
  return (
    `<styleSheet xmlns="${NS_MAIN}">` +
    `<numFmts count="1"><numFmt numFmtId="164" formatCode="${DATE_FORMAT}"/></numFmts>` +
    '<fonts count="1"><font><sz val="11"/><name val="宋体"/><family val="2"/><charset val="134"/></font></fonts>' +
    '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
    '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
    '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>' +
    '<cellStyles count="1"><cellStyle name="常规" xfId="0" builtinId="0"/></cellStyles>' +
    "</styleSheet>"
  );
}
