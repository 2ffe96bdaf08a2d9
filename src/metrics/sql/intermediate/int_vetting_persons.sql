-- int_vetting_persons: each registered person's vetting outcome per scope and body
-- (metrics.md, Candidate vetting).
-- Grain: one row per term × scope × scope_id × body × person_key, where scope is
-- county (scope_id = params.dataset) or township, and body is party, committee
-- or both.
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
    SELECT term, township, body, person_key, party_member, status FROM stg_candidates WHERE body IS NOT NULL
    UNION ALL
    SELECT term, township, 'both' AS body, person_key, party_member, status FROM stg_candidates
)
SELECT
    term,
    CASE WHEN GROUPING(township) = 1 THEN 'county' ELSE 'township' END AS scope,
    CASE WHEN GROUPING(township) = 1 THEN (SELECT dataset FROM params) ELSE township END AS scope_id,
    body,
    person_key,
    bool_or(party_member) AS party_member,
    CASE
        WHEN bool_or(status = 'disqualified') THEN 'disqualified'
        WHEN bool_or(status = 'passed') THEN 'passed'
        ELSE 'withdrawn'
    END AS status
FROM by_body
GROUP BY GROUPING SETS ((term, body, person_key), (term, body, person_key, township));
