/**
 * Full-width text: spreadsheets typed with a Chinese input method mix
 * full-width digits, letters and punctuation (`１９７２．０５`, `，`, `／`) and
 * ideographic spaces with their ASCII forms. The parsers compare text only
 * after folding it to half width here.
 */

/** Offset between a full-width form (U+FF01–U+FF5E) and its ASCII character. */
const FULL_WIDTH_OFFSET = 0xfee0;

/**
 * The text with full-width ASCII forms (U+FF01–U+FF5E) replaced by their ASCII
 * characters and the ideographic space (U+3000) by a space. Every other
 * character, including `、` and CJK punctuation such as `。`, is kept. The
 * result has the same number of UTF-16 code units as the input.
 */
export function halfWidth(text: string): string {
  return text.replace(/[\uff01-\uff5e\u3000]/g, (ch) =>
    ch === "\u3000" ? " " : String.fromCharCode(ch.charCodeAt(0) - FULL_WIDTH_OFFSET),
  );
}

/** The text folded to half width with every whitespace character removed (`" 1972 年 5 月 "` → `"1972年5月"`). */
export function compactText(text: string): string {
  return halfWidth(text).replace(/\s+/g, "");
}
