// Rejected input rows with file, sheet, row, column, value (ID numbers masked) and the rule's Chinese label.
import { REJECT_RULES } from "../src/ingest/finding.ts";
import { withWarehouse } from "../src/warehouse/directory.ts";
import { rejects as rejectsTable } from "../src/warehouse/tables.ts";
import { findingsArrow } from "./lib/findings.ts";

export function rejects(warehouse: string): Promise<Uint8Array> {
  return withWarehouse(warehouse, (wh) => findingsArrow(wh, rejectsTable, REJECT_RULES));
}
