import { strToU8, zipSync } from "fflate";

/** Characters XML 1.0 forbids (C0 controls but tab, LF, CR; U+FFFE, U+FFFF). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are exactly the characters to strip
const INVALID_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

/**
 * Cell styles (cellXfs of styles.xml, in this order): a column's `format` names one. Percentages are
 * fractions shown with one decimal (0.302 → 30.2%); `signed` formats show a change with its sign.
 */
const FORMATS = ["general", "header", "title", "pct", "dec", "signedDec", "int", "signedInt"];
const NUM_FMTS = { 164: "0.0%", 165: "0.0", 166: "+0.0;-0.0;0.0", 167: "+0;-0;0" };
const XFS = [
  '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>',
  '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1"><alignment vertical="center" wrapText="1"/></xf>',
  '<xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1"/>',
  '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>',
  '<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>',
  '<xf numFmtId="166" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>',
  '<xf numFmtId="1" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>',
  '<xf numFmtId="167" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>',
];
/** Colour scales (conditional formatting): white to the site's blue, toward the better end. */
const PALE = "FFFFFFFF";
const BLUE = "FF6D9FD8";

/**
 * A minimal XLSX workbook (one sheet, inline strings, numbers, booleans) built with fflate.
 * Deterministic: fixed part order and zip timestamps. `rows` is an array of arrays; the first row is
 * usually the header.
 *
 * Options: `title` (a bold first row above `rows`, merged across the columns); `header` (the first of
 * `rows` in bold); `freeze` ({rows, columns}: panes frozen above and left of them, counted from the top
 * of the sheet); `columns` ([{width, format, scale}] by index: width in characters, a format of FORMATS
 * for the cells below the header, `scale` "high" or "low" for a colour scale darkest at that end);
 * `scaleFrom`: how many rows below the header the colour scales skip (e.g. a total row).
 */
export function xlsx(
  rows,
  { sheetName = "Sheet1", title, header = false, freeze, columns = [], scaleFrom = 0 } = {},
) {
  const esc = (s) =>
    String(s)
      .replace(INVALID_XML, "")
      .replace(/&/g, "&amp;")
      .replace(/</g, "&lt;")
      .replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;");
  const col = (i) => {
    let s = "";
    for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
    return s;
  };
  const all = title == null ? rows : [[title], ...rows];
  const top = title == null ? 0 : 1;
  const headerRow = header ? top : -1;
  const styleOf = (r, c) => {
    if (r < top) return FORMATS.indexOf("title");
    if (r === headerRow) return FORMATS.indexOf("header");
    return Math.max(0, FORMATS.indexOf(columns[c]?.format ?? "general"));
  };
  const cell = (v, r, c) => {
    const ref = `${col(c)}${r + 1}`;
    const s = styleOf(r, c);
    const style = s ? ` s="${s}"` : "";
    if (v == null || v === "") return "";
    if (typeof v === "number" && Number.isFinite(v)) return `<c r="${ref}"${style}><v>${v}</v></c>`;
    if (typeof v === "boolean") return `<c r="${ref}"${style} t="b"><v>${v ? 1 : 0}</v></c>`;
    return `<c r="${ref}"${style} t="inlineStr"><is><t xml:space="preserve">${esc(v)}</t></is></c>`;
  };
  const sheetRows = all.map(
    (row, r) => `<row r="${r + 1}">${row.map((v, c) => cell(v, r, c)).join("")}</row>`,
  );
  const width = Math.max(1, ...all.map((row) => row.length));
  const views =
    freeze && (freeze.rows || freeze.columns)
      ? `<sheetViews><sheetView workbookViewId="0"><pane${freeze.columns ? ` xSplit="${freeze.columns}"` : ""}${freeze.rows ? ` ySplit="${freeze.rows}"` : ""} topLeftCell="${col(freeze.columns ?? 0)}${(freeze.rows ?? 0) + 1}" activePane="${freeze.rows && freeze.columns ? "bottomRight" : freeze.rows ? "bottomLeft" : "topRight"}" state="frozen"/></sheetView></sheetViews>`
      : "";
  const cols = columns.some((c) => c?.width)
    ? `<cols>${columns
        .map((c, i) =>
          c?.width ? `<col min="${i + 1}" max="${i + 1}" width="${c.width}" customWidth="1"/>` : "",
        )
        .join("")}</cols>`
    : "";
  const merge =
    title != null && width > 1
      ? `<mergeCells count="1"><mergeCell ref="A1:${col(width - 1)}1"/></mergeCells>`
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
              `<conditionalFormatting sqref="${col(i)}${first}:${col(i)}${last}"><cfRule type="colorScale" priority="${k + 1}"><colorScale><cfvo type="min"/><cfvo type="max"/><color rgb="${scale === "high" ? PALE : BLUE}"/><color rgb="${scale === "high" ? BLUE : PALE}"/></colorScale></cfRule></conditionalFormatting>`,
          )
          .join("")
      : "";
  const decl = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
  const main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
  const rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
  const pkg = "http://schemas.openxmlformats.org/package/2006/relationships";
  const ct = "application/vnd.openxmlformats-officedocument.spreadsheetml";
  const font = (extra, size = 11) =>
    `<font>${extra}<sz val="${size}"/><name val="等线"/><family val="2"/><charset val="134"/></font>`;
  const styles = `<styleSheet xmlns="${main}"><numFmts count="${Object.keys(NUM_FMTS).length}">${Object.entries(
    NUM_FMTS,
  )
    .map(([id, code]) => `<numFmt numFmtId="${id}" formatCode="${esc(code)}"/>`)
    .join(
      "",
    )}</numFmts><fonts count="3">${font("")}${font("<b/>")}${font("<b/>", 14)}</fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="${XFS.length}">${XFS.join("")}</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`;
  const mtime = new Date(2020, 0, 1, 12, 0, 0);
  const files = {
    "[Content_Types].xml": `${decl}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="${ct}.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="${ct}.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="${ct}.styles+xml"/></Types>`,
    "_rels/.rels": `${decl}<Relationships xmlns="${pkg}"><Relationship Id="rId1" Type="${rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    "xl/workbook.xml": `${decl}<workbook xmlns="${main}" xmlns:r="${rel}"><sheets><sheet name="${esc(sheetName.replace(/[[\]:*?/\\]/g, "").slice(0, 31) || "Sheet1")}" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    "xl/_rels/workbook.xml.rels": `${decl}<Relationships xmlns="${pkg}"><Relationship Id="rId1" Type="${rel}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${rel}/styles" Target="styles.xml"/></Relationships>`,
    "xl/styles.xml": `${decl}${styles}`,
    "xl/worksheets/sheet1.xml": `${decl}<worksheet xmlns="${main}">${views}${cols}<sheetData>${sheetRows.join("")}</sheetData>${merge}${scales}</worksheet>`,
  };
  return zipSync(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, [strToU8(v), { mtime }]])), {
    level: 6,
  });
}
