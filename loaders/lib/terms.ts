/** The terms the pages report on. */
import type { Warehouse } from "../../src/warehouse/directory.ts";

export interface ReportTerms {
  /** The terms with roster rows, ascending. */
  terms: number[];
  /** The term the pages report on: the summary's, else the latest with roster rows. */
  term: number | null;
  /** The term before it: the summary's, else the one before the latest. */
  prev_term: number | null;
}

export async function reportTerms(warehouse: Warehouse): Promise<ReportTerms> {
  const summary = warehouse.json("metrics/summary.json") as { term?: number; prev_term?: number } | null;
  const terms = (
    await warehouse.rows<{ term: number }>("SELECT DISTINCT term FROM members ORDER BY term")
  ).map((r) => r.term);
  return {
    terms,
    term: summary?.term ?? terms.at(-1) ?? null,
    prev_term: summary?.prev_term ?? terms.at(-2) ?? null,
  };
}
