// The bulletin table (通报表), reported term: a row per cell. The rows of the table are the jurisdictions
// one level below the top scope present (townships of a county, counties of a city); the top scope's own
// rows are the total (never an average). Cells: each target's completion rate, then the party
// organisation's headline figures and their change on the previous term. Ranks (RANK: ties share,
// 1, 2, 2, 4) are over the values as shown, one decimal half away from zero; `better` says which end
// ranks first (average age and its change: the lowest). docs/decisions.md, issue 14.
import { withWarehouse } from "../src/warehouse/directory.ts";
import { arrowBytes } from "./lib/arrow.ts";
import { reportTerms } from "./lib/terms.ts";

/** The headline figures in column order. */
const HEADLINE = ["members", "women", "college_plus", "age_le_40", "avg_age"];
const LOW = ["avg_age", "avg_age:delta"];
const LEVELS = ["nation", "province", "city", "county", "township"];
// Constant lists of this file (never data) written into the SQL.
const list = (xs: string[]) => xs.map((x) => `'${x}'`).join(", ");
const COLUMNS = "scope scope_id total key kind metric label goal met better value rank".split(" ");

export function bulletin(warehouse: string): Promise<Uint8Array> {
  return withWarehouse(warehouse, async (wh) => {
    const { term } = await reportTerms(wh);
    const rows = await wh.rows(
      `
  WITH levels AS (SELECT unnest([${list(LEVELS)}]) AS level, generate_subscripts([${list(LEVELS)}], 1) AS depth),
  headline AS (
    SELECT scope, scope_id, metric, value, delta, list_position([${list(HEADLINE)}], metric) AS ordinal FROM structure
    WHERE term = $term AND body = 'party' AND metric IN (${list(HEADLINE)})
  ),
  cells AS (
    SELECT scope, scope_id, metric AS key, 'metric' AS kind, metric, NULL AS label, NULL AS goal, NULL::BOOLEAN AS met, value, 2 * ordinal AS ordinal FROM headline
    UNION ALL
    SELECT scope, scope_id, metric || ':delta', 'delta', metric, NULL, NULL, NULL, delta, 2 * ordinal + 1 FROM headline
    UNION ALL
    SELECT scope, scope_id, 'target:' || target_id, 'target', NULL, label, goal, met, rate, 0 FROM targets WHERE term = $term
  ),
  placed AS (SELECT cells.*, depth FROM cells JOIN levels ON level = scope),
  tiers AS (SELECT DISTINCT depth FROM placed ORDER BY depth LIMIT 2),
  kept AS (
    SELECT placed.*, depth = (SELECT min(depth) FROM tiers) AS total,
      CASE WHEN key IN (${list(LOW)}) THEN 'low' ELSE 'high' END AS better,
      round(value::DECIMAL(38, 6), 1)::DOUBLE * CASE WHEN key IN (${list(LOW)}) THEN 1 ELSE -1 END AS order_by
    FROM placed WHERE depth IN (SELECT depth FROM tiers) AND (SELECT count(*) FROM tiers) = 2
  )
  SELECT scope, scope_id, total, key, kind, metric, label, goal, met, better, value,
    CASE WHEN NOT total AND value IS NOT NULL
      THEN rank() OVER (PARTITION BY total, key ORDER BY order_by NULLS LAST) END AS rank
  FROM kept ORDER BY total DESC, scope_id, ordinal, key`,
      { term: term ?? -1 },
    );
    return arrowBytes(rows, COLUMNS, undefined, [
      "scope",
      "scope_id",
      "key",
      "kind",
      "metric",
      "label",
      "better",
    ]);
  });
}
