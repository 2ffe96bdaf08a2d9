/**
 * Rows into a DuckDB table in data chunks of 2,048 rows: one native call per
 * column and chunk instead of one per value (the appender's per-value calls
 * cost more than the reading at a million rows). Columns are VARCHAR,
 * INTEGER or BIGINT; values are strings, numbers or null.
 */
import {
  BIGINT,
  type DuckDBAppender,
  type DuckDBConnection,
  DuckDBDataChunk,
  type DuckDBType,
  INTEGER,
  VARCHAR,
} from "@duckdb/node-api";
import { ident } from "./column.ts";

export type ChunkColumnType = "VARCHAR" | "INTEGER" | "BIGINT";

const TYPES: Record<ChunkColumnType, DuckDBType> = { VARCHAR, INTEGER, BIGINT };
/** DuckDB's vector size: the most rows one data chunk holds. */
const CHUNK_ROWS = 2048;

export interface ChunkAppender {
  /** One row, its values in column order. */
  append(values: readonly (string | number | null)[]): void;
  /** Append what is buffered and close; the rows are in the table afterwards. */
  close(): void;
}

/** Create table `name` with `columns` (replacing one of that name) and return an appender for it. */
export async function openChunkAppender(
  conn: DuckDBConnection,
  name: string,
  columns: readonly (readonly [string, ChunkColumnType])[],
): Promise<ChunkAppender> {
  await conn.run(
    `CREATE OR REPLACE TABLE ${ident(name)} (${columns.map(([c, t]) => `${ident(c)} ${t}`).join(", ")})`,
  );
  const appender: DuckDBAppender = await conn.createAppender(name);
  const types = columns.map(([, t]) => TYPES[t]);
  const bigint = columns.map(([, t]) => t === "BIGINT");
  let buffer: (string | number | bigint | null)[][] = columns.map(() => []);
  let rows = 0;
  const flush = () => {
    if (rows === 0) return;
    const chunk = DuckDBDataChunk.create(types, rows);
    chunk.setColumns(buffer);
    appender.appendDataChunk(chunk);
    buffer = columns.map(() => []);
    rows = 0;
  };
  return {
    append(values) {
      for (let i = 0; i < values.length; i++) {
        const v = values[i] ?? null;
        (buffer[i] as unknown[]).push(bigint[i] && v !== null ? BigInt(v) : v);
      }
      rows++;
      if (rows === CHUNK_ROWS) flush();
    },
    close() {
      flush();
      appender.closeSync();
    },
  };
}
