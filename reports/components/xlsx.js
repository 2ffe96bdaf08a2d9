/**
 * The one XLSX (ECMA-376 SpreadsheetML) writer of the project, on top of fflate: the site's downloads
 * (`xlsx`, one sheet) and the workbooks of the sample dataset, the test fixtures and the benchmarks
 * (`workbook`, imported by tools/, test/ and bench/). Plain JavaScript without Node APIs, so it runs in the
 * browser; byte-deterministic: the same input gives the same bytes on every machine (fixed part order,
 * fixed zip timestamps). Types for the TypeScript side: xlsx.d.ts.
 */
import { strToU8, zipSync } from "fflate";

/**
 * Cell styles (cellXfs of styles.xml, in this order): a column's `format` names one. Percentages are
 * fractions shown with one decimal (0.302 → 30.2%); `signed` formats show a change with its sign; `date`
 * is the style of date cells.
 */
const FORMATS = ["general", "header", "title", "pct", "dec", "signedDec", "int", "signedInt", "date"];
const NUM_FMTS = { 164: "0.0%", 165: "0.0", 166: "+0.0;-0.0;0.0", 167: "+0;-0;0", 168: "yyyy-mm-dd" };
const XFS = [
  '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>',
  '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1"><alignment vertical="center" wrapText="1"/></xf>',
  '<xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1"/>',
  '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>',
  '<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>',
  '<xf numFmtId="166" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>',
  '<xf numFmtId="1" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>',
  '<xf numFmtId="167" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>',
  '<xf numFmtId="168" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>',
];
const DATE_STYLE = FORMATS.indexOf("date");
/** Colour scales (conditional formatting): white to the site's blue, toward the better end. */
const PALE = "FFFFFFFF";
const BLUE = "FF6D9FD8";
const MAX_ROWS = 1_048_576;
const MAX_COLUMNS = 16_384;

const DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const NS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const NS_PKG = "http://schemas.openxmlformats.org/package/2006/relationships";
const CT = "application/vnd.openxmlformats-officedocument.spreadsheetml";

/**
 * A workbook of `sheets`, each `{name, rows, merges, title, header, freeze, columns, scaleFrom}`:
 *
 * - `name`: 1–31 characters, none of `[]:*?/\`, not repeated (case-insensitively);
 * - `rows`: arrays of cells. A string is an inline string, a finite number a number, a boolean a boolean,
 *   an object with a numeric `serial` (src/read/cell.ts's ExcelDate) a date (that day number, shown
 *   yyyy-mm-dd); `null`, `undefined` and `""` write no cell, and a row without cells writes no row;
 * - `merges`: merged ranges such as `"A1:H1"` (only the top-left cell should hold a value);
 * - `title`: a bold first row above `rows`, merged across the columns;
 * - `header`: the first of `rows` in bold;
 * - `freeze` ({rows, columns}): panes frozen above and left of them, counted from the top of the sheet;
 * - `columns` ([{width, format, scale}] by index): width in characters, a format of FORMATS for the cells
 *   below the header, `scale` "high" or "low" for a colour scale darkest at that end;
 * - `scaleFrom`: how many rows below the header the colour scales skip (e.g. a total row).
 *
 * Characters XML cannot carry are written with the `_xHHHH_` escape of ECMA-376, so text survives whole.
 * Throws on no sheet, an invalid or repeated sheet name, a number that is not finite, or a sheet beyond
 * Excel's 1,048,576 rows × 16,384 columns.
 */
