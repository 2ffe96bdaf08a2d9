-- metric_value: the value of a metric reported with its change against the previous
-- term (structure, leaders; metrics.md). `kind` is 'count' (value = count), 'share' (value =
-- count / base × 100, NULL when base = 0) or 'mean' (value = the mean age given).
CREATE OR REPLACE MACRO metric_value(kind, n, base, mean) AS
    CASE
        WHEN kind = 'mean' THEN mean
        WHEN kind = 'count' THEN n::DOUBLE
        WHEN base > 0 THEN (100 * n)::DOUBLE / base
    END;
