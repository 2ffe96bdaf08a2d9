-- vetting (metrics/vetting.parquet): registrations and vetting outcomes
-- (metrics.md, Candidate vetting).
-- Rows for every term that has vetting rows: every scope above unit of
-- int_metrics_unit_scopes (0s where nobody registered) and bodies party, committee, both. Counts are distinct persons
-- (see int_vetting_persons for `both`, NULL bodies and multi-row persons);
-- registered = passed + disqualified + withdrawn.
CREATE OR REPLACE TABLE vetting AS
WITH scopes AS (
    -- Terms first, then the scopes: crossing every candidate row with every unit is quadratic.
    SELECT c.term, s.scope, s.scope_id
    FROM (SELECT DISTINCT term FROM stg_candidates) AS c
    CROSS JOIN (SELECT DISTINCT scope, scope_id FROM int_metrics_unit_scopes WHERE scope <> 'unit') AS s
),
counted AS (
    SELECT
        term,
        scope,
        scope_id,
        body,
        count(*) AS registered,
        count(*) FILTER (WHERE party_member) AS party_members,
        count(*) FILTER (WHERE status = 'passed') AS passed,
        count(*) FILTER (WHERE status = 'disqualified') AS disqualified,
        count(*) FILTER (WHERE status = 'withdrawn') AS withdrawn
    FROM int_vetting_persons
    GROUP BY term, scope, scope_id, body
)
SELECT
    s.term::INTEGER AS term,
    s.scope::VARCHAR AS scope,
    s.scope_id::VARCHAR AS scope_id,
    b.body::VARCHAR AS body,
    coalesce(c.registered, 0)::BIGINT AS registered,
    coalesce(c.party_members, 0)::BIGINT AS party_members,
    coalesce(c.passed, 0)::BIGINT AS passed,
    coalesce(c.disqualified, 0)::BIGINT AS disqualified,
    coalesce(c.withdrawn, 0)::BIGINT AS withdrawn
FROM scopes AS s
CROSS JOIN (VALUES ('party'), ('committee'), ('both')) AS b(body)
LEFT JOIN counted AS c ON c.term = s.term AND c.scope = s.scope AND c.scope_id = s.scope_id AND c.body = b.body;
