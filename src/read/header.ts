/**
 * Header rows of exports (exports.md, "File formats"): finding the header row
 * below title rows, mapping its cells to fields through accepted aliases, and
 * recognising blank rows and repeated headers further down.
 */
import { cellText, type RawRow } from "./cell.ts";

/** A field of a file kind and the header texts accepted for it. */
export interface FieldSpec {
  readonly field: string;
  readonly aliases: readonly string[];
}

/** The recognised header row of a file or sheet. */
export interface HeaderMap {
  readonly rowNumber: number;
  readonly sheet: string | null;
  /** field → the first column whose header matches it, and that header as written (trimmed). */
  readonly columns: ReadonlyMap<string, { index: number; header: string }>;
  /** Later columns matching a field already mapped; they are not read. */
  readonly duplicates: readonly { field: string; header: string; index: number }[];
  /** Non-empty header cells matching no field, as written (trimmed). */
  readonly unknown: readonly string[];
}

/** Fewest cells that must match a known header for a row to be the header row. */
const MIN_MATCHES = 3;

/**
 * The comparable form of a header text: all whitespace removed (surrounding and
 * inner spaces, full-width spaces U+3000, line breaks inside the cell, so `姓　名`
 * and `出生\n年月` match), full-width `（）` as `()`, Latin letters lower-cased.
 * Inner whitespace is removed rather than collapsed because Chinese headers are
 * padded inside (`姓  名`) and no accepted header contains a space.
 */
export function normalizeHeader(text: string): string {
  return text
    .replace(/[\s\u3000\u00a0\ufeff]+/g, "")
    .replace(/（/g, "(")
    .replace(/）/g, ")")
    .toLowerCase();
}

/**
 * Match a row against the fields of a file kind. The row is a header when at
 * least three of its cells equal (after {@link normalizeHeader}) an alias of some
 * field. The first column matching a field wins; later ones go to `duplicates`.
 * An alias listed for two fields belongs to the first of them in `fields`.
 *
 * @returns the header map, or null when the row is not a header row
 */
export function matchHeader(row: RawRow, fields: readonly FieldSpec[]): HeaderMap | null {
  const byAlias = aliasIndex(fields);
  const columns = new Map<string, { index: number; header: string }>();
  const duplicates: { field: string; header: string; index: number }[] = [];
  const unknown: string[] = [];
  let matches = 0;
  row.cells.forEach((cell, index) => {
    const header = cellText(cell);
    if (header === "") return;
    const field = byAlias.get(normalizeHeader(header));
    if (field === undefined) {
      unknown.push(header);
      return;
    }
    matches++;
    if (columns.has(field)) duplicates.push({ field, header, index });
    else columns.set(field, { index, header });
  });
  if (matches < MIN_MATCHES) return null;
  return { rowNumber: row.rowNumber, sheet: row.sheet, columns, duplicates, unknown };
}

const aliasCache = new WeakMap<readonly FieldSpec[], Map<string, string>>();

function aliasIndex(fields: readonly FieldSpec[]): Map<string, string> {
  let index = aliasCache.get(fields);
  if (!index) {
    index = new Map();
    for (const { field, aliases } of fields) {
      for (const alias of aliases) {
        const key = normalizeHeader(alias);
        if (!index.has(key)) index.set(key, field);
      }
    }
    aliasCache.set(fields, index);
  }
  return index;
}

/**
 * Whether a row repeats the header (as exports that print a header on every page
 * do): at least three mapped columns — or all of them, if fewer — hold their
 * header text again, and so do at least half of the mapped columns.
 */
export function isHeaderRepeat(row: RawRow, header: HeaderMap): boolean {
  let same = 0;
  for (const { index, header: text } of header.columns.values()) {
    if (normalizeHeader(cellText(row.cells[index])) === normalizeHeader(text)) same++;
  }
  const size = header.columns.size;
  return size > 0 && same >= Math.min(MIN_MATCHES, size) && same * 2 >= size;
}

/** Whether every cell of a row is empty or whitespace (full-width spaces included). */
export function isBlank(row: RawRow): boolean {
  return row.cells.every((cell) => cellText(cell) === "");
}
