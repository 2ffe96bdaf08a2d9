/**
 * Rejects and warnings for the data-quality page: every row, located, with the rule's Chinese label. Above
 * county level, in a warehouse combined from counties, none: each county's are in its region folder
 * (`regions/<county slug>/rejects.arrow`, loaders/jurisdictions.ts), fetched when a county is chosen, so the
 * page never loads a nation's findings whole.
 */
import type { Warehouse } from "../../src/warehouse/directory.ts";
import type { rejects, warnings } from "../../src/warehouse/tables.ts";
import { arrowBytes } from "./arrow.ts";
import { type ManifestFiles, perCounty } from "./levels.ts";

/** The order of the findings on the page, in a county's file as in the whole warehouse's. */
export const FINDINGS_ORDER = 'source_file, sheet, source_row, "column", rule, value, message';

export async function findingsArrow(
  wh: Warehouse,
  def: typeof rejects | typeof warnings,
  labels: Readonly<Record<string, string>>,
): Promise<Uint8Array> {
  if (perCounty(wh.json("manifest.json") as ManifestFiles | null))
    return arrowBytes([], def.columnNames, def);
  // def.name is one of two fixed table names (an identifier, not data).
  const rows = await wh.rows(`SELECT * FROM ${def.name} ORDER BY ${FINDINGS_ORDER}`);
  const labelled = rows.map((r) => ({ ...r, rule_label: labels[String(r.rule)] ?? String(r.rule) }));
  // No findings: the table's own columns only (the file the pages have always had).
  const columns = rows.length ? [...def.columnNames, "rule_label"] : def.columnNames;
  return arrowBytes(labelled, columns, def);
}
