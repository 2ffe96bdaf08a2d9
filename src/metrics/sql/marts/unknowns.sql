-- unknowns: how many persons of a metric's base have the attribute behind
-- the metric unknown (metrics.md: an unknown attribute counts as not
-- matching, and the data-quality page says how many unknowns touch each
-- metric). Every
-- scope above unit (a county warehouse: county and township), body party, committee and both, metrics college_plus
-- and high_school_plus (education), women (gender), age_le_35, age_le_40, avg_age (age), minority
-- (ethnicity), party_members (political status).
-- - base = distinct persons of the scope and body, as in `structure`;
-- - unknown = those of them whose attribute is unknown in every membership
--   of the scope (age belongs to a membership; the others to the person).
-- Counts: int_metrics_scope_counts (age unknown = base − persons with a known age).
-- Source: int_metrics_scope_counts.
CREATE OR REPLACE TABLE unknowns AS
WITH agg AS (
    SELECT
        term,
        scope,
        scope_id,
        body,
        base,
        education_unknown AS college_plus,
        education_unknown AS high_school_plus,
        gender_unknown AS women,
        base - age_known AS age_le_35,
        base - age_known AS age_le_40,
        base - age_known AS avg_age,
        ethnicity_unknown AS minority,
        party_unknown AS party_members
    FROM int_metrics_scope_counts
    WHERE scope <> 'unit'
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
    ON college_plus, high_school_plus, women, age_le_35, age_le_40, avg_age, minority, party_members
    INTO NAME metric VALUE unknown
);
