/**
 * A VARCHAR column of a DuckDB result chunk as JavaScript strings (null for NULL): the values
 * `chunk.getColumns()` gives, read from DuckDB's string entries directly. Each entry is 16 bytes: the length,
 * then the text itself up to 12 bytes, else a prefix and a pointer. An entry equal to the previous row's (the
 * same inline text, or the same length and pointer) is the same string, and so is inline text equal to text
 * met earlier in the chunk: each decoded once. writeJurisdictions' rows come sorted by folder, township and
 * unit, so a unit's id and name, its township… repeat in runs, and short text (a gender, a body…) alternates:
 * most rows cost a comparison, not a copy out of DuckDB's memory, a decode and the garbage of both.
 */
import type { DuckDBDataChunk } from "@duckdb/node-api";
import duckdb from "@duckdb/node-bindings";

const ENTRY = 16;
const INLINE = 12;
const decoder = new TextDecoder();

export function textColumn(chunk: DuckDBDataChunk, column: number): (string | null)[] {
  const rows = chunk.rowCount;
  const vector = duckdb.data_chunk_get_vector(chunk.chunk, column);
  const data = duckdb.vector_get_data(vector, rows * ENTRY);
  // One bit a row (little-endian 64-bit words), or none when every row is valid.
  const validity = duckdb.vector_get_validity(vector, Math.ceil(rows / 64) * 8) as Uint8Array | null;
  const buffer = data.buffer as ArrayBuffer;
  const view = new DataView(buffer, data.byteOffset, rows * ENTRY);
  const values: (string | null)[] = new Array(rows);
  const inline = new Map<number, { length: number; middle: number; tail: number; text: string }>();
  let previous = -1;
  for (let r = 0; r < rows; r++) {
    if (validity && !((validity[r >> 3] as number) & (1 << (r & 7)))) {
      values[r] = null;
      continue;
    }
    const at = r * ENTRY;
    const length = view.getUint32(at, true);
    if (
      previous >= 0 &&
      view.getUint32(previous, true) === length &&
      view.getUint32(previous + 4, true) === view.getUint32(at + 4, true) &&
      view.getUint32(previous + 8, true) === view.getUint32(at + 8, true) &&
      view.getUint32(previous + 12, true) === view.getUint32(at + 12, true)
    ) {
      values[r] = values[previous / ENTRY] as string;
    } else if (length <= INLINE) {
      // Short text (a gender, a body, a position…) alternates: the last one seen with these first 4 bytes.
      const head = view.getUint32(at + 4, true);
      const middle = view.getUint32(at + 8, true);
      const tail = view.getUint32(at + 12, true);
      const known = inline.get(head);
      if (known && known.length === length && known.middle === middle && known.tail === tail)
        values[r] = known.text;
      else {
        const text = decoder.decode(new Uint8Array(buffer, data.byteOffset + at + 4, length));
        inline.set(head, { length, middle, tail, text });
        values[r] = text;
      }
    } else {
      values[r] = decoder.decode(duckdb.get_data_from_pointer(buffer, data.byteOffset + at + 8, length));
    }
    previous = at;
  }
  return values;
}
