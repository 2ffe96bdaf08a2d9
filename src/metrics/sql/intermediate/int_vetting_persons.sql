-- int_vetting_persons: each registered person's vetting outcome per scope and body
-- (metrics.md, Candidate vetting).
-- Grain: one row per term × scope × scope_id × body × person_key, where scope is
-- every scope above unit of int_metrics_unit_scopes (a county warehouse: county,
-- scope_id = params.dataset, and township), and body is party, committee or both.
-- * party / committee: the person's rows for that body.
-- * both: all the person's rows, including rows with a NULL body (a
--   registration that does not name a body counts only in `both`).
-- * A person with several rows takes the most decisive outcome:
--   disqualified > passed > withdrawn (disqualified for any body means
--   disqualified; otherwise still standing somewhere means passed), so
--   registered = passed + disqualified + withdrawn in every row of the mart.
-- * party_member when any of the person's rows says so.
CREATE OR REPLACE VIEW int_vetting_persons AS
WITH by_body AS (
    SELECT term, unit_id, body, person_key, party_member, status FROM stg_candidates WHERE body IS NOT NULL
    UNION ALL
    SELECT term, unit_id, 'both' AS body, person_key, party_member, status FROM stg_candidates
)
SELECT
    b.term,
    s.scope,
    s.scope_id,
    b.body,
    b.person_key,
    bool_or(b.party_member) AS party_member,
    CASE
        WHEN bool_or(b.status = 'disqualified') THEN 'disqualified'
        WHEN bool_or(b.status = 'passed') THEN 'passed'
        ELSE 'withdrawn'
    END AS status
FROM by_body AS b
JOIN int_metrics_unit_scopes AS s ON s.unit_id = b.unit_id AND s.scope <> 'unit'
GROUP BY b.term, s.scope, s.scope_id, b.body, b.person_key;
