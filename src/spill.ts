/**
 * Grouping larger than memory. Records are added under a group key as they
 * are read, then come back one group at a time: groups in key order, the
 * records of a group in the order they were added. Cross-row rules that only
 * relate rows of one group (one person's roster rows, one election's
 * candidate rows) can so run over a whole term without holding it in
 * JavaScript. Up to {@link IN_MEMORY_RECORDS} records stay in JavaScript and
 * are sorted there; past that, all of them go to a DuckDB table (encoded by a
 * {@link Codec}) and are read back sorted by DuckDB, which past its own memory
 * limit moves the table to its temp directory (see `openDatabase`).
 *
 * The table lives in the build's own database and is dropped once read; it
 * holds what the loaders produced (never an ID number, which stays a keyed
 * person_key).
 */
import type { DuckDBConnection } from "@duckdb/node-api";
import { ident } from "./column.ts";
import { siblingConnection } from "./duckdb.ts";

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
   * The groups, in key order, each in the order its records were added. Ends
   * the adding; the table is dropped when the iteration ends (or is left).
   */
  groups(): AsyncGenerator<T[]>;
}

/**
 * Records a spill keeps in JavaScript before it moves them all to DuckDB: a
 * county's or a province's term stays in memory (no encoding, no sort in
 * DuckDB), a nation's goes to the table. About 1 KiB of heap per record.
 */
export const IN_MEMORY_RECORDS = 250_000;

export interface SpillOptions {
  /** Records kept in JavaScript before spilling (default {@link IN_MEMORY_RECORDS}; 0: spill at once). */
  readonly inMemory?: number;
}

/**
 * A spill table `name` (replaced if it exists) on `conn`'s database. Reading
 * uses a connection of its own, so rows may be appended through `conn` to
 * other tables while the groups are read. Both ways (in memory, in DuckDB)
 * give the same groups in the same order for the same input.
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
          memory.forEach((m, seq) => append(m.key, seq, m.record));
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
    async *groups() {
      if (open) {
        appender.closeSync();
        open = false;
      }
      if (memory !== null) {
        // Stable sort: a group keeps the order its records were added. Keys compare as DuckDB's do
        // for the keys used here (ASCII and BMP characters).
        const sorted = memory.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
        memory = [];
        try {
          let group: T[] = [];
          for (let i = 0; i < sorted.length; i++) {
            const m = sorted[i] as { key: string; record: T };
            group.push(m.record);
            if (i + 1 === sorted.length || (sorted[i + 1] as { key: string }).key !== m.key) {
              yield group;
              group = [];
            }
          }
        } finally {
          await drop();
        }
        return;
      }
      const reader = await siblingConnection(conn);
      try {
        const result = await reader.stream(`SELECT k, v FROM ${table} ORDER BY k, seq`);
        let key: string | null = null;
        let group: T[] = [];
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
              if (group.length) yield group;
              key = k;
              group = [];
            }
            group.push(codec.decode(values[i] as string));
          }
        }
        if (group.length) yield group;
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
