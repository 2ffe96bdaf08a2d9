// Warnings on accepted rows, located like rejects.
import { WARNING_RULES } from "../src/ingest/finding.ts";
import { withWarehouse } from "../src/warehouse/directory.ts";
import { warnings as warningsTable } from "../src/warehouse/tables.ts";
import { findingsArrow } from "./lib/findings.ts";

export function warnings(warehouse: string): Promise<Uint8Array> {
  return withWarehouse(warehouse, (wh) => findingsArrow(wh, warningsTable, WARNING_RULES));
}
