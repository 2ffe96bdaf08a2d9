/**
 * Table definitions: one place that states a table's columns, grain, sort
 * order and references once and derives from it the zod schema of a row, the
 * TypeScript row type, the column list, the DuckDB DDL, the Parquet sort order
 * and the relationships the contract tests check.
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

/** `"table.column"`: the value must be found in that column of that table. */
export type Target = `${string}.${string}`;

/**
 * A column whose target depends on another column's value: a row whose `by`
 * column holds a key of `to` must be found in `to[value]` (rows with other
 * values are not checked). E.g. `scope_id` by `scope`. Several targets for
 * one value: the value must be found in one of them.
 */
export interface TargetBy<K extends string = string> {
  readonly by: K;
  readonly to: Readonly<Record<string, Target | readonly Target[]>>;
}

/** Where a column's values come from: one target, several, or one chosen by another column. */
export type Reference<K extends string = string> = Target | readonly Target[] | TargetBy<K>;

/** What a table states besides its columns. */
export interface TableOptions<K extends string> {
  /** The unique key: no two rows share these values ([] when rows have no key, like findings). */
  readonly grain: readonly K[];
  /**
   * The Parquet sort order when it is not the grain followed by the other
   * columns in column order (the default, a total order).
   */
  readonly order?: readonly K[];
  /**
   * Per column, the table column(s) its values must be found in. Unconditional
   * references of a table to one other table are checked together: the row's
   * values must appear in one row there (e.g. unit_id, township and unit of
   * one unit). NULLs are not checked.
   */
  readonly references?: { readonly [C in K]?: Reference<K> };
}

/**
 * A checkable relationship, derived from {@link TableOptions.references}:
 * `columns` must be found together in `to`.`toColumns` (or in one of `or`),
 * for the rows whose `when.column` equals `when.value` (all rows without `when`).
 */
export interface Relationship {
  readonly columns: readonly string[];
  readonly to: string;
  readonly toColumns: readonly string[];
  readonly when?: { readonly column: string; readonly value: string };
  /** Other places the values may be found instead. */
  readonly or?: readonly { readonly to: string; readonly toColumns: readonly string[] }[];
}

/** Any table, for code that handles tables generically (writers, contract tests). */
export interface AnyTableDef {
  readonly name: string;
  readonly columns: Readonly<Record<string, Column>>;
  readonly columnNames: readonly string[];
  /** The unique key ([] when none). */
  readonly grain: readonly string[];
  /** Every column the Parquet file is sorted by, in order. */
  readonly order: readonly string[];
  /** The references as declared. */
  readonly references: Readonly<Record<string, Reference>>;
  /** The references as relationships to check. */
  readonly relationships: readonly Relationship[];
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

function split(target: Target): [table: string, column: string] {
  const dot = target.indexOf(".");
  return [target.slice(0, dot), target.slice(dot + 1)];
}

/** The relationships of `references`: unconditional ones grouped by target table, conditional ones one by one. */
function relationshipsOf(references: Readonly<Record<string, Reference>>): Relationship[] {
  const joint = new Map<string, { columns: string[]; toColumns: string[] }>();
  const conditional: Relationship[] = [];
  for (const [column, ref] of Object.entries(references)) {
    if (typeof ref === "object" && "by" in ref) {
      for (const [value, target] of Object.entries(ref.to)) {
        const [[to, toColumn], ...others] = (typeof target === "string" ? [target] : target).map(split) as [
          [string, string],
          ...[string, string][],
        ];
        const or = others.map(([t, c]) => ({ to: t, toColumns: [c] }));
        conditional.push({
          columns: [column],
          to,
          toColumns: [toColumn],
          when: { column: ref.by, value },
          ...(or.length ? { or } : {}),
        });
      }
      continue;
    }
    for (const target of typeof ref === "string" ? [ref] : ref) {
      const [to, toColumn] = split(target);
      const group = joint.get(to) ?? { columns: [], toColumns: [] };
      group.columns.push(column);
      group.toColumns.push(toColumn);
      joint.set(to, group);
    }
  }
  return [...[...joint].map(([to, g]) => ({ ...g, to })), ...conditional];
}

export function defineTable<S extends Shape>(
  name: string,
  columns: S,
  options: TableOptions<keyof S & string>,
): TableDef<S> {
  const columnNames = Object.keys(columns) as (keyof S & string)[];
  const shape = Object.fromEntries(columnNames.map((k) => [k, columns[k]?.schema])) as {
    [K in keyof S]: S[K]["schema"];
  };
  const grain = options.grain;
  const order = options.order ?? [...grain, ...columnNames.filter((c) => !grain.includes(c))];
  const references = (options.references ?? {}) as Readonly<Record<string, Reference>>;
  return {
    name,
    columns,
    columnNames,
    grain,
    order,
    references,
    relationships: relationshipsOf(references),
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
