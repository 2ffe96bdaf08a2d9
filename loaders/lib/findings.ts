/** Rejects and warnings for the data-quality page: every row, located, with the rule's Chinese label. */
import type { Warehouse } from "../../src/warehouse/directory.ts";
import type { rejects, warnings } from "../../src/warehouse/tables.ts";
import { arrowBytes } from "./arrow.ts";

export async function findingsArrow(
  wh: Warehouse,
  def: typeof rejects | typeof warnings,
  labels: Readonly<Record<string, string>>,
): Promise<Uint8Array> {
  // def.name is one of two fixed table names (an identifier, not data).
  const rows = await wh.rows(`SELECT * FROM ${def.name} ORDER BY source_file, sheet, source_row, "column"`);
  const labelled = rows.map((r) => ({ ...r, rule_label: labels[String(r.rule)] ?? String(r.rule) }));
  // No findings: the table's own columns only (the file the pages have always had).
  const columns = rows.length ? [...def.columnNames, "rule_label"] : def.columnNames;
  return arrowBytes(labelled, columns, def);
}
