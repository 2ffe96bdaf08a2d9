-- vetting_reasons (metrics/vetting_reasons.parquet): disqualifications by reason,
-- the reason text grouped as written (trimmed; no splitting of multi-reason
-- texts). A disqualified row without a reason is grouped under '未注明原因'.
-- Rows: each reason of a scope that has at least one disqualification; every
-- scope above unit of int_metrics_unit_scopes.
-- disqualified = distinct persons disqualified for that reason, whatever body;
-- a person disqualified under two different reasons counts under each, so the
-- reasons of a scope may add up to more than vetting.disqualified (body both).
CREATE OR REPLACE TABLE vetting_reasons AS
SELECT
    c.term::INTEGER AS term,
    s.scope::VARCHAR AS scope,
    s.scope_id::VARCHAR AS scope_id,
    coalesce(c.reason, '未注明原因')::VARCHAR AS reason,
    count(DISTINCT c.person_key)::BIGINT AS disqualified
FROM stg_candidates AS c
JOIN int_metrics_unit_scopes AS s ON s.unit_id = c.unit_id AND s.scope <> 'unit'
WHERE c.status = 'disqualified'
GROUP BY c.term, s.scope, s.scope_id, coalesce(c.reason, '未注明原因');
