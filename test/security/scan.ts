/**
 * Scanning outputs for personal data: the ID numbers and full birth dates of a
 * dataset's input files (parsed with the project's own readers and parsers),
 * looked for in every file of a folder — Parquet columns read back as text and
 * the raw bytes — together with any checksum-valid ID pattern and the test key.
 * Used by test/security/privacy.test.ts and by the site test on the site it builds.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { loadDataset } from "../../src/ingest/dataset.ts";
import { parseDate } from "../../src/parse/date.ts";
import { parseIdNumber } from "../../src/parse/id-number.ts";
import { cellText } from "../../src/read/cell.ts";
import { readRows } from "../../src/read/reader.ts";
import { literal, openDatabase, queryRows } from "../../src/warehouse/duckdb.ts";
import { filesBelow } from "./helpers.ts";

/** The key the tests build with (test/helpers/cli.ts); it must appear in no output either. */
export const KEY = "test-key-not-secret-0123456789";

export interface Secrets {
  ids: Set<string>;
  dates: Set<string>;
}

const pad = (n: number) => String(n).padStart(2, "0");

/** The spellings of a full date looked for in outputs. */
function spellings(y: number, m: number, d: number): string[] {
  return [
    `${y}${pad(m)}${pad(d)}`,
    `${y}-${pad(m)}-${pad(d)}`,
    `${y}-${m}-${d}`,
    `${y}/${m}/${d}`,
    `${y}/${pad(m)}/${pad(d)}`,
    `${y}.${pad(m)}.${pad(d)}`,
    `${y}.${m}.${d}`,
    `${y}年${m}月${d}日`,
    `${y}年${pad(m)}月${pad(d)}日`,
  ];
}

/** Every valid ID number and every full date of birth age (1920–2005) in the input files of a dataset. */
export async function secretsOf(dir: string): Promise<Secrets> {
  const dataset = loadDataset(dir, (p) => readFileSync(p, "utf8"));
  const ids = new Set<string>();
  const dates = new Set<string>();
  for (const file of dataset.files) {
    for await (const row of readRows(file.absPath, { displayName: file.path, sheet: file.sheet })) {
      for (const cell of row.cells) {
        const text = cellText(cell);
        for (const token of text.replace(/[\s\u3000]/g, "").match(/[0-9０-９]{14,17}[0-9０-９Xxｘ]/g) ?? []) {
          const id = parseIdNumber(token);
          if (!id?.valid) continue;
          ids.add(id.normalized);
          ids.add(token.toUpperCase());
          if (id.birth.day !== null)
            for (const s of spellings(id.birth.year, id.birth.month, id.birth.day)) dates.add(s);
        }
        const d = parseDate(cell);
        if (d && d !== "invalid" && d.day !== null && d.year >= 1920 && d.year <= 2005)
          for (const s of spellings(d.year, d.month, d.day)) dates.add(s);
      }
    }
  }
  return { ids, dates };
}

/** Checksum-valid 18-character IDs and date-valid 15-digit ones standing alone in a text (not decimals). */
function idPatterns(text: string): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(/(?<![0-9A-Za-z.])(\d{17}[\dXx]|\d{15})(?![0-9A-Za-z])/g)) {
    if (parseIdNumber(m[1] as string)?.valid) found.push(m[1] as string);
  }
  return found;
}

/** Every window of `size` characters of `run`. */
function* windows(run: string, size: number): Generator<string> {
  for (let i = 0; i + size <= run.length; i++) yield run.slice(i, i + size);
}

/** The texts of an output file: every Parquet column as text (decompressed), plus the raw bytes. */
export async function textsOf(path: string): Promise<string[]> {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch {
    return []; // a file of a site being rebuilt meanwhile
  }
  const texts = [bytes.toString("utf8"), bytes.toString("latin1")];
  if (path.endsWith(".parquet")) {
    const conn = await openDatabase();
    try {
      const rows = await queryRows<Record<string, string | null>>(
        conn,
        `SELECT COLUMNS(*)::VARCHAR FROM read_parquet(${literal(path)})`,
      );
      texts.push(rows.map((r) => Object.values(r).join("\u0001")).join("\n"));
    } finally {
      conn.closeSync();
    }
  }
  return texts;
}

/** Scan texts for the secrets, any ID pattern and the key; returns what was found, by place. */
export function leaks(place: string, texts: readonly string[], secrets: Secrets): string[] {
  const out = new Set<string>();
  for (const t of texts) {
    // IDs and yyyymmdd dates anywhere inside runs of digits.
    for (const [run] of t.matchAll(/[0-9]{8,}[Xx]?/g)) {
      for (const size of [15, 18])
        for (const w of windows(run.toUpperCase(), size))
          if (secrets.ids.has(w)) out.add(`${place}: ID ${w}`);
      for (const w of windows(run, 8)) if (secrets.dates.has(w)) out.add(`${place}: date ${w}`);
    }
    for (const [date] of t.matchAll(/\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?/g))
      if (secrets.dates.has(date)) out.add(`${place}: date ${date}`);
    for (const id of idPatterns(t)) out.add(`${place}: ID pattern ${id}`);
    if (t.includes(KEY)) out.add(`${place}: the key`);
  }
  return [...out];
}

/** Scan every file below `dir`; returns how many were scanned and what was found. */
export async function scanFolder(dir: string, secrets: Secrets): Promise<{ files: number; found: string[] }> {
  const found: string[] = [];
  const files = filesBelow(dir);
  for (const f of files) found.push(...leaks(f, await textsOf(join(dir, f)), secrets));
  return { files: files.length, found };
}
