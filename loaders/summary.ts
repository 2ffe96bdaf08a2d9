// metrics/summary.json (the generated paragraph and its figures) and the rows of the warehouse's own scope
// (the county's, a city's…) the overview cards show (structure, targets, the leaders' profile: JSON, so the
// overview needs no Arrow decoder): the summary's term, else the latest term of those structure rows.
import { withWarehouse } from "../src/warehouse/directory.ts";
import { jsonBytes } from "./lib/json.ts";
import { warehouseLevel } from "./lib/levels.ts";

const TERM = "coalesce($term, (SELECT max(term) FROM structure WHERE scope = $top))";

export function summary(warehouse: string): Promise<Uint8Array> {
  return withWarehouse(warehouse, async (wh) => {
    const summary = wh.json("metrics/summary.json") as { term?: number } | null;
    const manifest = wh.json("manifest.json") as Record<string, unknown> | null;
    const params = { term: summary?.term ?? null, top: warehouseLevel(wh) };
    return jsonBytes({
      summary,
      structure: await wh.rows(
        `SELECT * FROM structure WHERE scope = $top AND term = ${TERM} ORDER BY body, metric`,
        params,
      ),
      targets: await wh.rows(
        `SELECT * FROM targets WHERE scope = $top AND term = ${TERM} ORDER BY target_id`,
        params,
      ),
      leaders: await wh.rows(
        `SELECT term, role, metric, count, value, delta FROM leaders
        WHERE scope = $top AND term = ${TERM} ORDER BY role, metric`,
        params,
      ),
      provenance: manifest && {
        dataset: manifest.dataset ?? manifest.name ?? null,
        tool_version:
          (manifest.tool as { version?: string } | undefined)?.version ?? manifest.tool_version ?? null,
        inputs: ((manifest.files ?? manifest.inputs) as unknown[] | undefined)?.length ?? null,
      },
    });
  });
}
