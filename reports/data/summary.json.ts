// metrics/summary.json (the generated paragraph and its figures) and the county rows the overview cards show
// (structure, targets, the leaders' profile: JSON, so the overview needs no Arrow decoder).
import { leaders, structure, targets } from "../../src/warehouse/tables.ts";
import { readJson, readRows, writeJson } from "./lib/warehouse.ts";

const summary = readJson("metrics/summary.json") as { term?: number } | null;
const manifest = readJson("manifest.json") as Record<string, unknown> | null;
const county = await readRows(structure, { where: "scope = 'county'", orderBy: ["term", "body", "metric"] });
const term = summary?.term ?? Math.max(...county.map((r) => Number(r.term)));
writeJson({
  summary,
  structure: county.filter((r) => r.term === term),
  targets: (await readRows(targets, { where: "scope = 'county'", orderBy: ["target_id"] })).filter(
    (r) => r.term === term,
  ),
  leaders: (
    await readRows(leaders, {
      columns: ["term", "role", "metric", "count", "value", "delta"],
      where: "scope = 'county'",
      orderBy: ["role", "metric"],
    })
  ).filter((r) => r.term === term),
  provenance: manifest && {
    dataset: manifest.dataset ?? manifest.name ?? null,
    tool_version:
      (manifest.tool as { version?: string } | undefined)?.version ?? manifest.tool_version ?? null,
    inputs: ((manifest.files ?? manifest.inputs) as unknown[] | undefined)?.length ?? null,
  },
});