export function workbook(sheets) {
  if (sheets.length === 0) throw new Error("xlsx: a workbook needs at least one sheet");
  checkSheetNames(sheets);
  const n = sheets.length;
  const each = (f) => Array.from({ length: n }, (_, i) => f(i + 1)).join("");
  const files = {
    "[Content_Types].xml": `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="${CT}.sheet.main+xml"/>${each((i) => `<Override PartName="/xl/worksheets/sheet${i}.xml" ContentType="${CT}.worksheet+xml"/>`)}<Override PartName="/xl/styles.xml" ContentType="${CT}.styles+xml"/></Types>`,
    "_rels/.rels": `<Relationships xmlns="${NS_PKG}"><Relationship Id="rId1" Type="${NS_REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    "xl/workbook.xml": `<workbook xmlns="${NS_MAIN}" xmlns:r="${NS_REL}"><sheets>${sheets.map((s, i) => `<sheet name="${escapeXml(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join("")}</sheets></workbook>`,
    "xl/_rels/workbook.xml.rels": `<Relationships xmlns="${NS_PKG}">${each((i) => `<Relationship Id="rId${i}" Type="${NS_REL}/worksheet" Target="worksheets/sheet${i}.xml"/>`)}<Relationship Id="rId${n + 1}" Type="${NS_REL}/styles" Target="styles.xml"/></Relationships>`,
    "xl/styles.xml": styles(),
  };
  sheets.forEach((sheet, i) => {
    files[`xl/worksheets/sheet${i + 1}.xml`] = worksheet(sheet);
  });
  const mtime = new Date(2020, 0, 1, 12, 0, 0);
  return zipSync(
    Object.fromEntries(Object.entries(files).map(([k, v]) => [k, [strToU8(DECL + v), { mtime }]])),
    { level: 6 },
  );
}

/**
 * A one-sheet workbook of `rows` for a download (the first row is usually the header): the options of
 * `workbook`'s sheets, and `sheetName` (default Sheet1), cut to a valid sheet name.
 */
export function xlsx(rows, { sheetName = "Sheet1", ...options } = {}) {
  const name =
    sheetName
      // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters cannot name a sheet
      .replace(/[[\]:*?/\\\u0000-\u001f]/g, "")
      .replace(/^'+|'+$/g, "")
      .slice(0, 31) || "Sheet1";
  return workbook([{ ...options, name, rows }]);
}

/** The column letters of a 0-based column index (0 → A, 26 → AA). */
export function columnLetters(index) {
  let s = "";
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26))
    s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

function checkSheetNames(sheets) {
  const seen = new Set();
  for (const { name } of sheets) {
    if (name.length < 1 || name.length > 31 || /[[\]:*?/\\]/.test(name) || /^'|'$/.test(name))
      throw new Error(`xlsx: invalid sheet name ${JSON.stringify(name)}`);
    const key = name.toLowerCase();
    if (seen.has(key)) throw new Error(`xlsx: repeated sheet name ${JSON.stringify(name)}`);
    seen.add(key);
  }
}

function worksheet({ name, rows, merges = [], title, header = false, freeze, columns = [], scaleFrom = 0 }) {
  const all = title == null ? rows : [[title], ...rows];
  if (all.length > MAX_ROWS) throw new Error(`xlsx: sheet ${name} has too many rows`);
  const top = title == null ? 0 : 1;
  const headerRow = header ? top : -1;
  const styleOf = (r, c) => {
    if (r < top) return FORMATS.indexOf("title");
    if (r === headerRow) return FORMATS.indexOf("header");
    return Math.max(0, FORMATS.indexOf(columns[c]?.format ?? "general"));
  };
  const sheetRows = all.map((row, r) => {
    if (row.length > MAX_COLUMNS) throw new Error(`xlsx: sheet ${name} has too many columns`);
    const cells = row.map((v, c) => cellXml(v, `${columnLetters(c)}${r + 1}`, styleOf(r, c))).join("");
    return cells ? `<row r="${r + 1}">${cells}</row>` : "";
  });
  const width = Math.max(1, ...all.map((row) => row.length));
  const views =
    freeze && (freeze.rows || freeze.columns)
      ? `<sheetViews><sheetView workbookViewId="0"><pane${freeze.columns ? ` xSplit="${freeze.columns}"` : ""}${freeze.rows ? ` ySplit="${freeze.rows}"` : ""} topLeftCell="${columnLetters(freeze.columns ?? 0)}${(freeze.rows ?? 0) + 1}" activePane="${freeze.rows && freeze.columns ? "bottomRight" : freeze.rows ? "bottomLeft" : "topRight"}" state="frozen"/></sheetView></sheetViews>`
      : "";
  const cols = columns.some((c) => c?.width)
    ? `<cols>${columns
        .map((c, i) =>
          c?.width ? `<col min="${i + 1}" max="${i + 1}" width="${c.width}" customWidth="1"/>` : "",
        )
        .join("")}</cols>`
    : "";
  const merged = [...(title != null && width > 1 ? [`A1:${columnLetters(width - 1)}1`] : []), ...merges];
  const merge = merged.length
    ? `<mergeCells count="${merged.length}">${merged.map((m) => `<mergeCell ref="${escapeXml(m)}"/>`).join("")}</mergeCells>`
    : "";
  const first = headerRow + 2 + scaleFrom;
  const last = all.length;
  const scales =
    last >= first
      ? columns
          .map((c, i) => [c?.scale, i])
          .filter(([scale]) => scale === "high" || scale === "low")
          .map(
            ([scale, i], k) =>
              `<conditionalFormatting sqref="${columnLetters(i)}${first}:${columnLetters(i)}${last}"><cfRule type="colorScale" priority="${k + 1}"><colorScale><cfvo type="min"/><cfvo type="max"/><color rgb="${scale === "high" ? PALE : BLUE}"/><color rgb="${scale === "high" ? BLUE : PALE}"/></colorScale></cfRule></conditionalFormatting>`,
          )
          .join("")
      : "";
  return `<worksheet xmlns="${NS_MAIN}">${views}${cols}<sheetData>${sheetRows.join("")}</sheetData>${merge}${scales}</worksheet>`;
}

function cellXml(v, ref, s) {
  const style = (n) => (n ? ` s="${n}"` : "");
  if (v == null || v === "") return "";
  if (typeof v === "number") return `<c r="${ref}"${style(s)}><v>${finite(v)}</v></c>`;
  if (typeof v === "boolean") return `<c r="${ref}"${style(s)} t="b"><v>${v ? 1 : 0}</v></c>`;
  if (typeof v === "object" && typeof v.serial === "number")
    return `<c r="${ref}"${style(DATE_STYLE)}><v>${finite(v.serial)}</v></c>`;
  return `<c r="${ref}"${style(s)} t="inlineStr"><is><t xml:space="preserve">${escapeXml(escapeXstring(String(v)))}</t></is></c>`;
}

function finite(n) {
  if (!Number.isFinite(n)) throw new Error(`xlsx: cannot write the number ${n}`);
  return String(n);
}

/** ECMA-376's `_xHHHH_` escape for characters XML cannot carry; a literal `_xHHHH_` escapes its underscore. */
function escapeXstring(s) {
  return s.replace(/_(?=x[0-9A-Fa-f]{4}_)/g, "_x005F_").replace(
    // biome-ignore lint/suspicious/noControlCharactersInRegex: these are exactly the characters to escape
    /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g,
    (c) => `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}_`,
  );
}

/** Markup escaped; a carriage return as a character reference, which XML parsers do not normalise away. */
function escapeXml(s) {
  return s.replace(/[&<>"\r]/g, (c) =>
    c === "&" ? "&amp;" : c === "<" ? "&lt;" : c === ">" ? "&gt;" : c === '"' ? "&quot;" : "&#13;",
  );
}

function styles() {
  const font = (extra, size = 11) =>
    `<font>${extra}<sz val="${size}"/><name val="等线"/><family val="2"/><charset val="134"/></font>`;
  const numFmts = Object.entries(NUM_FMTS)
    .map(([id, code]) => `<numFmt numFmtId="${id}" formatCode="${escapeXml(code)}"/>`)
    .join("");
  return (
    `<styleSheet xmlns="${NS_MAIN}"><numFmts count="${Object.keys(NUM_FMTS).length}">${numFmts}</numFmts>` +
    `<fonts count="3">${font("")}${font("<b/>")}${font("<b/>", 14)}</fonts>` +
    '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
    `<cellXfs count="${XFS.length}">${XFS.join("")}</cellXfs>` +
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>'
  );
}
