/**
 * A CSV/TXT file of a set-based term staged by DuckDB's own `read_csv`
 * (all cells as text, no header) instead of the JavaScript reader and chunk
 * appends. TypeScript reads only the first piece of the file (the first MiB,
 * as the JavaScript reader decodes it) to detect the delimiter and to find
 * and match the header row; a byte scan (`read/csv-bytes.ts`) counts the
 * records, finds the empty ones (DuckDB skips empty lines; their numbers keep
 * every row's number) and the widest, and tells whether DuckDB reads the file
 * exactly as the JavaScript reader does. A GB18030/GBK file is transcoded to
 * UTF-8 in a stream into a private folder beside DuckDB's temp folder first.
 * Blank, repeated-header and totals rows are skipped in SQL with the rules of
 * `read/header.ts` and `ingest.ts`; a row that might repeat the header is
 * confirmed by {@link isHeaderRepeat} itself.
 *
 * Whatever this path cannot promise to read as the JavaScript reader would (an
 * unusual quote, a lone CR, undecodable bytes, a header beyond the first
 * piece or lacking a column, a limit reached, an error of DuckDB) makes
 * {@link planCsv} return null: the file then goes through the JavaScript
 * reader, which gives the same rows or the same error as before.
 */
import { createReadStream, existsSync, statSync } from "node:fs";
import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { extname, join } from "node:path";
import type { RawRow } from "../read/cell.ts";
import { CsvParser, type Delimiter, detectDelimiter } from "../read/csv.ts";
import { type CsvShape, scanCsvBytes, transcodeToUtf8 } from "../read/csv-bytes.ts";
import { decodeText, type TextEncodingName } from "../read/encoding.ts";
import { type HeaderMap, isHeaderRepeat, matchHeader, normalizeHeader } from "../read/header.ts";
import { DEFAULT_LIMITS } from "../read/reader.ts";
import { openChunkAppender } from "../warehouse/chunk-appender.ts";
import type { DuckDBConnection } from "../warehouse/duckdb.ts";
import type { InputFile } from "./dataset.ts";
import {
  acceptHeader,
  fileEntry,
  type IngestOptions,
  type Ledger,
  missingColumns,
  TOTALS_WORDS,
} from "./ingest.ts";
import type { RowRules } from "./row-rules.ts";

/** The characters JavaScript's `\s` matches (`cellText` trims them, `normalizeHeader` removes them), and as an RE2 class. */
const WS_CHARS =
  "\t\n\v\f\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff";
const WS =
  "[\\t\\n\\x0B\\f\\r \\x{A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}\\x{FEFF}]";
/** Text outside ASCII and CJK ideographs and punctuation, whose case folding JavaScript and DuckDB might not share. */
const UNSURE = "[^\\x00-\\x7F\\x{3000}-\\x{303F}\\x{4E00}-\\x{9FFF}]";

/** A CSV file read by DuckDB into `csv_in` (`c0`…, one row per non-empty record), ready to stage. */
export interface CsvPlan {
  readonly file: InputFile;
  /** The header row as the JavaScript reader gives it, and its map. */
  readonly headerRow: RawRow;
  readonly header: HeaderMap;
  readonly shape: CsvShape;
  /** Drop `csv_in` and remove a transcoded copy. */
  close(): Promise<void>;
}

/**
 * Read `file` into `csv_in` with DuckDB when it is a CSV/TXT file that DuckDB reads exactly as the
 * JavaScript reader does; else (or on any trouble, which the JavaScript reader then reports) null.
 */
