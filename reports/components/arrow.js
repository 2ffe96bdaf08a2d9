import { tableFromIPC } from "@uwdata/flechette";

/**
 * Decode an Arrow IPC buffer (from FileAttachment(...).arrayBuffer()) into plain row objects: strings
 * (dictionary-encoded or not), numbers (Int32, Float64, and 64-bit integers as numbers), booleans, null.
 * Decoded with Flechette, a fraction of apache-arrow's weight (docs/decisions.md).
 */
export function arrowRows(buffer) {
  return tableFromIPC(new Uint8Array(buffer), { useBigInt: false }).toArray();
}
