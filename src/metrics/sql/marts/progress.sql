-- progress (metrics/progress.parquet): the daily report (日报告日通报) of how many
-- units have completed each body's election (metrics.md, Progress).
-- Rows for every day of int_progress_days (first election date to the as-of date D)
-- and every scope above unit of int_metrics_unit_scopes.
--   units_done  = units whose completed_on <= day
--   units_total = all units of the scope (from `units`, with or without data)
--   rate        = units_done / units_total × 100
--   rank        = RANK() by rate within the parent scope (townships within their
--                 county, counties within their city, …), highest first, ties
--                 share (1, 2, 2, 4); the warehouse's own level: NULL
-- The warehouse's own level has scope_id params.dataset.
-- Counted per township and day, then added up into every scope containing the
-- township (counts are additive; the days × units product is made once).
CREATE OR REPLACE TABLE progress AS
WITH by_township AS (
    SELECT
        d.term,
        c.body,
        c.township,
        d.day,
        count(*) FILTER (WHERE c.completed_on <= d.day) AS units_done,
        count(*) AS units_total
    FROM int_progress_days AS d
    JOIN int_progress_completion AS c ON c.term = d.term
    GROUP BY d.term, c.body, c.township, d.day
),
township_scopes AS (
    SELECT DISTINCT t.scope_id AS township, s.scope, s.scope_id, s.parent_id
    FROM int_metrics_unit_scopes AS t
    JOIN int_metrics_unit_scopes AS s ON s.unit_id = t.unit_id AND s.scope <> 'unit'
    WHERE t.scope = 'township'
),
by_scope AS (
    SELECT
        b.term,
        b.body,
        s.scope,
        s.scope_id,
        s.parent_id,
        b.day,
        sum(b.units_done) AS units_done,
        sum(b.units_total) AS units_total
    FROM by_township AS b
    JOIN township_scopes AS s USING (township)
    GROUP BY b.term, b.body, s.scope, s.scope_id, s.parent_id, b.day
)
SELECT
    term::INTEGER AS term,
    body::VARCHAR AS body,
    scope::VARCHAR AS scope,
    scope_id::VARCHAR AS scope_id,
    day::DATE AS day,
    units_done::BIGINT AS units_done,
    units_total::BIGINT AS units_total,
    units_done::DOUBLE * 100 / units_total AS rate,
    CASE WHEN parent_id IS NOT NULL
        THEN RANK() OVER (
            PARTITION BY term, body, scope, parent_id, day ORDER BY units_done::DOUBLE * 100 / units_total DESC
        )
    END::INTEGER AS rank
FROM by_scope;
