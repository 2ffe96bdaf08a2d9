-- progress (metrics/progress.parquet): the daily report (日报告日通报) of how many
-- units have completed each body's election (metrics.md, Progress).
-- Rows for every day of int_progress_days (first election date to the as-of date D).
--   units_done  = units whose completed_on <= day
--   units_total = all units of the scope (from `units`, with or without data)
--   rate        = units_done / units_total × 100
--   rank        = townships: RANK() by rate, highest first, ties share
--                 (1, 2, 2, 4); county rows: NULL
-- County scope_id is params.dataset.
CREATE OR REPLACE TABLE progress AS
WITH by_scope AS (
    SELECT
        d.term,
        c.body,
        CASE WHEN GROUPING(c.township) = 1 THEN 'county' ELSE 'township' END AS scope,
        CASE WHEN GROUPING(c.township) = 1 THEN (SELECT dataset FROM params) ELSE c.township END AS scope_id,
        d.day,
        count(*) FILTER (WHERE c.completed_on <= d.day) AS units_done,
        count(*) AS units_total
    FROM int_progress_days AS d
    JOIN int_progress_completion AS c ON c.term = d.term
    GROUP BY GROUPING SETS ((d.term, c.body, d.day), (d.term, c.body, d.day, c.township))
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
    CASE WHEN scope = 'township'
        THEN RANK() OVER (PARTITION BY term, body, scope, day ORDER BY units_done::DOUBLE * 100 / units_total DESC)
    END::INTEGER AS rank
FROM by_scope
ORDER BY term, body, scope, scope_id, day;
