// Warnings on accepted rows, located like rejects.
import { WARNING_RULES } from "../../src/ingest/finding.ts";
import { warnings } from "../../src/warehouse/tables.ts";
import { writeArrow } from "./lib/warehouse.ts";

const labels: Record<string, string> = WARNING_RULES;
await writeArrow(warnings, { orderBy: ["source_file", "sheet", "source_row", "column"] }, (rows) =>
  rows.map((r) => ({ ...r, rule_label: labels[String(r.rule)] ?? String(r.rule) })),
);
