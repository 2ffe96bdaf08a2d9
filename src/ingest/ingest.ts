/**
 * The ingest driver: reads one input file with the readers, finds its header
 * row, skips blank, repeated-header and totals rows, hands every other row to
 * the file's row rules, and keeps the ledger: for every file, rows read =
 * accepted + rejected + skipped.
 */
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { InputError } from "../error.ts";
import { maskIdsInText } from "../parse/id-number.ts";
import { type Cell, cellText, type RawRow } from "../read/cell.ts";
import { type HeaderMap, isBlank, isHeaderRepeat, matchHeader, normalizeHeader } from "../read/header.ts";
import { type ReadLimits, readRows } from "../read/reader.ts";
import type { InputFile } from "./dataset.ts";
import { type Finding, finding, type Location } from "./finding.ts";
import type { FileContext, RowInput, RowRules } from "./row-rules.ts";

/** The reconciliation line of one input file (manifest.json `files[]`). */
export interface FileLedger {
  path: string;
  kind: string;
  term: number | null;
  sha256: string;
  sheets: string[];
  read: number;
  accepted: number;
  rejected: number;
  skipped: number;
}

/** Findings and per-file counts of a whole build. */
export class Ledger {
  readonly files: FileLedger[] = [];
  readonly rejects: Finding[] = [];
  readonly warnings: Finding[] = [];

  file(path: string): FileLedger {
    const f = this.files.find((x) => x.path === path);
    if (!f) throw new Error(`no ledger for ${path}`);
    return f;
  }

  /** Move an accepted row to rejected after cross-row checks (duplicates, disagreeing elections). */
  rejectAccepted(reject: Finding): void {
    const f = this.file(reject.source_file);
    f.accepted -= 1;
    f.rejected += 1;
    this.rejects.push(reject);
  }

  /** True when the counts of every file add up. */
  balanced(): boolean {
    return this.files.every((f) => f.read === f.accepted + f.rejected + f.skipped);
  }
}

/** A totals row has one of these words in a totals field. */
export const TOTALS_WORDS = ["合计", "总计", "小计"] as const;
const TOTALS = new RegExp(TOTALS_WORDS.join("|"));

