/**
 * The embedded DuckDB, the one access layer of the build, the metrics and the
 * site's data loaders: opening a database with pinned settings (scoped with
 * {@link withDatabase}), reading rows as plain values (./values.ts), loading
 * rows through the appender, and writing tables to Parquet deterministically.
 * Values are always bound (`$name` or `?`) or appended, never interpolated
 * into SQL; only identifiers and file paths (quoted) are spliced in.
 */
import { type DuckDBConnection, DuckDBDateValue, DuckDBInstance, type DuckDBValue } from "@duckdb/node-api";
import { type AnyTableDef, ident } from "./column.ts";
import { plainValue } from "./values.ts";

/** Values bound to a statement's `?`/`$1` (array) or `$name` (record) placeholders. */
export type Params = DuckDBValue[] | Record<string, DuckDBValue>;

export interface DatabaseOptions {
  readonly threads?: number;
  /** DuckDB's buffer-manager limit, e.g. `"2GB"` (DuckDB's default: 80 % of RAM). */
  readonly memoryLimit?: string;
  /** Where DuckDB moves table and sort data past `memoryLimit`; created on demand, removed by the caller. */
  readonly tempDirectory?: string;
}

const instances = new WeakMap<DuckDBConnection, DuckDBInstance>();

/** Open an in-memory DuckDB with the settings every build uses (UTC, insertion order kept). */
export async function openDatabase(options: DatabaseOptions = {}): Promise<DuckDBConnection> {
  const config: Record<string, string> = {
    threads: String(options.threads ?? 2),
    preserve_insertion_order: "true",
    autoinstall_known_extensions: "false",
    autoload_known_extensions: "false",
  };
  if (options.memoryLimit) config.memory_limit = options.memoryLimit;
  if (options.tempDirectory) config.temp_directory = options.tempDirectory;
  const instance = await DuckDBInstance.create(":memory:", config);
  const conn = await instance.connect();
  instances.set(conn, instance);
  // ICU is loaded, so TIMESTAMPTZ would follow the machine's zone: pin it.
  await conn.run("SET TimeZone = 'UTC'");
  return conn;
}

/** Close `conn` and the database {@link openDatabase} opened for it (its other connections too). */
export function closeDatabase(conn: DuckDBConnection): void {
  conn.closeSync();
  instances.get(conn)?.closeSync();
  instances.delete(conn);
}

/**
 * Open a database, run `body` with its connection and close the database
 * whatever `body` does (returns or throws): the scope of every short-lived
 * reader, so that no DuckDB instance outlives its work.
 */
export async function withDatabase<T>(
  options: DatabaseOptions,
  body: (conn: DuckDBConnection) => Promise<T>,
): Promise<T> {
  const conn = await openDatabase(options);
  try {
    return await body(conn);
  } finally {
    closeDatabase(conn);
  }
}

/** A second connection to the database of `conn` (opened by {@link openDatabase}); close it when done. */
export async function siblingConnection(conn: DuckDBConnection): Promise<DuckDBConnection> {
  const instance = instances.get(conn);
  if (!instance) throw new Error("internal: connection not opened by openDatabase");
  const other = await instance.connect();
  await other.run("SET TimeZone = 'UTC'");
  return other;
}

/** Quote a string as a SQL literal. Only for file paths in COPY/read_* where binding is not possible. */
export function literal(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

const EPOCH_MS = Date.UTC(1970, 0, 1);

/** `YYYY-MM-DD` → DuckDB DATE value. */
export function dateValue(iso: string): DuckDBDateValue {
  const [y, m, d] = iso.split("-").map(Number) as [number, number, number];
  return new DuckDBDateValue(Math.round((Date.UTC(y, m - 1, d) - EPOCH_MS) / 86_400_000));
}

/** Rows appended to one table as they come (see {@link openAppender}). */
export interface RowAppender<T> {
  append(row: T): void;
  /** Flush and close; the rows are in the table afterwards. */
  close(): void;
}

/** Create `def` (under `tableName`) and return an appender for its rows, in column order. */
export async function openAppender<T extends object>(
  conn: DuckDBConnection,
  def: AnyTableDef,
  tableName: string = def.name,
): Promise<RowAppender<T>> {
  await conn.run(def.ddl(tableName));
  const appender = await conn.createAppender(tableName);
  const cols = def.columnNames.map((name) => [name, def.columns[name]?.type] as const);
  // Dates repeat (reference dates, election days): convert each text once.
  const dates = new Map<string, DuckDBDateValue>();
  const date = (iso: string) => {
    let d = dates.get(iso);
    if (d === undefined) {
      d = dateValue(iso);
      if (dates.size < 100_000) dates.set(iso, d);
    }
    return d;
  };
  return {
    append(row) {
      const r = row as Record<string, unknown>;
      for (const [name, type] of cols) {
        const v = r[name];
        if (v === null || v === undefined) appender.appendNull();
        else if (type === "VARCHAR") appender.appendVarchar(String(v));
        else if (type === "INTEGER") appender.appendInteger(v as number);
        else if (type === "BIGINT") appender.appendBigInt(BigInt(v as number));
        else if (type === "DOUBLE") appender.appendDouble(v as number);
        else if (type === "BOOLEAN") appender.appendBoolean(v as boolean);
        else if (type === "DATE") appender.appendDate(date(v as string));
      }
      appender.endRow();
    },
    close() {
      appender.closeSync();
    },
  };
}

/** Create `def` (under `tableName`) and append `rows` through the appender. */
export async function loadRows<T extends object>(
  conn: DuckDBConnection,
  def: AnyTableDef,
  rows: Iterable<T>,
  tableName: string = def.name,
): Promise<void> {
  const appender = await openAppender<T>(conn, def, tableName);
  for (const row of rows) appender.append(row);
  appender.close();
}

/**
 * Write a query's result to a Parquet file. `orderBy` makes the row order part
 * of the contract so that equal inputs give byte-identical files.
 */
export async function writeParquet(
  conn: DuckDBConnection,
  query: string,
  path: string,
  params: Params = [],
): Promise<void> {
  await conn.run(
    `COPY (${query}) TO ${literal(path)} (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 122880)`,
    params,
  );
}

/** Write table `def` (or `tableName`) in column order, sorted by `orderBy` columns. */
export async function writeTable(
  conn: DuckDBConnection,
  def: AnyTableDef,
  path: string,
  orderBy: readonly string[],
  tableName: string = def.name,
): Promise<void> {
  const cols = def.columnNames.map(ident).join(", ");
  const order = orderBy.length ? ` ORDER BY ${orderBy.map(ident).join(", ")}` : "";
  await writeParquet(conn, `SELECT ${cols} FROM ${ident(tableName)}${order}`, path);
}

/**
 * Run a query with bound `params` and return its rows as plain objects
 * (./values.ts: integers as numbers, DATE as `YYYY-MM-DD`).
 */
export async function queryRows<T = Record<string, unknown>>(
  conn: DuckDBConnection,
  sql: string,
  params: Params = [],
): Promise<T[]> {
  const reader = await conn.runAndReadAll(sql, params);
  return reader.convertRowObjects(plainValue) as T[];
}

export type { DuckDBConnection };