export async function planCsv(
  conn: DuckDBConnection,
  file: InputFile,
  rules: Pick<RowRules<unknown>, "fields" | "required">,
  ingest: IngestOptions,
): Promise<CsvPlan | null> {
  const ext = extname(file.absPath).toLowerCase();
  if ((ext !== ".csv" && ext !== ".txt") || (file.sheet !== null && file.sheet !== undefined)) return null;
  const limits = { ...DEFAULT_LIMITS, ...ingest.limits };
  const info = await stat(file.absPath).catch(() => null);
  if (info === null || !info.isFile() || info.size === 0 || info.size > limits.maxFileBytes) return null;

  const first = await firstPiece(file, limits.maxRows, rules);
  if (first === null) return null;
  let folder: string | null = null;
  const close = async () => {
    await conn.run("DROP TABLE IF EXISTS csv_in");
    if (folder !== null) await rm(folder, { recursive: true, force: true });
  };
  try {
    let path = file.absPath;
    let skip = first.bomLength;
    if (first.encoding === "gb18030") {
      folder = await mkdtemp(join(await privateDir(conn), "huanjie-csv-"));
      path = join(folder, "utf8.csv");
      if (!(await transcodeToUtf8(file.absPath, path))) return await closed(close);
      skip = 0;
    }
    const shape = await scanCsvBytes(path, first.delimiter, skip, first.encoding === "utf-8");
    if (!shape.plain || shape.records > limits.maxRows || shape.maxFields === 0) return await closed(close);
    const columns = Array.from({ length: shape.maxFields }, (_, i) => `'c${i}': 'VARCHAR'`).join(", ");
    try {
      await conn.run(
        `CREATE OR REPLACE TABLE csv_in AS SELECT * FROM read_csv($path, header = false, all_varchar = true,
          auto_detect = false, columns = {${columns}}, delim = $delim, quote = '"', escape = '"',
          null_padding = true, nullstr = E'\\n', allow_quoted_nulls = false, strict_mode = false,
          parallel = false, encoding = 'utf-8')`,
        { path, delim: first.delimiter },
      );
    } catch {
      return await closed(close);
    }
    const n = await conn.runAndReadAll("SELECT count(*)::BIGINT FROM csv_in");
    if (Number(n.getRowsJS()[0]?.[0]) !== shape.records - shape.blanks.length) return await closed(close);
    return { file, headerRow: first.headerRow, header: first.header, shape, close };
  } catch (error) {
    await close();
    throw error;
  }
}

async function closed(close: () => Promise<void>): Promise<null> {
  await close();
  return null;
}

/** Where a transcoded copy goes: DuckDB's temp folder (beside OUT_DIR, mode 700) when there is one. */
async function privateDir(conn: DuckDBConnection): Promise<string> {
  const r = await conn.runAndReadAll("SELECT current_setting('temp_directory')");
  const dir = String(r.getRowsJS()[0]?.[0] ?? "");
  return dir !== "" && existsSync(dir) && statSync(dir).isDirectory() ? dir : tmpdir();
}

/**
 * The first piece of the file as the JavaScript reader decodes it: its encoding, delimiter and
 * header row. Null when that piece cannot be decoded or parsed, holds no header row, or the header
 * lacks a required column (the JavaScript reader then says so).
 */
async function firstPiece(
  file: InputFile,
  maxRows: number,
  rules: Pick<RowRules<unknown>, "fields" | "required">,
): Promise<{
  encoding: TextEncodingName;
  bomLength: number;
  delimiter: Delimiter;
  headerRow: RawRow;
  header: HeaderMap;
} | null> {
  const stream = createReadStream(file.absPath, { highWaterMark: 256 << 10 });
  let detected: { encoding: TextEncodingName; bomLength: number } | null = null;
  const pieces = decodeText(
    stream,
    file.path,
    () => 0,
    (encoding, bomLength) => {
      detected = { encoding, bomLength };
    },
  );
  try {
    const piece = await pieces.next();
    if (piece.done || detected === null) return null;
    const delimiter = detectDelimiter(piece.value);
    const rows = new CsvParser(delimiter, file.path, maxRows).push(piece.value, false);
    for (const row of rows) {
      const header = matchHeader(row, rules.fields);
      if (header === null) continue;
      if (missingColumns(header, rules) !== null) return null;
      const { encoding, bomLength } = detected as { encoding: TextEncodingName; bomLength: number };
      return { encoding, bomLength, delimiter, headerRow: row, header };
    }
    return null;
  } catch {
    return null;
  } finally {
    await pieces.return(undefined);
    stream.destroy();
  }
}

