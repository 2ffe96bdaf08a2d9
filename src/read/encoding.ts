/**
 * Text encoding of CSV/TXT exports: UTF-8 (with or without BOM) or GB18030/GBK,
 * which is what Excel on a Chinese Windows writes. The encoding is detected from
 * the first MiB; the rest of the stream is decoded in pieces cut where no
 * multi-byte character can be split.
 */
import { InputError } from "../error.ts";

export type TextEncodingName = "utf-8" | "gb18030";

/** How many leading bytes are sniffed to detect the encoding. */
export const SNIFF_BYTES = 1 << 20;
/** The longest run of bytes without a safe cut point that is accepted (a line this long is not a table). */
const MAX_UNCUT_BYTES = 64 << 20;

const UNKNOWN = "无法识别的文件编码(不是 UTF-8 或 GBK)";

/**
 * Detect the encoding of the first bytes of a text file.
 *
 * @param prefix the first bytes of the file (up to {@link SNIFF_BYTES}); it may end inside a character
 * @param complete whether `prefix` is the whole file
 * @param file the file name for messages (relative to the dataset)
 * @returns the encoding and the length of a UTF-8 byte-order mark to skip (0 or 3)
 * @throws InputError when the bytes are binary (NUL or many control bytes), UTF-16, a zip or
 *   an old .xls file, or valid in neither UTF-8 nor GB18030
 */
export function detectEncoding(
  prefix: Uint8Array,
  complete: boolean,
  file: string,
): { encoding: TextEncodingName; bomLength: number } {
  const [b0, b1, b2, b3] = prefix;
  if ((b0 === 0xff && b1 === 0xfe) || (b0 === 0xfe && b1 === 0xff)) {
    throw new InputError(file, `${UNKNOWN}:文件是 UTF-16 编码,请在 Excel 中另存为“CSV UTF-8”`);
  }
  if (b0 === 0x50 && b1 === 0x4b && b2 === 0x03 && b3 === 0x04) {
    throw new InputError(file, `${UNKNOWN}:这是一个 ZIP/XLSX 文件,扩展名应为 .xlsx`);
  }
  if (b0 === 0xd0 && b1 === 0xcf && b2 === 0x11 && b3 === 0xe0) {
    throw new InputError(file, `${UNKNOWN}:这是一个旧版 Excel(.xls)文件,请另存为 .xlsx 或 CSV`);
  }
  if (looksBinary(prefix)) throw new InputError(file, `${UNKNOWN}:文件含有二进制数据`);
  const bomLength = b0 === 0xef && b1 === 0xbb && b2 === 0xbf ? 3 : 0;
  const body = prefix.subarray(bomLength);
  if (decodes("utf-8", body, complete)) return { encoding: "utf-8", bomLength };
  if (bomLength === 0 && decodes("gb18030", body, complete)) return { encoding: "gb18030", bomLength };
  throw new InputError(file, UNKNOWN);
}

function decodes(encoding: TextEncodingName, bytes: Uint8Array, complete: boolean): boolean {
  try {
    new TextDecoder(encoding, { fatal: true }).decode(bytes, { stream: !complete });
    return true;
  } catch {
    return false;
  }
}

/** NUL anywhere, or more than 1 in 1000 bytes being C0 controls other than tab, line breaks, FF and SUB. */
function looksBinary(bytes: Uint8Array): boolean {
  let controls = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] as number;
    if (b >= 0x20) continue;
    if (b === 0) return true;
    if (b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x1a) controls++;
  }
  return controls > bytes.length / 1000;
}

/**
 * The index just after the last byte below 0x30 (ASCII controls, space, punctuation
 * such as `,` `"` and line breaks), or 0 if there is none. Such a byte is never part
 * of a multi-byte character in UTF-8 or GB18030, so cutting there splits no character.
 */
export function safeCut(bytes: Uint8Array): number {
  for (let i = bytes.length - 1; i >= 0; i--) {
    if ((bytes[i] as number) < 0x30) return i + 1;
  }
  return 0;
}

/**
 * Decode a byte stream to text: detect the encoding from the first {@link SNIFF_BYTES},
 * strip a byte-order mark, and yield the text in pieces (each piece ends at a safe
 * cut, so no character is split between pieces).
 *
 * @param source the bytes of the file, in chunks of any size
 * @param file the file name for messages (relative to the dataset)
 * @param rowAt the spreadsheet row the consumer has reached, to place a decoding error
 * @param onDetected told the encoding and the length of the byte-order mark skipped, once detected
 * @throws InputError as {@link detectEncoding}, and when a later piece is invalid in the
 *   detected encoding (the message names the row near the invalid bytes)
 */
export async function* decodeText(
  source: AsyncIterable<Uint8Array>,
  file: string,
  rowAt: () => number,
  onDetected?: (encoding: TextEncodingName, bomLength: number) => void,
): AsyncGenerator<string> {
  const held: Uint8Array[] = [];
  let heldBytes = 0;
  let decoder: TextDecoder | null = null;
  let first = true;

  const take = (final: boolean): string | null => {
    let bytes = concat(held, heldBytes);
    if (decoder === null) {
      const detected = detectEncoding(bytes.subarray(0, SNIFF_BYTES), final, file);
      onDetected?.(detected.encoding, detected.bomLength);
      decoder = new TextDecoder(detected.encoding, { fatal: true, ignoreBOM: true });
      bytes = bytes.subarray(detected.bomLength);
    }
    const cut = final ? bytes.length : safeCut(bytes);
    if (cut === 0 && !final) {
      if (bytes.length > MAX_UNCUT_BYTES)
        throw new InputError(file, `${UNKNOWN}:文件中没有可识别的分隔符或换行`);
      held.length = 0;
      held.push(bytes);
      heldBytes = bytes.length;
      return null;
    }
    const piece = bytes.subarray(0, cut);
    const rest = bytes.subarray(cut);
    held.length = 0;
    heldBytes = rest.length;
    if (rest.length > 0) held.push(rest.slice());
    let text = decodePiece(decoder, piece, file, rowAt);
    if (first && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    first = false;
    return text;
  };

  for await (const chunk of source) {
    held.push(chunk);
    heldBytes += chunk.length;
    if (decoder === null && heldBytes < SNIFF_BYTES) continue;
    const text = take(false);
    if (text) yield text;
  }
  if (heldBytes > 0 || decoder === null) {
    const text = take(true);
    if (text) yield text;
  }
}

function decodePiece(decoder: TextDecoder, piece: Uint8Array, file: string, rowAt: () => number): string {
  try {
    return decoder.decode(piece);
  } catch {
    throw new InputError(
      file,
      `第 ${rowAt() + badLine(decoder.encoding, piece)} 行附近有无法解码的字节,${UNKNOWN}`,
    );
  }
}

/** The 1-based line (split at LF, which no multi-byte character contains) of the first undecodable bytes. */
function badLine(encoding: string, piece: Uint8Array): number {
  const strict = new TextDecoder(encoding, { fatal: true, ignoreBOM: true });
  let line = 1;
  let start = 0;
  while (start <= piece.length) {
    let end = piece.indexOf(0x0a, start);
    if (end < 0) end = piece.length;
    try {
      strict.decode(piece.subarray(start, end));
    } catch {
      return line;
    }
    line++;
    start = end + 1;
  }
  return line;
}

function concat(chunks: readonly Uint8Array[], total: number): Uint8Array {
  if (chunks.length === 1) return chunks[0] as Uint8Array;
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
