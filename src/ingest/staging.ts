/**
 * Rows of a kind of input as set operations in the build's DuckDB, the pieces
 * shared by the rosters (`roster-term.ts`) and the vote tallies and vetting
 * (`voting-term.ts`). Every data row's cells wait in a staging table
 * (`<prefix>_raw`: `seq`, `fi`, `sheet`, `source_row`, `hdr`, `fbody` and one
 * VARCHAR column per field, cells as codes) as they are read; a field's row
 * rule then runs once per DISTINCT cell value into a lookup table (`lk_<name>`)
 * that SQL joins back to the rows. Findings made from distinct values name
 * their column by a mark that {@link placed} turns into each row's header.
 *
 * Staging tables hold ID numbers and full birth dates: they live only in the
 * build's database (its temp folder beside OUT_DIR is mode 700) and are dropped
 * when the term is done.
 */
import { createHash } from "node:crypto";
import { DuckDBListValue, type DuckDBValue } from "@duckdb/node-api";
import { ShortReadError } from "../error.ts";
import { type Cell, cellText, type RawRow } from "../read/cell.ts";
import { decodeCell, encodeCell } from "../read/cell-code.ts";
import type { HeaderMap } from "../read/header.ts";
import { type ChunkAppender, type ChunkColumnType, openChunkAppender } from "../warehouse/chunk-appender.ts";
import { ident } from "../warehouse/column.ts";
import { type DuckDBConnection, siblingConnection } from "../warehouse/duckdb.ts";
import type { UnitRow } from "../warehouse/tables.ts";
import type { InputFile, TermSpec } from "./dataset.ts";
import type { Finding, Location } from "./finding.ts";
import { type FileLedger, type IngestOptions, type Ledger, scanFile } from "./ingest.ts";
import { PERSON_KEY_LENGTH } from "./person-key.ts";
import type { FileContext, RowInput, RowRules } from "./row-rules.ts";
import { PLACE_FIELDS } from "./rows/fields.ts";
import { resolveUnit, termMismatch } from "./rows/roster.ts";
import { planCsv, stageCsv } from "./stage-csv.ts";

/** A cell code for a column the file does not have (cell codes never start with `-`). */
export const ABSENT = "-";

/** The two pads of HMAC-SHA-256 with `secret`, as hex (RFC 2104: a key over 64 bytes is hashed first). */
export function hmacPads(secret: string): { inner: string; outer: string } {
  let key = Buffer.from(secret, "utf8");
  if (key.length > 64) key = createHash("sha256").update(key).digest();
  const block = Buffer.alloc(64);
  key.copy(block);
  return {
    inner: Buffer.from(block.map((b) => b ^ 0x36)).toString("hex"),
    outer: Buffer.from(block.map((b) => b ^ 0x5c)).toString("hex"),
  };
}

/** SQL of the person_key of material `expr`: the first hex digits of HMAC-SHA-256 (see `personKey`). */
export function personKeySql(expr: string, secret: string): string {
  const { inner, outer } = hmacPads(secret);
  return `left(sha256(unhex('${outer}') || unhex(sha256(unhex('${inner}') || encode(${expr})))), ${PERSON_KEY_LENGTH})`;
}

const NO_AT: Location = { source_file: "", sheet: null, source_row: null };
const NO_RAW: RawRow = { sheet: null, rowNumber: 0, cells: [] };
/** Findings made from distinct values name their column as this mark and the field; see {@link placed}. */
const MARK = "\u0001";

/**
 * One distinct combination of cell codes as the row rules' input: its header
 * is a mark naming the field (the real header depends on the file), its
 * location empty; {@link placed} fills both in for each row.
 */
export class CodedInput implements RowInput {
  readonly at: Location;
  readonly raw = NO_RAW;
  constructor(
    private readonly codes: Readonly<Record<string, string>>,
    at: Location = NO_AT,
  ) {
    this.at = at;
  }
  cell(field: string): Cell {
    const code = this.codes[field];
    return code === undefined || code === ABSENT ? null : decodeCell(code);
  }
  text(field: string): string {
    return cellText(this.cell(field));
  }
  header(field: string): string | null {
    return this.has(field) ? MARK + field : null;
  }
  has(field: string): boolean {
    return this.code(field) !== ABSENT;
  }
  /** The code of a field as staged (ABSENT when the file has no such column). */
  code(field: string): string {
    return this.codes[field] ?? ABSENT;
  }
}

