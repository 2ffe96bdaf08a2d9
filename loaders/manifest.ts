// The warehouse manifest (inputs with sha256 and row counts, warnings by rule, tables), with rule labels.
import { REJECT_RULES, WARNING_RULES } from "../src/ingest/finding.ts";
import { warehouseJson } from "../src/warehouse/directory.ts";
import { jsonBytes } from "./lib/json.ts";

export async function manifest(warehouse: string): Promise<Uint8Array> {
  return jsonBytes({
    manifest: warehouseJson(warehouse, "manifest.json"),
    rules: { ...REJECT_RULES, ...WARNING_RULES },
  });
}
