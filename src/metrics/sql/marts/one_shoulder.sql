-- one_shoulder: units whose party secretary is also the committee chair
-- (一肩挑), per term and scope: county (scope_id = params.dataset),
-- township, unit (scope_id = unit_id).
-- units_total: every unit of the scope in the units file (the denominator,
-- as in official statistics); units_with_data: units with roster rows for
-- both bodies in the term; units_one_shoulder: of those, one-shoulder ones;
-- rate = units_one_shoulder / units_total × 100 (NULL when no unit).
-- Source: int_metrics_unit_terms, int_metrics_unit_scopes.
CREATE OR REPLACE TABLE one_shoulder AS
WITH scoped AS (
    SELECT s.scope, s.scope_id, u.*
    FROM int_metrics_unit_terms AS u
    JOIN int_metrics_unit_scopes AS s USING (unit_id)
)
SELECT
    term::INTEGER AS term,
    scope::VARCHAR AS scope,
    scope_id::VARCHAR AS scope_id,
    count(*)::BIGINT AS units_total,
    count(*) FILTER (WHERE has_party AND has_committee)::BIGINT AS units_with_data,
    count(*) FILTER (WHERE one_shoulder)::BIGINT AS units_one_shoulder,
    ((100 * count(*) FILTER (WHERE one_shoulder))::DOUBLE / count(*))::DOUBLE AS rate
FROM scoped
GROUP BY term, scope, scope_id;
