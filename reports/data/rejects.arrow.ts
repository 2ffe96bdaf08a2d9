// Rejected input rows with file, sheet, row, column, value (ID numbers masked) and the rule's Chinese label.
import { REJECT_RULES } from "../../src/ingest/finding.ts";
import { rejects } from "../../src/warehouse/tables.ts";
import { writeArrow } from "./lib/warehouse.ts";

const labels: Record<string, string> = REJECT_RULES;
await writeArrow(rejects, { orderBy: ["source_file", "sheet", "source_row", "column"] }, (rows) =>
  rows.map((r) => ({ ...r, rule_label: labels[String(r.rule)] ?? String(r.rule) })),
);
