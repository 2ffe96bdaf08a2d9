-- int_progress_completion: when each unit's body completed its election in a term
-- (metrics.md, Progress).
-- Grain: one row per term × unit × body (every unit × every term of
-- int_metrics_unit_terms × party/committee).
-- completed_on = the date of the body's last election round in the vote tallies
-- (the latest election_date of any of its elections), else the latest
-- elected_on of its roster rows in that term, else NULL (not completed).
-- completed_from says which source gave the date: 'votes', 'roster' or NULL.
CREATE OR REPLACE VIEW int_progress_completion AS
WITH voted AS (
    SELECT term, unit_id, body, max(election_date) AS on_date
    FROM stg_elections
    GROUP BY term, unit_id, body
),
rostered AS (
    SELECT term, unit_id, body, max(elected_on) AS on_date
    FROM members
    GROUP BY term, unit_id, body
)
SELECT
    t.term,
    t.unit_id,
    t.township,
    b.body,
    coalesce(v.on_date, r.on_date) AS completed_on,
    CASE WHEN v.on_date IS NOT NULL THEN 'votes' WHEN r.on_date IS NOT NULL THEN 'roster' END AS completed_from
FROM int_metrics_unit_terms AS t
CROSS JOIN (VALUES ('party'), ('committee')) AS b(body)
LEFT JOIN voted AS v ON v.term = t.term AND v.unit_id = t.unit_id AND v.body = b.body
LEFT JOIN rostered AS r ON r.term = t.term AND r.unit_id = t.unit_id AND r.body = b.body;
