/**
 * The contract between the ingest driver (`ingest.ts`) and the row rules of
 * `rows/` (one module per export kind). The driver reads a file, finds its header
 * row, skips blank, repeated-header and totals rows, and hands every other
 * row to the rules' `row`, which turns it into records or rejects it. Row
 * rules never throw for bad data: they return findings.
 */
import type { Cell, RawRow } from "../read/cell.ts";
import type { FieldSpec } from "../read/header.ts";
import type { Body, UnitRow } from "../warehouse/tables.ts";
import type { ExportKind } from "./dataset.ts";
import type { Finding, Location } from "./finding.ts";

export type { FieldSpec };

/** One data row as the row rules see it: cells by field name, and where it came from. */
export interface RowInput {
  readonly at: Location;
  readonly raw: RawRow;
  /** The cell of a field (null when the column is absent or the cell empty). */
  cell(field: string): Cell;
  /** The cell of a field as trimmed text ("" when absent or empty). */
  text(field: string): string;
  /** The header text of a field's column as written in the file, or null when absent. */
  header(field: string): string | null;
  /** Whether the file has a column for the field. */
  has(field: string): boolean;
}

/** The names of the jurisdictions above the township a row gives (empty cells left out). */
export type Place = Readonly<Partial<Record<"county" | "city" | "province", string>>>;

/** The known units, for resolving township and unit names (src/ingest/unit-index.ts). */
export interface UnitIndex {
  readonly townships: ReadonlySet<string>;
  /**
   * The unit named `township/unit`, narrowed by the jurisdictions `within`
   * names; `"ambiguous"` when units of more than one county still match.
   */
  lookup(township: string, unit: string, within?: Place): UnitRow | "ambiguous" | undefined;
  /** Unit names of a township (all names when the township is unknown). */
  unitNames(township: string | null): readonly string[];
  /**
   * Every township/unit pair (the township in each form `lookup` takes) that names exactly one
   * unit, with its unit_id: what `lookup` gives for it without jurisdictions.
   */
  uniquePlaces?(): Iterable<readonly [township: string, unit: string, unitId: string]>;
}

/** What the driver knows about the file a row comes from. */
export interface FileContext {
  readonly file: string;
  /** The manifest term the file is listed under (null for the units file). */
  readonly term: number | null;
  /** The manifest reference_date of the file's term (null for the units file). */
  readonly referenceDate: string | null;
  /** The manifest's `body` for the file, if any. */
  readonly body: Body | null;
  readonly units: UnitIndex;
  /** Keyed person hash of identity material (see src/person-key.ts). */
  personKey(material: string): string;
}

/** The result of one row. Rejected rows carry at least one reject. */
export interface RowOutcome<R> {
  readonly status: "accepted" | "rejected" | "skipped";
  readonly records: readonly R[];
  readonly rejects: readonly Finding[];
  readonly warnings: readonly Finding[];
}

export interface RowRules<R> {
  readonly kind: ExportKind;
  /** Every field with its accepted header texts (shared/spec/exports.md). */
  readonly fields: readonly FieldSpec[];
  /** Fields whose column must be present; otherwise the file is unreadable (exit 2). */
  readonly required: readonly string[];
  /** Fields whose cell marks a totals row when it holds 合计/总计/小计. */
  readonly totalsFields: readonly string[];
  row(input: RowInput, ctx: FileContext): RowOutcome<R>;
}

/** Shorthands for building outcomes. */
export const outcome = {
  accepted<R>(records: readonly R[], warnings: readonly Finding[] = []): RowOutcome<R> {
    return { status: "accepted", records, rejects: [], warnings };
  },
  rejected<R>(reject: Finding, warnings: readonly Finding[] = []): RowOutcome<R> {
    return { status: "rejected", records: [], rejects: [reject], warnings };
  },
  skipped<R>(warnings: readonly Finding[] = []): RowOutcome<R> {
    return { status: "skipped", records: [], rejects: [], warnings };
  },
};
