// The warehouse manifest (inputs with sha256 and row counts, warnings by rule, tables), with rule labels.
import { REJECT_RULES, WARNING_RULES } from "../../src/ingest/finding.ts";
import { readJson, writeJson } from "./lib/warehouse.ts";

writeJson({ manifest: readJson("manifest.json"), rules: { ...REJECT_RULES, ...WARNING_RULES } });