/** Where the rows of a planned file go in the staging table. */
export interface CsvTarget {
  /** The table (columns as `<prefix>_raw`). */
  readonly table: string;
  readonly fields: readonly string[];
  readonly rules: Pick<RowRules<unknown>, "fields" | "required" | "totalsFields">;
  readonly ledger: Ledger;
  readonly fi: number;
  /** The `seq` of the file's first data row. */
  readonly seq: number;
  readonly hdr: number;
  readonly fbody: string;
  readonly absent: string;
}

/**
 * Stage the data rows of a planned file into `target.table` as the JavaScript path would: its
 * ledger line (rows read, the title, header, blank, repeated-header and totals rows skipped), the
 * header's warnings, one row per data row with its file row number and cells as codes. Returns the
 * `seq` for the next file (a row's `seq` is the file's first plus its place among the rows DuckDB read).
 */
export async function stageCsv(conn: DuckDBConnection, plan: CsvPlan, target: CsvTarget): Promise<number> {
  const { header, shape } = plan;
  const entry = await fileEntry(plan.file, target.ledger);
  entry.read = shape.records;
  acceptHeader(plan.file, plan.headerRow, header, target.rules, target.ledger, entry);

  // Record numbers: the m-th row DuckDB read follows m − 1 non-empty records and the empty ones before it.
  const gaps = await openChunkAppender(conn, "csv_gaps", [
    ["after", "BIGINT"],
    ["cum", "BIGINT"],
  ]);
  shape.blanks.forEach((b, j) => {
    if (shape.blanks[j + 1] === undefined || (shape.blanks[j + 1] as number) - (j + 2) !== b - (j + 1))
      gaps.append([b - (j + 1), j + 1]);
  });
  gaps.close();
  const c = (i: number) => `c${i}`;
  const all = Array.from({ length: shape.maxFields }, (_, i) => c(i));
  const rows =
    shape.blanks.length === 0
      ? "(SELECT rowid + 1 AS m, *, (rowid + 1)::INTEGER AS src FROM csv_in)"
      : `(SELECT i.*, (i.m + coalesce(g.cum, 0))::INTEGER AS src
      FROM (SELECT rowid + 1 AS m, * FROM csv_in) i ASOF LEFT JOIN csv_gaps g ON i.m > g.after)`;
  // A row with some cell that is not all whitespace (in a filter DuckDB stops at the first such cell).
  const filled = `(${all.map((x) => `coalesce(trim(${x}, $ws) <> '', false)`).join(" OR ")})`;
  const mapped = [...header.columns.values()];
  const h = plan.headerRow.rowNumber;
  const params: Record<string, string | number> = { h, ws: WS_CHARS };
  // A cell that might repeat its header holds every ideograph of it (`holds`: the test and how many
  // ideographs, null without ideographs).
  const holds: ({ test: string; count: number } | null)[] = [];
  const maybe = mapped.map(({ index, header: text }, k) => {
    const normalized = normalizeHeader(text);
    params[`n${k}`] = normalized;
    const cell = c(index);
    const norm = `lower(replace(replace(regexp_replace(${cell}, '${WS}+', '', 'g'), '（', '('), '）', ')'))`;
    const test = `coalesce(${norm} = $n${k} OR regexp_matches(${cell}, '${UNSURE}'), false)`;
    // As repeatPossible in ingest.ts: normalising neither makes nor removes an ideograph, so only
    // a cell holding every ideograph of the header can match it.
    const ideographs = [...new Set(normalized.match(/[\u4e00-\u9fff]/g) ?? [])];
    if (ideographs.length === 0) {
      holds.push(null);
      return `${test}::INTEGER`;
    }
    const contained = `coalesce(${ideographs
      .map((ch, j) => {
        params[`f${k}_${j}`] = ch;
        return `contains(${cell}, $f${k}_${j})`;
      })
      .join(" AND ")}, false)`;
    holds.push({ test: contained, count: ideographs.length });
    return `(CASE WHEN ${contained} THEN ${test} ELSE false END)::INTEGER`;
  });
  const size = mapped.length;
  // A candidate has at least `need` cells that might repeat their header, so some cell of any
  // size − need + 1 columns does: with fewer columns without ideographs than `need`, one of the
  // columns with ideographs holds all of its header's, a test DuckDB can make before the sum
  // (the columns whose headers have the most ideographs, which data cells hold least often).
  const need = Math.max(Math.min(3, size), Math.ceil(size / 2));
  const withIdeographs = holds
    .filter((x): x is { test: string; count: number } => x !== null)
    .sort((a, b) => b.count - a.count);
  const prefilter =
    size - withIdeographs.length < need
      ? `(${withIdeographs
          .slice(0, size - need + 1)
          .map((x) => x.test)
          .join(" OR ")})`
      : "true";
  const totals = target.rules.totalsFields
    .map((f) => header.columns.get(f)?.index)
    .filter((i): i is number => i !== undefined)
    .map((i) => `coalesce(${TOTALS_WORDS.map((w) => `contains(${c(i)}, '${w}')`).join(" OR ")}, false)`);

  // A row that might repeat the header is confirmed as the JavaScript reader does it.
  const repeats = await openChunkAppender(conn, "csv_repeats", [["m", "BIGINT"]]);
  if (size > 0) {
    const cand = await conn.runAndReadAll(
      `SELECT m, src, ${mapped.map((x) => c(x.index)).join(", ")}
       FROM (SELECT *, ${maybe.join(" + ")} AS maybe FROM ${rows} WHERE src > $h AND ${prefilter} AND ${filled})
       WHERE maybe >= ${Math.min(3, size)} AND maybe * 2 >= ${size}`,
      params,
    );
    for (const [m, src, ...cells] of cand.getRowsJS() as [bigint, number, ...(string | null)[]][]) {
      const sparse: (string | null)[] = [];
      mapped.forEach((x, k) => {
        sparse[x.index] = cells[k] ?? null;
      });
      if (isHeaderRepeat({ sheet: null, rowNumber: src, cells: sparse }, header)) repeats.append([Number(m)]);
    }
  }
  repeats.close();

  const codes = target.fields.map((f) => {
    const index = header.columns.get(f)?.index;
    const name = `"${f}"`;
    return index === undefined
      ? `$absent AS ${name}`
      : `CASE WHEN ${c(index)} IS NULL THEN '' ELSE 's' || ${c(index)} END AS ${name}`;
  });
  const skip = [...totals, "m IN (SELECT m FROM csv_repeats)"].join(" OR ");
  const inserted = await conn.runAndReadAll(
    `INSERT INTO ${target.table}
     SELECT $seq + m - 1, $fi, NULL, src, $hdr, $fbody, ${codes.join(", ")}
     FROM ${rows} WHERE src > $h AND ${filled} AND NOT (${skip})`,
    {
      h,
      ws: WS_CHARS,
      seq: target.seq,
      fi: target.fi,
      hdr: target.hdr,
      fbody: target.fbody,
      ...(codes.some((x) => x.startsWith("$absent")) ? { absent: target.absent } : {}),
    },
  );
  const n = Number(inserted.getRowsJS()[0]?.[0] ?? 0);
  entry.skipped = shape.records - n;
  await conn.run("DROP TABLE csv_gaps");
  await conn.run("DROP TABLE csv_repeats");
  // seq orders the rows (it need not be dense): the next file's start after every row DuckDB read.
  return target.seq + shape.records - shape.blanks.length;
}
