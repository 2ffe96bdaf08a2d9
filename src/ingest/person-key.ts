/**
 * Identity across rows and terms, `shared/spec/exports.md` "Identity": the
 * person_key is a keyed hash (HMAC-SHA-256) of a valid ID number or, without
 * one, of township, unit, name and birth. The key is secret and never
 * published; the same key gives the same person_key on every rebuild.
 */
import { createHmac } from "node:crypto";
import { type PartialDate, partialDateText } from "../parse/date.ts";
import { compactText } from "../parse/fullwidth.ts";

/** Length of a person_key in hex characters (64 bits). */
export const PERSON_KEY_LENGTH = 16;
/** Shortest secret key accepted. */
export const MIN_KEY_LENGTH = 16;

/** The first 16 hex characters of HMAC-SHA-256(secret, material) over UTF-8. */
export function personKey(secret: string, material: string): string {
  return createHmac("sha256", secret).update(material, "utf8").digest("hex").slice(0, PERSON_KEY_LENGTH);
}

/**
 * Hash material of a valid ID in its 18-character normalized form (see
 * `parseIdNumber`): `id|` and the ID with spaces removed and `x` as `X`. The
 * prefix keeps ID material apart from {@link fallbackMaterial}.
 */
export function idMaterial(normalizedId: string): string {
  return `id|${compactText(normalizedId).toUpperCase()}`;
}

/** A name or place for hashing: half width, no whitespace, the dots of minority names (•・･) as `·`. */
function normalizeName(text: string): string {
  return compactText(text).replace(/[•・･‧∙⋅]/g, "·");
}

/**
 * Hash material of a person without a valid ID: `township|unit|name|birth`,
 * birth as `YYYY-MM-DD`, or `YYYY-MM` for month precision, or empty when
 * unknown. Each of township, unit and name is folded to half width with all
 * whitespace removed (`张 三` = `张三`) and the middle dots of minority names
 * unified to `·`. A `|` inside a field is kept, so fields are compared as
 * written. Note that the same person recorded once with a full birth date
 * and once with a month only gets two different materials.
 */
export function fallbackMaterial(
  township: string,
  unit: string,
  name: string,
  birth: PartialDate | null,
): string {
  const when = birth === null ? "" : partialDateText(birth);
  return [normalizeName(township), normalizeName(unit), normalizeName(name), when].join("|");
}

/**
 * The secret key for person_keys: `HUANJIE_KEY` when set and non-blank (source
 * "env"), else the content of the file named by `HUANJIE_KEY_FILE` (source
 * "file"); the caller (`resolveKey`, src/ingest/key-store.ts) sets one of them.
 * Surrounding whitespace (a final newline) is removed in both cases. Throws an
 * Error with a Chinese message, which never contains the key, when the file
 * cannot be read or the key is shorter than 16 characters.
 */
export function loadKey(
  env: Record<string, string | undefined>,
  readFile: (path: string) => string,
): { key: string; source: "env" | "file" } {
  const fromEnv = env.HUANJIE_KEY?.trim() ?? "";
  const file = env.HUANJIE_KEY_FILE?.trim() ?? "";
  let key: string;
  let source: "env" | "file";
  if (fromEnv !== "") {
    key = fromEnv;
    source = "env";
  } else {
    try {
      key = readFile(file).trim();
    } catch {
      throw new Error(`无法读取密钥文件 ${file}:请检查环境变量 HUANJIE_KEY_FILE 指向的文件是否存在且可读。`);
    }
    source = "file";
  }
  if (key.length < MIN_KEY_LENGTH) {
    const where = source === "env" ? "环境变量 HUANJIE_KEY" : `密钥文件 ${file}`;
    throw new Error(`${where}中的密钥太短:至少需要${MIN_KEY_LENGTH}个字符,请换用更长的随机字符串。`);
  }
  return { key, source };
}
