/**
 * The one conversion of DuckDB values to plain JS values, used by every reader of the warehouse (the
 * build, the metrics, the site's data loaders): integers of any width as numbers (counts; an integer
 * beyond ±2^53 is an error, not a rounded number), DATE as `YYYY-MM-DD` text, everything else as
 * `@duckdb/node-api`'s JS conversion does (DOUBLE and DECIMAL as numbers, VARCHAR as strings, BOOLEAN,
 * lists and structs converted element by element through this same converter).
 */
import {
  createDuckDBValueConverter,
  type DuckDBDateValue,
  DuckDBTypeId,
  type DuckDBValue,
  type DuckDBValueConverter,
  type JS,
  JSDuckDBValueConverter,
} from "@duckdb/node-api";

/** A value as rows carry it: never a bigint, never a Date for DATE. */
export type PlainValue = JS;

function safeNumber(value: DuckDBValue): number {
  const n = Number(value as bigint);
  if (!Number.isSafeInteger(n)) throw new RangeError(`integer ${String(value)} is beyond ±2^53`);
  return n;
}

const isoDate = (value: DuckDBValue): string => String(value as DuckDBDateValue);

const OVERRIDES: Partial<Record<DuckDBTypeId, DuckDBValueConverter<PlainValue>>> = {
  [DuckDBTypeId.BIGINT]: safeNumber,
  [DuckDBTypeId.UBIGINT]: safeNumber,
  [DuckDBTypeId.HUGEINT]: safeNumber,
  [DuckDBTypeId.UHUGEINT]: safeNumber,
  [DuckDBTypeId.DATE]: isoDate,
};

const TYPE_IDS = Object.values(DuckDBTypeId).filter((id): id is DuckDBTypeId => typeof id === "number");

/** DuckDB value → plain JS value (see the module comment). Pass to `reader.convertRowObjects`. */
export const plainValue: DuckDBValueConverter<PlainValue> = createDuckDBValueConverter(
  Object.fromEntries(TYPE_IDS.map((id) => [id, OVERRIDES[id] ?? JSDuckDBValueConverter])) as Record<
    DuckDBTypeId,
    DuckDBValueConverter<PlainValue>
  >,
);
