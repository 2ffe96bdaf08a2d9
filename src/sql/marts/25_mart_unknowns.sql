-- unknowns: how many persons of a metric's base have the attribute behind
-- the metric unknown (metrics.md: an unknown attribute counts as not
-- matching, and the data-quality page says how many unknowns touch each
-- metric). Grain: one row per (term, scope, scope_id, body, metric), scope
-- county and township, body party, committee and both, metrics college_plus
-- (education), women (gender), age_le_35, age_le_40, avg_age (age), minority
-- (ethnicity), party_members (political status).
-- - base = distinct persons of the scope and body, as in `structure`;
-- - unknown = those of them whose attribute is unknown in every membership
--   of the scope (age belongs to a membership; the others to the person).
-- Source: int_metrics_persons, int_metrics_unit_scopes.
CREATE OR REPLACE TABLE unknowns AS
WITH scoped AS (
    SELECT
        p.term,
        s.scope,
        s.scope_id,
        p.body,
        p.person_key,
        bool_and(p.age IS NULL) AS age_unknown,
        bool_and(p.gender IS NULL) AS gender_unknown,
        bool_and(p.minority IS NULL) AS ethnicity_unknown,
        bool_and(p.education_rank IS NULL) AS education_unknown,
        bool_and(p.party_member IS NULL) AS party_unknown
    FROM int_metrics_persons AS p
    JOIN int_metrics_unit_scopes AS s USING (unit_id)
    WHERE s.scope IN ('county', 'township')
    GROUP BY p.term, s.scope, s.scope_id, p.body, p.person_key
),
agg AS (
    SELECT
        term,
        scope,
        scope_id,
        body,
        count(*) AS base,
        count(*) FILTER (WHERE education_unknown) AS college_plus,
        count(*) FILTER (WHERE gender_unknown) AS women,
        count(*) FILTER (WHERE age_unknown) AS age_le_35,
        count(*) FILTER (WHERE age_unknown) AS age_le_40,
        count(*) FILTER (WHERE age_unknown) AS avg_age,
        count(*) FILTER (WHERE ethnicity_unknown) AS minority,
        count(*) FILTER (WHERE party_unknown) AS party_members
    FROM scoped
    GROUP BY term, scope, scope_id, body
)
SELECT
    term::INTEGER AS term,
    scope::VARCHAR AS scope,
    scope_id::VARCHAR AS scope_id,
    body::VARCHAR AS body,
    metric::VARCHAR AS metric,
    unknown::BIGINT AS unknown,
    base::BIGINT AS base
FROM (
    UNPIVOT agg
    ON college_plus, women, age_le_35, age_le_40, avg_age, minority, party_members
    INTO NAME metric VALUE unknown
);