/** Findings as stored in a lookup table: JSON of [column, value, rule, message]. */
export function packFindings(findings: readonly Finding[]): string | null {
  return findings.length ? JSON.stringify(findings.map((f) => [f.column, f.value, f.rule, f.message])) : null;
}

/** A finding of a distinct value placed at a row: its location, and the header its file gives the field. */
export function placed(
  at: Location,
  header: HeaderMap | undefined,
  packed: [string | null, string | null, string, string],
) {
  const [column, value, rule, message] = packed;
  const col = column?.startsWith(MARK)
    ? (header?.columns.get(column.slice(MARK.length))?.header ?? null)
    : column;
  return { ...at, column: col, value, rule, message } as Finding;
}

/**
 * Read every row of a query (of `table`, the rows where `where` holds when given) through a
 * connection of its own; a stream that ends early fails the build.
 */
export async function readAll(
  conn: DuckDBConnection,
  table: string,
  columns: string,
  onRows: (rows: unknown[][]) => void,
  where?: string,
): Promise<void> {
  const filter = where === undefined ? "" : ` WHERE ${where}`;
  const [{ n }] = (await (
    await conn.runAndReadAll(`SELECT count(*)::BIGINT AS n FROM ${table}${filter}`)
  ).getRowObjectsJS()) as [{ n: bigint }];
  const reader = await siblingConnection(conn);
  let read = 0;
  try {
    const result = await reader.stream(`SELECT ${columns} FROM ${table}${filter}`);
    for (;;) {
      const chunk = await result.fetchChunk();
      if (chunk === null || chunk.rowCount === 0) break;
      const rows = chunk.getRows().map((r) => r.map(plain));
      read += rows.length;
      onRows(rows);
    }
  } finally {
    reader.closeSync();
  }
  // A streamed query that fails part way (out of memory) ends like one that is done: count.
  if (read !== Number(n)) {
    throw new ShortReadError(
      `DuckDB 未能读回全部 ${Number(n).toLocaleString("zh-CN")} 行(只读回 ${read.toLocaleString("zh-CN")} 行),多半是内存上限过低:请用 --memory-limit 或 HUANJIE_MEMORY_LIMIT 调高后重试`,
    );
  }
}

export type Out = string | number | null;

/** A DuckDB value as plain JavaScript: BIGINT as a number, a list as an array. */
function plain(v: DuckDBValue): unknown {
  if (typeof v === "bigint") return Number(v);
  if (v instanceof DuckDBListValue) return v.items.map(plain);
  return v;
}

/**
 * The common case of a row rule in SQL, for values whose keys are nearly all distinct (ID numbers,
 * names): where `when` (SQL over the key columns) holds, the rule's `outputs` are these SQL
 * expressions (in the order of the lookup's outputs) and there is no finding. `when` must hold only
 * where `compute` would give exactly these outputs and no finding; every other value still goes
 * through `compute`.
 */
export interface SqlRule {
  /**
   * Columns computed once per distinct value for `when` and `outputs`: select lists, each over the
   * keys and the columns of the lists before it.
   */
  readonly derive?: readonly string[];
  readonly when: string;
  readonly outputs: readonly string[];
  /** Values bound to `$name` placeholders of `when` and `outputs`. */
  readonly params?: Record<string, number | string>;
}

/** The values of `params` that `sql` names (DuckDB refuses values for placeholders a statement lacks). */
function boundIn(sql: string, params: SqlRule["params"]): SqlRule["params"] {
  if (params === undefined) return undefined;
  const used = Object.entries(params).filter(([name]) => new RegExp(`\\$${name}\\b`).test(sql));
  return used.length ? Object.fromEntries(used) : undefined;
}

/**
 * A lookup table `lk_<name>`: for each distinct combination of the columns
 * `keys` of the staging table `source`, `compute` over a {@link CodedInput}
 * gives the `outputs` and the findings (column `f`); values the {@link SqlRule}
 * `sql` covers are computed in SQL instead.
 */
