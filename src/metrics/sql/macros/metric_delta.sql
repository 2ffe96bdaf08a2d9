-- metric_delta: value − prev_value (structure, leaders; metrics.md "Change against the
-- previous term"), computed for shares from the integer counts and bases and for means
-- (count = persons with a known age, age_sum their ages) from the age sums with a single
-- division, so a tie like 7.65 rounds as a human expects.
CREATE OR REPLACE MACRO metric_delta(kind, n, base, age_sum, v, p_n, p_base, p_age_sum, p_v) AS
    CASE
        WHEN kind = 'share' AND base > 0 AND p_base > 0
            THEN (100 * (n * p_base - p_n * base))::DOUBLE / (base * p_base)
        WHEN kind = 'mean' AND n > 0 AND p_n > 0
            THEN (age_sum * p_n - p_age_sum * n)::DOUBLE / (n * p_n)
        ELSE v - p_v
    END;
