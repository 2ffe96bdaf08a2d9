// The bulletin table (通报表), reported term: one row per jurisdiction one level below the top scope
// (townships of a county, counties of a city), and the top scope's own row as the total (never an
// average). Columns: each target's completion rate, then the party organisation's headline figures with
// their change on the previous term. Ranks (RANK: ties share, 1, 2, 2, 4) are over the values as shown,
// rounded to one decimal half away from zero; average age and its change rank lowest first.
import { structure, targets } from "../../src/warehouse.ts";
import { queryRows, reportTerms, writeJson } from "./lib/warehouse.ts";

/** The headline figures (docs/decisions.md), in column order; `low`: the lower the better. */
const HEADLINE = ["members", "women", "college_plus", "age_le_40", "avg_age"];
const LOW = ["avg_age", "avg_age:delta"];
const LEVELS = ["nation", "province", "city", "county", "township"];

const { term, prev_term } = await reportTerms();
const list = (xs: string[]) => xs.map((x) => `'${x}'`).join(", ");
const rows = await queryRows(
  [structure, targets],
  (s, t) => `
  WITH levels AS (SELECT unnest([${list(LEVELS)}]) AS level, generate_subscripts([${list(LEVELS)}], 1) AS depth),
  cells AS (
    SELECT scope, scope_id, metric AS key, NULL AS label, NULL AS goal, value FROM ${s}
      WHERE term = $term AND body = 'party' AND metric IN (${list(HEADLINE)})
    UNION ALL
    SELECT scope, scope_id, metric || ':delta', NULL, NULL, delta FROM ${s}
      WHERE term = $term AND body = 'party' AND metric IN (${list(HEADLINE)})
    UNION ALL
    SELECT scope, scope_id, 'target:' || target_id, label, goal, rate FROM ${t} WHERE term = $term
  ),
  placed AS (SELECT cells.*, depth FROM cells JOIN levels ON level = scope),
  tiers AS (SELECT DISTINCT depth FROM placed ORDER BY depth LIMIT 2),
  kept AS (
    SELECT placed.*, depth = (SELECT min(depth) FROM tiers) AS total,
      round(value::DECIMAL(38, 6), 1)::DOUBLE * CASE WHEN key IN (${list(LOW)}) THEN 1 ELSE -1 END AS order_by
    FROM placed WHERE depth IN (SELECT depth FROM tiers) AND (SELECT count(*) FROM tiers) = 2
  )
  SELECT scope, scope_id, total, key, label, goal, value,
    CASE WHEN NOT total AND value IS NOT NULL THEN rank() OVER (PARTITION BY total, key ORDER BY order_by NULLS LAST) END AS rank
  FROM kept ORDER BY total DESC, scope_id, key`,
  { term: Number(term ?? -1) },
);

const first = (total: boolean) => rows.find((r) => r.total === total);
const keys = [
  ...new Set(rows.filter((r) => String(r.key).startsWith("target:")).map((r) => String(r.key))),
].sort();
const columns = [
  ...keys.map((key) => {
    const r = rows.find((d) => d.key === key);
    return { key, kind: "target", label: r?.label, goal: r?.goal };
  }),
  ...HEADLINE.flatMap((metric) => [
    { key: metric, kind: "metric", metric },
    { key: `${metric}:delta`, kind: "delta", metric },
  ]),
].map((c) => ({ ...c, better: LOW.includes(c.key) ? "low" : "high" }));
const entry = (scopeId: unknown, total: boolean) => {
  const own = rows.filter((r) => r.scope_id === scopeId && r.total === total);
  return {
    scope_id: scopeId,
    values: Object.fromEntries(own.map((r) => [r.key, r.value])),
    ranks: Object.fromEntries(own.filter((r) => r.rank != null).map((r) => [r.key, r.rank])),
  };
};
writeJson({
  term,
  prev_term,
  scope: first(true)?.scope ?? null,
  row_scope: first(false)?.scope ?? null,
  columns,
  total: first(true) ? entry(first(true)?.scope_id, true) : null,
  rows: [...new Set(rows.filter((r) => !r.total).map((r) => r.scope_id))].map((id) => entry(id, false)),
});
