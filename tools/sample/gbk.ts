/**
 * A GBK/GB18030 text encoder for the sample generator. Node decodes gb18030
 * but cannot encode it, so the table is built once by inverting
 * `TextDecoder("gb18030")` over the two-byte range (lead 0x81–0xFE, trail
 * 0x40–0x7E and 0x80–0xFE). ASCII is written as is.
 */
let table: Map<number, number> | null = null;

function encodeTable(): Map<number, number> {
  if (table) return table;
  const decoder = new TextDecoder("gb18030");
  const map = new Map<number, number>();
  const pair = new Uint8Array(2);
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      pair[0] = lead;
      pair[1] = trail;
      const text = decoder.decode(pair);
      const code = text.codePointAt(0);
      if (text.length === 1 && code !== undefined && code !== 0xfffd && !map.has(code)) {
        map.set(code, (lead << 8) | trail);
      }
    }
  }
  table = map;
  return map;
}

/**
 * The GBK bytes of a text.
 * @throws RangeError naming the first character that has no two-byte GBK code.
 */
export function encodeGbk(text: string): Uint8Array {
  const map = encodeTable();
  const out = new Uint8Array(text.length * 2);
  let n = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (code < 0x80) {
      out[n++] = code;
      continue;
    }
    const bytes = map.get(code);
    if (bytes === undefined) throw new RangeError(`no GBK code for ${JSON.stringify(ch)}`);
    out[n++] = bytes >> 8;
    out[n++] = bytes & 0xff;
  }
  return out.slice(0, n);
}
