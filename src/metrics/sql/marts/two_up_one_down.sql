-- two_up_one_down: "两升一降" (metrics.md), for every term that has a previous
-- term, every scope above unit (a county warehouse: county, township), body
-- party or both.
-- college_up: college_plus value rose; women_up: women value rose; age_down:
-- avg_age value fell (strict comparisons of unrounded values). A leg is NULL
-- when either value is missing (no roster / no known age); verdict = the
-- three legs ANDed (true: all hold; false: one fails; else NULL).
-- Source: structure, stg_metrics_terms.
CREATE OR REPLACE TABLE two_up_one_down AS
WITH legs AS (
    SELECT
        s.term,
        t.prev_term,
        s.scope,
        s.scope_id,
        s.body,
        bool_or(s.value > s.prev_value) FILTER (WHERE s.metric = 'college_plus') AS college_up,
        bool_or(s.value > s.prev_value) FILTER (WHERE s.metric = 'women') AS women_up,
        bool_or(s.value < s.prev_value) FILTER (WHERE s.metric = 'avg_age') AS age_down
    FROM structure AS s
    JOIN stg_metrics_terms AS t ON t.term = s.term
    WHERE t.prev_term IS NOT NULL
      AND s.scope <> 'unit'
      AND s.body IN ('party', 'both')
    GROUP BY s.term, t.prev_term, s.scope, s.scope_id, s.body
)
SELECT
    term::INTEGER AS term,
    prev_term::INTEGER AS prev_term,
    scope::VARCHAR AS scope,
    scope_id::VARCHAR AS scope_id,
    body::VARCHAR AS body,
    college_up,
    women_up,
    age_down,
    (college_up AND women_up AND age_down) AS verdict
FROM legs;
