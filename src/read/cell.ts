/**
 * Cells and rows as the readers (CSV, XLSX) hand them to ingest. A CSV cell is
 * always a string; an XLSX cell keeps its type, and a numeric cell whose
 * number format is a date arrives as an {@link ExcelDate}.
 */

/** A date cell of a spreadsheet: the Excel serial number (1900 date system, days since 1899-12-30). */
export class ExcelDate {
  constructor(readonly serial: number) {}
}

export type Cell = string | number | boolean | ExcelDate | null;

/** One physical row of a sheet or CSV file. */
export interface RawRow {
  /** Sheet name for XLSX, null for CSV. */
  readonly sheet: string | null;
  /** The row number as a spreadsheet user sees it (1-based, counting every physical line/row). */
  readonly rowNumber: number;
  readonly cells: readonly Cell[];
  /** Indexes of cells that held a spreadsheet formula (XLSX: the cached value is in `cells`). */
  readonly formulaColumns?: readonly number[];
}

/** A cell as trimmed text ("" for empty); numbers keep their shortest decimal form. */
export function cellText(cell: Cell | undefined): string {
  if (cell === null || cell === undefined) return "";
  if (cell instanceof ExcelDate) return String(cell.serial);
  if (typeof cell === "number") return Number.isInteger(cell) ? cell.toFixed(0) : String(cell);
  if (typeof cell === "boolean") return cell ? "TRUE" : "FALSE";
  return cell.replace(/^[\s\u3000]+|[\s\u3000]+$/g, "");
}