export async function lookup(
  conn: DuckDBConnection,
  source: string,
  name: string,
  keys: readonly string[],
  outputs: readonly (readonly [string, ChunkColumnType])[],
  compute: (input: CodedInput) => { out: readonly Out[]; findings?: readonly Finding[] },
  sql?: SqlRule,
): Promise<void> {
  const distinct = `lk_${name}_keys`;
  const cols = keys.map(ident).join(", ");
  const distinctSql =
    sql === undefined
      ? `CREATE OR REPLACE TABLE ${distinct} AS SELECT DISTINCT ${cols} FROM ${source}`
      : `CREATE OR REPLACE TABLE ${distinct} AS
         SELECT *, coalesce(${sql.when}, false) AS in_sql
         FROM ${(sql.derive ?? []).reduce((from, list) => `(SELECT *, ${list} FROM ${from})`, `(SELECT DISTINCT ${cols} FROM ${source})`)}`;
  await conn.run(distinctSql, boundIn(distinctSql, sql?.params));
  const table = `lk_${name}`;
  const out = await openChunkAppender(conn, table, [
    ...keys.map((k) => [k, "VARCHAR"] as const),
    ...outputs,
    ["f", "VARCHAR"],
  ]);
  await readAll(
    conn,
    distinct,
    cols,
    (rows) => {
      for (const row of rows) {
        const codes: Record<string, string> = {};
        keys.forEach((k, i) => {
          codes[k] = row[i] as string;
        });
        const r = compute(new CodedInput(codes));
        out.append([...(row as string[]), ...r.out, packFindings(r.findings ?? [])]);
      }
    },
    sql === undefined ? undefined : "NOT in_sql",
  );
  out.close();
  if (sql !== undefined) {
    const cast = outputs.map(([, type], i) => `CAST(${sql.outputs[i]} AS ${type})`);
    const insert = `INSERT INTO ${table} SELECT ${[cols, ...cast, "NULL"].join(", ")} FROM ${distinct} WHERE in_sql`;
    await conn.run(insert, boundIn(insert, sql.params));
  }
  await conn.run(`DROP TABLE ${distinct}`);
}

/** The JavaScript whitespace (`\s`) as the inside of an RE2 character class. */
export const RE2_SPACE =
  "\\t\\n\\x0B\\f\\r \\x{A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}\\x{FEFF}";

/**
 * The name rule in SQL for a name cell `column` (see `personName`): a text cell with no whitespace
 * and no digit (half or full width) is the name as written (nothing to collapse, trim or mask).
 */
export function nameSql(column: string): SqlRule {
  const col = ident(column);
  return {
    when: `regexp_full_match(${col}, 's[^${RE2_SPACE}0-9\\x{FF10}-\\x{FF19}]+')`,
    outputs: [`substr(${col}, 2)`],
  };
}

/** Days in month `m` of year `y` (SQL integer expressions), as `daysInMonth`. */
const daysInMonthSql = (y: string, m: string) =>
  `CASE WHEN ${m} = 2 THEN CASE WHEN (${y} % 4 = 0 AND ${y} % 100 <> 0) OR ${y} % 400 = 0 THEN 29 ELSE 28 END
    WHEN ${m} IN (4, 6, 9, 11) THEN 30 ELSE 31 END`;

/**
 * The birth cell rule in SQL (see `readBirthCell`) for a text cell `yyyymmdd` (no leading zero) or
 * `yyyy-mm-dd`: a date that exists, neither after `reference` (`YYYY-MM-DD`) nor more than 100
 * years before it, is the birth as written (year, month, day). Any other cell (other forms,
 * numbers, dates, spaces, anything that warns) goes through JavaScript.
 */
