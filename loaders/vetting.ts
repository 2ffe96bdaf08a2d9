// Candidate vetting funnel per scope and body, reported term only: the warehouse's own scope and the one
// below (county and townships).
import { vetting as vettingTable } from "../src/warehouse/tables.ts";
import { topAndChildRows } from "./lib/scopes.ts";

export function vetting(warehouse: string): Promise<Uint8Array> {
  return topAndChildRows(warehouse, vettingTable, "body");
}
