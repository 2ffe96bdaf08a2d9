/**
 * Column definitions: one place that states a table's columns once and derives
 * from it the zod schema of a row, the TypeScript row type, the column list and
 * the DuckDB DDL.
 */
import { z } from "zod";

/** DuckDB column types used in the warehouse. */
export type DuckType = "VARCHAR" | "INTEGER" | "BIGINT" | "DOUBLE" | "BOOLEAN" | "DATE";

/** One column: its DuckDB type, whether NULL is allowed and, for enumerations, the accepted values. */
export interface Column<S extends z.ZodType = z.ZodType> {
  readonly type: DuckType;
  readonly nullable: boolean;
  readonly values?: readonly string[];
  readonly schema: S;
}

function column<S extends z.ZodType>(type: DuckType, schema: () => S) {
  return {
    required: (): Column<S> => ({ type, nullable: false, schema: schema() }),
    nullable: (): Column<z.ZodNullable<S>> => ({ type, nullable: true, schema: schema().nullable() }),
  };
}

export const varchar = column("VARCHAR", () => z.string());
export const integer = column("INTEGER", () => z.number().int().min(-2147483648).max(2147483647));
export const bigint = column("BIGINT", () => z.number().int());
export const double = column("DOUBLE", () => z.number());
export const boolean = column("BOOLEAN", () => z.boolean());
/** Dates travel as ISO `YYYY-MM-DD` strings. */
export const date = column("DATE", () => z.string().regex(/^\d{4}-\d{2}-\d{2}$/));

/** An enumeration stored as VARCHAR holding one of `values`. */
export function oneOf<const V extends readonly [string, ...string[]]>(values: V) {
  return {
    required: (): Column<z.ZodEnum<{ [K in V[number]]: K }>> => ({
      type: "VARCHAR",
      nullable: false,
      values,
      schema: z.enum(values),
    }),
    nullable: (): Column<z.ZodNullable<z.ZodEnum<{ [K in V[number]]: K }>>> => ({
      type: "VARCHAR",
      nullable: true,
      values,
      schema: z.enum(values).nullable(),
    }),
  };
}

type Shape = Record<string, Column>;

/** Any table, for code that handles tables generically (writers, contract tests). */
export interface AnyTableDef {
  readonly name: string;
  readonly columns: Readonly<Record<string, Column>>;
  readonly columnNames: readonly string[];
  ddl(tableName?: string): string;
}

/** A warehouse table: its name, columns in order, row schema and DDL. */
export interface TableDef<S extends Shape = Shape> extends AnyTableDef {
  readonly name: string;
  readonly columns: S;
  readonly columnNames: readonly (keyof S & string)[];
  readonly schema: z.ZodObject<{ [K in keyof S]: S[K]["schema"] }>;
  /** `CREATE TABLE name (col TYPE [NOT NULL], ...)`; identifiers are quoted. */
  ddl(tableName?: string): string;
}

/** The row type of a table, derived from its zod schema. */
export type Row<T extends { schema: z.ZodType }> = z.infer<T["schema"]>;

/** Quote a SQL identifier (column or table name) for DuckDB. */
export function ident(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

export function defineTable<S extends Shape>(name: string, columns: S): TableDef<S> {
  const columnNames = Object.keys(columns) as (keyof S & string)[];
  const shape = Object.fromEntries(columnNames.map((k) => [k, columns[k]?.schema])) as {
    [K in keyof S]: S[K]["schema"];
  };
  return {
    name,
    columns,
    columnNames,
    schema: z.object(shape),
    ddl(tableName = name) {
      const cols = columnNames.map((k) => {
        const c = columns[k] as Column;
        return `${ident(k)} ${c.type}${c.nullable ? "" : " NOT NULL"}`;
      });
      return `CREATE TABLE ${ident(tableName)} (${cols.join(", ")})`;
    },
  };
}
