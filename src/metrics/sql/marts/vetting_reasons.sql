-- vetting_reasons (metrics/vetting_reasons.parquet): disqualifications by reason,
-- the reason text grouped as written (trimmed; no splitting of multi-reason
-- texts). A disqualified row without a reason is grouped under '未注明原因'.
-- Rows: each reason of a scope that has at least one disqualification; scope county (scope_id = params.dataset) or township.
-- disqualified = distinct persons disqualified for that reason, whatever body;
-- a person disqualified under two different reasons counts under each, so the
-- reasons of a scope may add up to more than vetting.disqualified (body both).
CREATE OR REPLACE TABLE vetting_reasons AS
SELECT
    term::INTEGER AS term,
    (CASE WHEN GROUPING(township) = 1 THEN 'county' ELSE 'township' END)::VARCHAR AS scope,
    (CASE WHEN GROUPING(township) = 1 THEN (SELECT dataset FROM params) ELSE township END)::VARCHAR AS scope_id,
    coalesce(reason, '未注明原因')::VARCHAR AS reason,
    count(DISTINCT person_key)::BIGINT AS disqualified
FROM stg_candidates
WHERE status = 'disqualified'
GROUP BY GROUPING SETS ((term, coalesce(reason, '未注明原因')), (term, coalesce(reason, '未注明原因'), township))
ORDER BY term, scope, scope_id, reason;
