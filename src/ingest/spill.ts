/**
 * Grouping larger than memory. Records are added under a group key as they
 * are read, then come back in batches of whole groups, the records of a group
 * in the order they were added. Cross-row rules that only
 * relate rows of one group (one person's roster rows, one election's
 * candidate rows) can so run over a whole term without holding it in
 * JavaScript. Up to {@link IN_MEMORY_RECORDS} records stay in JavaScript and
 * come back as one batch; past that, all of them go to a DuckDB table (encoded by a
 * {@link Codec}) and are read back sorted by DuckDB, which past its own memory
 * limit moves the table to its temp directory (see `openDatabase`).
 *
 * The table lives in the build's own database and is dropped once read; it
 * holds what the loaders produced (never an ID number, which stays a keyed
 * person_key).
 */
import type { DuckDBConnection } from "@duckdb/node-api";
import { ident } from "../warehouse/column.ts";
import { siblingConnection } from "../warehouse/duckdb.ts";

/** How a record becomes one text cell of the spill table and back. */
export interface Codec<T> {
  encode(record: T): string;
  decode(text: string): T;
}

/** The default codec: JSON, for records of plain values. */
export function jsonCodec<T>(): Codec<T> {
  return { encode: (r) => JSON.stringify(r), decode: (s) => JSON.parse(s) as T };
}

export interface Spill<T> {
  /** Add a record to group `key`. */
  add(key: string, record: T): void;
  /** Number of records added. */
  readonly size: number;
  /** True once the records have moved to the DuckDB table (more than the in-memory allowance). */
  readonly spilled: boolean;
  /**
   * The records in batches, each batch a set of whole groups (every record of
   * a key is in one batch, in the order added); in memory, one batch in the
   * order added; from DuckDB, groups in key order, about {@link BATCH_RECORDS}
   * records a batch. Ends the adding; the table is dropped when the iteration
   * ends (or is left). For rules that relate only records of one group, so
   * that resolving batch by batch equals resolving everything at once.
   */
  batches(): AsyncGenerator<T[]>;
}

/** Records per batch read back from DuckDB (whole groups, so a batch may be a little larger). */
export const BATCH_RECORDS = 10_000;

/**
 * Records a spill keeps in JavaScript before it moves them all to DuckDB: a
 * county's or a city's term stays in memory (no encoding, no sort in DuckDB),
 * a province's and a nation's go to the table. About 1 KiB of heap per record;
 * at 250,000 the national build peaked at 4.7 GiB (JS heap 1.5 GiB).
 */
export const IN_MEMORY_RECORDS = 50_000;

export interface SpillOptions {
  /** Records kept in JavaScript before spilling (default {@link IN_MEMORY_RECORDS}; 0: spill at once). */
  readonly inMemory?: number;
}

/**
 * A spill table `name` (replaced if it exists) on `conn`'s database. Reading
 * uses a connection of its own, so rows may be appended through `conn` to
 * other tables while the batches are read. Both ways (in memory, in DuckDB)
 * give every group whole, its records in the order added.
 */
export async function openSpill<T>(
  conn: DuckDBConnection,
  name: string,
  codec: Codec<T> = jsonCodec<T>(),
  options: SpillOptions = {},
): Promise<Spill<T>> {
  const table = ident(name);
  const allowance = options.inMemory ?? IN_MEMORY_RECORDS;
  await conn.run(
    `CREATE OR REPLACE TABLE ${table} (k VARCHAR NOT NULL, seq INTEGER NOT NULL, v VARCHAR NOT NULL)`,
  );
  const appender = await conn.createAppender(name);
  let memory: { key: string; record: T }[] | null = [];
  let size = 0;
  let open = true;
  const append = (key: string, seq: number, record: T) => {
    appender.appendVarchar(key);
    appender.appendInteger(seq);
    appender.appendVarchar(codec.encode(record));
    appender.endRow();
  };
  const drop = () => conn.run(`DROP TABLE IF EXISTS ${table}`);
  return {
    add(key, record) {
      if (!open) throw new Error(`internal: spill ${name} is closed`);
      if (memory !== null) {
        memory.push({ key, record });
        if (memory.length > allowance) {
          for (const [seq, m] of memory.entries()) append(m.key, seq, m.record);
          memory = null;
        }
      } else append(key, size, record);
      size += 1;
    },
    get size() {
      return size;
    },
    get spilled() {
      return memory === null;
    },
    async *batches() {
      if (open) {
        appender.closeSync();
        open = false;
      }
      if (memory !== null) {
        // Still in memory: every record in one batch, in the order added (so every group whole, in order).
        const all = memory.map((m) => m.record);
        memory = [];
        try {
          if (all.length) yield all;
        } finally {
          await drop();
        }
        return;
      }
      const reader = await siblingConnection(conn);
      try {
        const result = await reader.stream(`SELECT k, v FROM ${table} ORDER BY k, seq`);
        let key: string | null = null;
        let batch: T[] = [];
        let read = 0;
        for (;;) {
          const chunk = await result.fetchChunk();
          if (chunk === null || chunk.rowCount === 0) break;
          const keys = chunk.getColumnValues(0) as string[];
          const values = chunk.getColumnValues(1) as string[];
          read += keys.length;
          for (let i = 0; i < keys.length; i++) {
            const k = keys[i] as string;
            if (k !== key) {
              // A group ends here: hand over the batch once it is big enough.
              if (batch.length >= BATCH_RECORDS) {
                yield batch;
                batch = [];
              }
              key = k;
            }
            batch.push(codec.decode(values[i] as string));
          }
        }
        if (batch.length) yield batch;
        // A streamed query that fails part way (out of memory in the sort) ends like one that is
        // done: count, so that no row is ever lost without a word.
        if (read !== size) {
          throw new Error(
            `DuckDB 未能读回暂存的全部 ${size.toLocaleString("zh-CN")} 行(只读回 ${read.toLocaleString("zh-CN")} 行),多半是内存上限过低:请用 --memory-limit 或 HUANJIE_MEMORY_LIMIT 调高后重试`,
          );
        }
      } finally {
        reader.closeSync();
        await drop();
      }
    },
  };
}