export function birthSql(reference: { year: number; month: number; day: number }): SqlRule {
  const col = ident("birth");
  const digits = `CASE WHEN regexp_full_match(${col}, 's[1-9][0-9]{7}') THEN substr(${col}, 2)
    WHEN regexp_full_match(${col}, 's[1-9][0-9]{3}-[0-9]{2}-[0-9]{2}') THEN replace(substr(${col}, 2), '-', '') END AS t`;
  const parts = `try_cast(substr(t, 1, 4) AS INTEGER) AS b_y, try_cast(substr(t, 5, 2) AS INTEGER) AS b_m,
    try_cast(substr(t, 7, 2) AS INTEGER) AS b_d`;
  const ymd = (r: { year: number; month: number; day: number }) => r.year * 10000 + r.month * 100 + r.day;
  return {
    derive: [digits, parts],
    when: `t IS NOT NULL AND b_m BETWEEN 1 AND 12 AND b_d >= 1 AND b_d <= ${daysInMonthSql("b_y", "b_m")}
      AND b_y * 10000 + b_m * 100 + b_d BETWEEN $earliest AND $latest`,
    outputs: ["b_y", "b_m", "b_d"],
    params: { latest: ymd(reference), earliest: ymd({ ...reference, year: reference.year - 100 }) },
  };
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

/**
 * The ID number rule in SQL for the cell codes of column `id_number` (see `parseIdNumber`): a text
 * cell of exactly 17 digits and a check character (`0`–`9` or `X`) that is right, whose birth date
 * exists and is from 1800 on, is valid as written (its normalized form); `outputs` picks from its
 * material (`idMaterial`), birth year, month, day and gender. Any other cell (spaces, full width,
 * a lower-case `x`, 15 digits, numbers, anything invalid) goes through JavaScript, which words the
 * findings.
 */
export function idSql(outputs: readonly ("material" | "year" | "month" | "day" | "gender")[]): SqlRule {
  const col = ident("id_number");
  // The digits d0…d16 of the text after the code's `s`, once per value (any character gives a number).
  const derive = [ID_WEIGHTS.map((_, i) => `ascii(substr(${col}, ${i + 2}, 1)) - 48 AS d${i}`).join(", ")];
  const sum = ID_WEIGHTS.map((w, i) => `d${i} * ${w}`).join(" + ");
  const year = "(d6 * 1000 + d7 * 100 + d8 * 10 + d9)";
  const month = "(d10 * 10 + d11)";
  const day = "(d12 * 10 + d13)";
  const when = `regexp_full_match(${col}, 's[0-9]{17}[0-9X]')
    AND substr('10X98765432', (${sum}) % 11 + 1, 1) = substr(${col}, 19, 1)
    AND ${year} >= 1800 AND ${month} BETWEEN 1 AND 12 AND ${day} >= 1 AND ${day} <= ${daysInMonthSql(year, month)}`;
  const exprs = {
    material: `'id|' || substr(${col}, 2)`,
    year,
    month,
    day,
    gender: "CASE WHEN d16 % 2 = 1 THEN 'M' ELSE 'F' END",
  };
  return { derive, when, outputs: outputs.map((o) => exprs[o]) };
}

/** The fields placing a row in a unit (township, unit, the level columns), resolved together; join `lk_<name>` on them. */
export const PLACE = PLACE_FIELDS.map((f) => f.field);

/**
 * The rules every staged row kind applies first, in this order: its name (`n`), its place (`p`) and its
 * term (`t`), the lookups `lk_<prefix>name|place|term` joined on the row's cells. `joins` joins them,
 * `rejected` says one of them rejected the row, and `findings` is the CASE branches giving that reject as
 * the row's only finding.
 */
export function firstRules(prefix: string, nameColumn: string) {
  return {
    joins: `JOIN lk_${prefix}name n USING (${nameColumn})
    JOIN lk_${prefix}place p USING (${PLACE.join(", ")})
    JOIN lk_${prefix}term t USING (term)`,
    rejected: "(n.f IS NOT NULL OR p.f IS NOT NULL OR t.f IS NOT NULL)",
    findings:
      "WHEN n.f IS NOT NULL THEN [n.f] WHEN p.f IS NOT NULL THEN [p.f] WHEN t.f IS NOT NULL THEN [t.f]",
  };
}

/**
 * The unit of each distinct place ({@link PLACE}) of `source` as `lk_<name>` (`unit_id`, or the
 * reject in `f`): the one place where staged rows are matched to the units file.
 */
export async function unitLookup(conn: DuckDBConnection, source: string, name: string, ctx: FileContext) {
  const places = ctx.units.uniquePlaces?.();
  let sql: SqlRule | undefined;
  if (places !== undefined) {
    // resolveUnit in SQL for a row naming a township and unit (text without whitespace or `/`, so
    // `township/unit` names one pair) and no jurisdiction, when the pair names exactly one unit.
    const table = `lk_${name}_units`;
    const units = await openChunkAppender(conn, table, [
      ["t", "VARCHAR"],
      ["u", "VARCHAR"],
      ["unit_id", "VARCHAR"],
    ]);
    for (const [township, unit, unitId] of places)
      if (!township.includes("/") && !unit.includes("/")) units.append([township, unit, unitId]);
    units.close();
    const plain = (col: string) => `regexp_full_match(${ident(col)}, 's[^${RE2_SPACE}/]+')`;
    const none = (col: string) => `${ident(col)} IN ('${ABSENT}', '', 's')`;
    sql = {
      derive: [
        `(SELECT n.unit_id FROM ${table} n WHERE 's' || n.t = ${ident("township")} AND 's' || n.u = ${ident("unit")}) AS uid`,
      ],
      when: `uid IS NOT NULL AND ${plain("township")} AND ${plain("unit")} AND ${PLACE.filter(
        (f) => f !== "township" && f !== "unit",
      )
        .map(none)
        .join(" AND ")}`,
      outputs: ["uid"],
    };
  }
  await lookup(
    conn,
    source,
    name,
    PLACE,
    [["unit_id", "VARCHAR"]],
    (input) => {
      const unit = resolveUnit(input, ctx);
      return "rule" in unit ? { out: [null], findings: [unit] } : { out: [unit.unit_id] };
    },
    sql,
  );
  await conn.run(`DROP TABLE IF EXISTS lk_${name}_units`);
}

/** The term cell of each distinct value of `source` as `lk_<name>` (the reject of a mismatch in `f`). */
export function termLookup(conn: DuckDBConnection, source: string, name: string, ctx: FileContext) {
  return lookup(conn, source, name, ["term"], [], (input) => {
    const mismatch = termMismatch(input, ctx.term ?? 0);
    return { out: [], findings: mismatch ? [mismatch] : [] };
  });
}

/** What the set-based ingest of one kind of a term works with. */
export interface TermSetOptions {
  readonly conn: DuckDBConnection;
  readonly term: TermSpec;
  readonly secret: string;
  readonly ledger: Ledger;
  readonly ingest: IngestOptions;
  /** The file context of a file of the term (its body, the term, the units). */
  readonly ctxFor: (file: InputFile) => FileContext;
  readonly unitById: ReadonlyMap<string, UnitRow>;
  /** Wraps the reading of each file (for timing); by default just runs it. */
  readonly readFile?: (file: InputFile, run: () => Promise<void>) => Promise<void>;
}

export interface StageOptions {
  readonly conn: DuckDBConnection;
  /** Tables `<prefix>_raw` (the rows) and `<prefix>_files` (`fi`, `path`). */
  readonly prefix: string;
  readonly files: readonly InputFile[];
  readonly rules: RowRules<unknown>;
  /** The fields staged, one column each. */
  readonly fields: readonly string[];
  readonly ledger: Ledger;
  readonly ingest: IngestOptions;
  /** Wraps the reading of each file (for timing); by default just runs it. */
  readonly readFile?: (file: InputFile, run: () => Promise<void>) => Promise<void>;
  /** false: read CSV files with the JavaScript reader too (to compare the two; default true). */
  readonly csvViaDuckDB?: boolean;
}

/** What staging found: each header map (`hdr` indexes it) and each file's ledger line (`fi`). */
export interface Staged {
  readonly headers: HeaderMap[];
  readonly entries: FileLedger[];
  /** The CSV/TXT files read by DuckDB's `read_csv` (the others by the JavaScript readers). */
  readonly csvByDuckDB: readonly string[];
}

/** Read every file into `<prefix>_raw`, one row per data row, cells as codes. */
export async function stage(o: StageOptions): Promise<Staged> {
  const { conn, ledger, fields } = o;
  const headers: HeaderMap[] = [];
  const entries: FileLedger[] = [];
  const csvByDuckDB: string[] = [];
  const raw: ChunkAppender = await openChunkAppender(conn, `${o.prefix}_raw`, [
    ["seq", "BIGINT"],
    ["fi", "INTEGER"],
    ["sheet", "VARCHAR"],
    ["source_row", "INTEGER"],
    ["hdr", "INTEGER"],
    ["fbody", "VARCHAR"],
    ...fields.map((f) => [f, "VARCHAR"] as const),
  ]);
  await conn.run(`CREATE OR REPLACE TABLE ${o.prefix}_rawcsv AS SELECT * FROM ${o.prefix}_raw LIMIT 0`);
  const files = await openChunkAppender(conn, `${o.prefix}_files`, [
    ["fi", "INTEGER"],
    ["path", "VARCHAR"],
  ]);
  let seq = 0;
  try {
    for (const [fi, file] of o.files.entries()) {
      files.append([fi, file.path]);
      const fbody = file.body ?? ABSENT;
      let last: HeaderMap | null = null;
      let hdr = -1;
      let columns: (number | undefined)[] = [];
      const read = o.readFile ?? ((_: InputFile, run: () => Promise<void>) => run());
      await read(file, async () => {
        const plan = o.csvViaDuckDB === false ? null : await planCsv(conn, file, o.rules, o.ingest);
        if (plan !== null) {
          try {
            seq = await stageCsv(conn, plan, {
              table: `${o.prefix}_rawcsv`,
              fields,
              rules: o.rules,
              ledger,
              fi,
              seq,
              hdr: headers.length,
              fbody,
              absent: ABSENT,
            });
            csvByDuckDB.push(file.path);
            headers.push(plan.header);
            return;
          } finally {
            await plan.close();
          }
        }
        await scanFile(file, o.rules, ledger, o.ingest, (input, entry, header) => {
          entries[fi] = entry;
          if (header !== last) {
            last = header;
            hdr = headers.push(header) - 1;
            columns = fields.map((f) => header.columns.get(f)?.index);
          }
          const values: (string | number | null)[] = [
            seq++,
            fi,
            input.at.sheet,
            input.at.source_row,
            hdr,
            fbody,
          ];
          const cells = input.raw.cells;
          for (const index of columns)
            values.push(index === undefined ? ABSENT : (encodeCell(cells[index] ?? null, true) as string));
          raw.append(values);
        });
      });
      // A file with no data row still has its ledger line (scanFile adds it first).
      entries[fi] ??= ledger.files[ledger.files.length - 1] as FileLedger;
    }
  } finally {
    raw.close();
    files.close();
  }
  // The rows DuckDB read wait apart while the appender is open; no copy when they are all.
  if (csvByDuckDB.length === o.files.length) {
    await conn.run(`DROP TABLE ${o.prefix}_raw`);
    await conn.run(`ALTER TABLE ${o.prefix}_rawcsv RENAME TO ${o.prefix}_raw`);
  } else {
    await conn.run(`INSERT INTO ${o.prefix}_raw SELECT * FROM ${o.prefix}_rawcsv`);
    await conn.run(`DROP TABLE ${o.prefix}_rawcsv`);
  }
  return { headers, entries, csvByDuckDB };
}

/** The first columns of a row of findings read back: `fi, sheet, source_row, hdr, status, fs`. */
export type FoundRow = [
  fi: number,
  sheet: string | null,
  sourceRow: number,
  hdr: number,
  status: string,
  fs: string[],
];

/** Count each row of `table` (`fi`, `status`) as accepted, rejected or skipped in its file's ledger line. */
export async function countOutcomes(conn: DuckDBConnection, table: string, entries: readonly FileLedger[]) {
  const counts = await conn.runAndReadAll(
    `SELECT fi, status, count(*)::INTEGER AS n FROM ${table} GROUP BY ALL`,
  );
  for (const [fi, status, n] of counts.getRowsJS() as [number, string, number][]) {
    const entry = entries[fi] as FileLedger;
    if (status === "accepted") entry.accepted += n;
    else if (status === "rejected") entry.rejected += n;
    else entry.skipped += n;
  }
}

/**
 * The findings of single rows of `table` (`fi`, `sheet`, `source_row`, `hdr`, `status`, and `fs`,
 * a list of packed findings whose first, for a rejected row, is its reject) into the ledger.
 */
export async function rowFindings(
  conn: DuckDBConnection,
  table: string,
  paths: readonly string[],
  staged: Staged,
  ledger: Ledger,
): Promise<void> {
  const found = `${table}_found`;
  await conn.run(`
    CREATE OR REPLACE TABLE ${found} AS
    SELECT fi, sheet, source_row, hdr, status, list_filter(fs, x -> x IS NOT NULL) AS fs
    FROM ${table} WHERE len(list_filter(fs, x -> x IS NOT NULL)) > 0`);
  await readAll(conn, found, "fi, sheet, source_row, hdr, status, fs", (rows) => {
    for (const [fi, sheet, sourceRow, hdr, status, fs] of rows as FoundRow[]) {
      placeFindings(
        ledger,
        { source_file: paths[fi] as string, sheet, source_row: sourceRow },
        staged.headers[hdr],
        status,
        fs,
      );
    }
  });
  await conn.run(`DROP TABLE ${found}`);
}

/** Packed findings `fs` of one row into the ledger: a rejected row's first is its reject, the others warnings. */
export function placeFindings(
  ledger: Ledger,
  at: Location,
  header: HeaderMap | undefined,
  status: string,
  fs: readonly string[],
): void {
  fs.forEach((packed, i) => {
    for (const f of JSON.parse(packed) as [string | null, string | null, string, string][]) {
      const found = placed(at, header, f);
      if (status === "rejected" && i === 0) ledger.rejects.push(found);
      else ledger.warnings.push(found);
    }
  });
}
