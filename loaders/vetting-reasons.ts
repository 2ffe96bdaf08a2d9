// Disqualifications by reason, as written, reported term only: the warehouse's own scope and the one below.
import { vettingReasons as vettingReasonsTable } from "../src/warehouse/tables.ts";
import { topAndChildRows } from "./lib/scopes.ts";

export function vettingReasons(warehouse: string): Promise<Uint8Array> {
  return topAndChildRows(warehouse, vettingReasonsTable, "reason");
}
