-- targets: the share of units meeting each target against its goal.
-- Rows: the warehouse's own level (scope_id = params.dataset; a row for every term and target,
-- also when no unit applies) and every other scope above unit of int_metrics_unit_scopes with
-- at least one applicable unit (a county warehouse: its townships).
-- units_total: applicable units (no-data units included, as not met);
-- rate = units_met / units_total × 100 (NULL when no unit); met = rate ≥ goal
-- (NULL when rate is NULL). Rates are computed as (100 × met)/total so that
-- an exact hit of the goal compares equal.
-- Source: target_units, stg_metrics_target_rules, stg_metrics_terms, int_metrics_unit_scopes, params.
CREATE OR REPLACE TABLE targets AS
WITH top AS (
    SELECT
        t.term,
        r.target_id,
        (SELECT level FROM params) AS scope,
        (SELECT dataset FROM params) AS scope_id,
        count(u.unit_id) FILTER (WHERE u.met) AS units_met,
        count(u.unit_id) AS units_total
    FROM stg_metrics_terms AS t
    CROSS JOIN stg_metrics_target_rules AS r
    LEFT JOIN target_units AS u ON u.term = t.term AND u.target_id = r.target_id
    GROUP BY t.term, r.target_id
),
below AS (
    SELECT
        u.term,
        u.target_id,
        s.scope,
        s.scope_id,
        count(*) FILTER (WHERE u.met) AS units_met,
        count(*) AS units_total
    FROM target_units AS u
    JOIN int_metrics_unit_scopes AS s
        ON s.unit_id = u.unit_id AND s.scope <> 'unit' AND s.parent_id IS NOT NULL
    GROUP BY u.term, u.target_id, s.scope, s.scope_id
),
rates AS (
    SELECT
        s.*,
        CASE WHEN s.units_total > 0 THEN (100 * s.units_met)::DOUBLE / s.units_total END AS rate
    FROM (SELECT * FROM top UNION ALL SELECT * FROM below) AS s
)
SELECT
    x.term::INTEGER AS term,
    x.target_id::VARCHAR AS target_id,
    r.label::VARCHAR AS label,
    x.scope::VARCHAR AS scope,
    x.scope_id::VARCHAR AS scope_id,
    x.units_met::BIGINT AS units_met,
    x.units_total::BIGINT AS units_total,
    x.rate::DOUBLE AS rate,
    r.goal::DOUBLE AS goal,
    (x.rate >= r.goal)::BOOLEAN AS met
FROM rates AS x
JOIN stg_metrics_target_rules AS r USING (target_id);
