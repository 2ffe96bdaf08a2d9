/** Types of xlsx.js for the TypeScript side (tools/, test/, bench/). */

/** A cell: text, a number, a boolean, a date (an object with an Excel day number, e.g. ExcelDate), or none. */
export type XlsxCell = string | number | boolean | { readonly serial: number } | null | undefined;

export interface XlsxColumn {
  width?: number;
  format?: "general" | "header" | "title" | "pct" | "dec" | "signedDec" | "int" | "signedInt" | "date";
  scale?: "high" | "low";
}

export interface XlsxOptions {
  title?: string;
  header?: boolean;
  freeze?: { rows?: number; columns?: number };
  columns?: readonly (XlsxColumn | undefined)[];
  scaleFrom?: number;
  merges?: readonly string[];
}

export interface XlsxSheet extends XlsxOptions {
  readonly name: string;
  readonly rows: readonly (readonly XlsxCell[])[];
}

export function workbook(sheets: readonly XlsxSheet[]): Uint8Array;
export function xlsx(
  rows: readonly (readonly XlsxCell[])[],
  options?: XlsxOptions & { sheetName?: string },
): Uint8Array;
export function columnLetters(index: number): string;