/** sha256 of a file, streamed. */
export async function sha256File(path: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

/** One data row for the row rules: cells by field; each field's text computed once. */
class RowView implements RowInput {
  private texts: Map<string, string> | null = null;

  constructor(
    readonly raw: RawRow,
    private readonly map: HeaderMap,
    readonly at: Location,
  ) {}

  cell(field: string): Cell {
    const col = this.map.columns.get(field);
    return col === undefined ? null : (this.raw.cells[col.index] ?? null);
  }

  text(field: string): string {
    this.texts ??= new Map();
    let t = this.texts.get(field);
    if (t === undefined) {
      t = cellText(this.cell(field));
      this.texts.set(field, t);
    }
    return t;
  }

  header(field: string): string | null {
    return this.map.columns.get(field)?.header ?? null;
  }

  has(field: string): boolean {
    return this.map.columns.has(field);
  }
}

/**
 * A cheap test that a row cannot repeat the header, so that {@link isHeaderRepeat}
 * (which normalises every mapped cell) runs only on rows that might. A header
 * whose normalised text starts with a CJK ideograph can only be matched by a text
 * cell containing that ideograph (normalising removes spaces, folds brackets and
 * Latin case, and never makes an ideograph); any other header counts as possibly matched.
 */
function repeatPossible(raw: RawRow, firsts: readonly (readonly [number, string | null])[], size: number) {
  let maybe = 0;
  for (const [index, first] of firsts) {
    if (first === null) maybe++;
    else {
      const cell = raw.cells[index];
      if (typeof cell === "string" && cell.includes(first)) maybe++;
    }
  }
  return size > 0 && maybe >= Math.min(3, size) && maybe * 2 >= size;
}

/** For each mapped column: its index and the first character of its normalised header when an ideograph. */
function headerFirsts(header: HeaderMap): [number, string | null][] {
  return [...header.columns.values()].map(({ index, header: text }) => {
    const first = normalizeHeader(text).charAt(0);
    return [index, /^[\u4e00-\u9fff]$/.test(first) ? first : null];
  });
}

export interface IngestOptions {
  readonly limits?: Partial<ReadLimits>;
  /** Called every few thousand rows with the running count of rows read in this file. */
  readonly onProgress?: (file: string, rowsRead: number) => void;
}

/**
 * Read one file through its row `rules`. Returns the records of accepted rows, in
 * file order; findings go to `ledger`. Throws {@link InputError} when the file
 * cannot be read, has no recognisable header, or lacks a required column.
 * Holds the whole file's records: for large files use {@link ingestRecords}.
 */
export async function ingestFile<R>(
  file: InputFile,
  rules: RowRules<R>,
  ctx: FileContext,
  ledger: Ledger,
  options: IngestOptions = {},
): Promise<R[]> {
  const records: R[] = [];
  await ingestRecords(file, rules, ctx, ledger, (r) => records.push(r), options);
  return records;
}

/**
 * {@link ingestFile}, streamed: each record of an accepted row goes to `sink`
 * as soon as its row is read, in file order, so memory does not grow with the file.
 */
export async function ingestRecords<R>(
  file: InputFile,
  rules: RowRules<R>,
  ctx: FileContext,
  ledger: Ledger,
  sink: (record: R) => void,
  options: IngestOptions = {},
): Promise<void> {
  await scanFile(file, rules, ledger, options, (input, entry) => {
    const out = rules.row(input, ctx);
    if (out.status === "accepted") {
      entry.accepted += 1;
      for (const r of out.records) sink(r);
    } else if (out.status === "rejected") {
      entry.rejected += 1;
      ledger.rejects.push(...out.rejects);
    } else entry.skipped += 1;
    ledger.warnings.push(...out.warnings);
  });
}

/** The ledger line of `file` (its sha256; no rows counted yet), added to `ledger`. */
export async function fileEntry(file: InputFile, ledger: Ledger): Promise<FileLedger> {
  const entry: FileLedger = {
    path: file.path,
    kind: file.kind,
    term: file.term,
    sha256: await sha256File(file.absPath),
    sheets: [],
    read: 0,
    accepted: 0,
    rejected: 0,
    skipped: 0,
  };
  ledger.files.push(entry);
  return entry;
}

/**
 * The header row `raw` of a file or sheet was found: fail when it lacks a required column,
 * note its sheet, and warn about each header column repeating an earlier one.
 */
export function acceptHeader(
  file: InputFile,
  raw: RawRow,
  header: HeaderMap,
  rules: Pick<RowRules<unknown>, "fields" | "required">,
  ledger: Ledger,
  entry: FileLedger,
): void {
  const missing = missingColumns(header, rules);
  if (missing !== null)
    throw new InputError(
      file.path,
      `${raw.sheet ? `工作表"${raw.sheet}"` : ""}第${raw.rowNumber}行的表头缺少必需的列 ${missing}`,
    );
  if (raw.sheet !== null) entry.sheets.push(raw.sheet);
  for (const d of header.duplicates) {
    ledger.warnings.push(
      finding(
        { source_file: file.path, sheet: raw.sheet, source_row: raw.rowNumber },
        d.header,
        null,
        "unknown_value",
        `表头"${d.header}"与前面的列重复,只使用第一列`,
      ),
    );
  }
}

/** The required columns a header lacks, as the message names them, or null. */
export function missingColumns(
  header: HeaderMap,
  rules: Pick<RowRules<unknown>, "fields" | "required">,
): string | null {
  const missing = rules.required.filter((f) => !header.columns.has(f));
  if (missing.length === 0) return null;
  return missing
    .map((f) => `"${rules.fields.find((x) => x.field === f)?.aliases.join("/") ?? f}"`)
    .join("、");
}

/**
 * Read one file for the row rules `rules` (their fields, required fields and
 * totals fields; not their `row`): find the header row of each sheet, skip and
 * count title, blank, repeated-header and totals rows, warn about duplicated
 * header columns and formula cells, and hand every other row to `onRow` with
 * the file's ledger line, which then must count the row as accepted, rejected
 * or skipped. Throws {@link InputError} when the file cannot be read, has no
 * recognisable header, or lacks a required column.
 */
export async function scanFile(
  file: InputFile,
  rules: Pick<RowRules<unknown>, "fields" | "required" | "totalsFields">,
  ledger: Ledger,
  options: IngestOptions,
  onRow: (input: RowInput, entry: FileLedger, header: HeaderMap) => void,
): Promise<void> {
  const entry = await fileEntry(file, ledger);
  let header: HeaderMap | null = null;
  let firsts: [number, string | null][] = [];
  let sheet: string | null | undefined;
  const sheetsWithoutHeader: string[] = [];
  const formulaWarned = new Set<string>();

  const closeSheet = () => {
    if (sheet !== undefined && header === null) sheetsWithoutHeader.push(sheet ?? "");
  };

  for await (const raw of readRows(file.absPath, {
    displayName: file.path,
    sheet: file.sheet,
    limits: options.limits,
  })) {
    if (raw.sheet !== sheet) {
      closeSheet();
      sheet = raw.sheet;
      header = null;
    }
    entry.read += 1;
    if (options.onProgress && entry.read % 5000 === 0) options.onProgress(file.path, entry.read);
    if (header === null) {
      header = matchHeader(raw, rules.fields);
      if (header !== null) {
        firsts = headerFirsts(header);
        acceptHeader(file, raw, header, rules, ledger, entry);
      }
      entry.skipped += 1; // title, blank or header row
      continue;
    }
    const at: Location = { source_file: file.path, sheet: raw.sheet, source_row: raw.rowNumber };
    if (isBlank(raw) || (repeatPossible(raw, firsts, header.columns.size) && isHeaderRepeat(raw, header))) {
      entry.skipped += 1;
      continue;
    }
    const input = new RowView(raw, header, at);
    if (rules.totalsFields.some((f) => TOTALS.test(input.text(f)))) {
      entry.skipped += 1;
      continue;
    }
    if (raw.formulaColumns?.length) {
      for (const col of raw.formulaColumns) {
        const key = `${raw.sheet}\u0000${col}`;
        if (formulaWarned.has(key)) continue;
        formulaWarned.add(key);
        const h = [...header.columns.values()].find((c) => c.index === col)?.header ?? null;
        ledger.warnings.push(
          finding(
            at,
            h,
            maskIdsInText(cellText(raw.cells[col] ?? null)),
            "formula_cell",
            "单元格含公式,使用其计算结果(同列其余公式不再提示)",
          ),
        );
      }
    }
    onRow(input, entry, header);
  }
  closeSheet();
  if (entry.read === 0) throw new InputError(file.path, "文件没有任何数据行");
  if (entry.sheets.length === 0 && header === null) {
    const known = rules.fields.flatMap((f) => f.aliases.slice(0, 1)).join("、");
    throw new InputError(
      file.path,
      file.sheet
        ? `工作表"${file.sheet}"中未找到表头(至少需要3个可识别的列名,如 ${known})`
        : `未找到表头(至少需要3个可识别的列名,如 ${known})`,
    );
  }
}
