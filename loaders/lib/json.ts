/** A value as the bytes of a JSON data file (one-space indent, final newline). */
export function jsonBytes(value: unknown): Uint8Array {
  return Buffer.from(`${JSON.stringify(value, null, 1)}\n`, "utf8");
}
