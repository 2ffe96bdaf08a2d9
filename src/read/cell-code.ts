/**
 * A {@link Cell} as one text and back, so raw cells can wait in a DuckDB
 * VARCHAR column with their type (a date cell stays a date cell, a number a
 * number): null for a column the file does not have, `""` for an empty cell,
 * else a tag (`s` text, `n` number, `b` boolean, `d` Excel date) and the value.
 */
import { type Cell, ExcelDate } from "./cell.ts";

/** The code of a cell; `present` false (the file has no such column) gives null. */
export function encodeCell(cell: Cell | undefined, present: boolean): string | null {
  if (!present) return null;
  if (cell === null || cell === undefined) return "";
  if (typeof cell === "string") return `s${cell}`;
  if (typeof cell === "number") return `n${cell}`;
  if (typeof cell === "boolean") return cell ? "b1" : "b0";
  return `d${cell.serial}`;
}

/** The cell of a code (null code: an absent column, read as an empty cell). */
export function decodeCell(code: string | null): Cell {
  if (code === null || code === "") return null;
  const value = code.slice(1);
  switch (code.charCodeAt(0)) {
    case 115: // s
      return value;
    case 110: // n
      return Number(value);
    case 98: // b
      return value === "1";
    default:
      return new ExcelDate(Number(value));
  }
}
