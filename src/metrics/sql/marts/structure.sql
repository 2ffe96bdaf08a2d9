-- structure: the structure metrics of metrics.md with their change against
-- the previous term, one row per metric.
-- - scope county (scope_id = params.dataset), township, unit (scope_id =
--   unit_id); body party, committee, both.
-- - Every term × every scope of the units file × every body gets its rows,
--   also when it has no roster rows: then base = 0, counts 0, shares and
--   avg_age NULL (so "no data" is visible as base = 0).
-- - reelected has count and value NULL in a term without a previous term:
--   re-election cannot be known there.
-- - base = distinct persons of the scope and body; a person in two units
--   counts once at county/township scope.
-- - count: persons matching (unknown attribute = not matching); for avg_age
--   the persons with a known age, and value = their mean age.
-- - value: = count for members and position counts, count / base × 100 for
--   shares (NULL when base = 0).
-- - Position metrics only where the position exists in the body: party has
--   secretaries, deputy_secretaries; committee chairs, vice_chairs; both all.
-- - prev_*: the same row in the previous term (stg_metrics_terms.prev_term);
--   delta = value − prev_value; change_pct = relative change of the value,
--   count_change_pct = relative change of the count; a previous value
--   (count) of 0 or NULL gives NULL. delta and change_pct of shares are
--   computed from the integer counts and bases, of avg_age from the age
--   sums, with a single division: no cancellation error, so a tie like 7.65
--   rounds as a human expects.
-- Counts: int_metrics_scope_counts; the previous term's row is joined per
-- (scope, body) before the metrics are unpivoted.
-- value and delta: the macros metric_value and metric_delta (sql/macros/).
-- Source: int_metrics_scope_counts, scope_grid (stg_metrics_terms × int_metrics_unit_scopes).
CREATE OR REPLACE TABLE structure AS
WITH agg AS (
    SELECT
        g.term,
        g.prev_term,
        g.scope,
        g.scope_id,
        g.grp AS body,
        coalesce(c.base, 0) AS base,
        c.age_sum,
        mean_age(c.age_sum, c.age_known) AS mean_age,
        coalesce(c.base, 0) AS members,
        -- every count of the scope (0 where none was counted), by its own name
        coalesce(COLUMNS(c.* EXCLUDE (
            term, scope, scope_id, body, base, age_sum, age_known,
            gender_unknown, ethnicity_unknown, education_unknown, party_unknown
        )), 0),
        coalesce(c.age_known, 0) AS avg_age
    FROM scope_grid(['party', 'committee', 'both']) AS g
    LEFT JOIN int_metrics_scope_counts AS c
        ON c.term = g.term AND c.scope = g.scope AND c.scope_id = g.scope_id AND c.body = g.grp
),
-- Each scope and body beside its previous term's (absent in the first term).
paired AS (
    SELECT
        c.term,
        c.scope,
        c.scope_id,
        c.body,
        c.prev_term IS NULL AS first_term,
        c.base,
        c.age_sum,
        c.mean_age,
        p.term IS NULL OR p.prev_term IS NULL AS p_first_term,
        p.base AS p_base,
        p.age_sum AS p_age_sum,
        p.mean_age AS p_mean_age,
        c.members, p.members AS p_members,
        c.secretaries, p.secretaries AS p_secretaries,
        c.deputy_secretaries, p.deputy_secretaries AS p_deputy_secretaries,
        c.chairs, p.chairs AS p_chairs,
        c.vice_chairs, p.vice_chairs AS p_vice_chairs,
        c.college_plus, p.college_plus AS p_college_plus,
        c.high_school_plus, p.high_school_plus AS p_high_school_plus,
        c.women, p.women AS p_women,
        c.age_le_35, p.age_le_35 AS p_age_le_35,
        c.age_le_40, p.age_le_40 AS p_age_le_40,
        c.minority, p.minority AS p_minority,
        c.party_members, p.party_members AS p_party_members,
        c.reelected, p.reelected AS p_reelected,
        c.cross_serving, p.cross_serving AS p_cross_serving,
        c.avg_age, p.avg_age AS p_avg_age
    FROM agg AS c
    LEFT JOIN agg AS p
        ON p.term = c.prev_term AND p.scope = c.scope AND p.scope_id = c.scope_id AND p.body = c.body
),
long AS (
    -- INCLUDE NULLS: the previous term's values are NULL in the first term.
    FROM paired
    UNPIVOT INCLUDE NULLS ((n, p_n) FOR metric IN (
        (members, p_members) AS members,
        (secretaries, p_secretaries) AS secretaries,
        (deputy_secretaries, p_deputy_secretaries) AS deputy_secretaries,
        (chairs, p_chairs) AS chairs,
        (vice_chairs, p_vice_chairs) AS vice_chairs,
        (college_plus, p_college_plus) AS college_plus,
        (high_school_plus, p_high_school_plus) AS high_school_plus,
        (women, p_women) AS women,
        (age_le_35, p_age_le_35) AS age_le_35,
        (age_le_40, p_age_le_40) AS age_le_40,
        (minority, p_minority) AS minority,
        (party_members, p_party_members) AS party_members,
        (reelected, p_reelected) AS reelected,
        (cross_serving, p_cross_serving) AS cross_serving,
        (avg_age, p_avg_age) AS avg_age
    ))
),
counted AS (
    SELECT
        term,
        scope,
        scope_id,
        body,
        metric,
        CASE
            WHEN metric = 'avg_age' THEN 'mean'
            WHEN metric IN ('members', 'secretaries', 'deputy_secretaries', 'chairs', 'vice_chairs') THEN 'count'
            ELSE 'share'
        END AS kind,
        -- reelected needs a previous term: in the first term it is unknown (NULL), not 0 %.
        CASE WHEN metric = 'reelected' AND first_term THEN NULL ELSE n END AS count,
        base,
        age_sum,
        mean_age,
        CASE WHEN metric = 'reelected' AND p_first_term THEN NULL ELSE p_n END AS p_count,
        p_base,
        p_age_sum,
        p_mean_age
    FROM long
    WHERE NOT (body = 'party' AND metric IN ('chairs', 'vice_chairs'))
      AND NOT (body = 'committee' AND metric IN ('secretaries', 'deputy_secretaries'))
),
valued AS (
    SELECT
        *,
        metric_value(kind, count, base, mean_age) AS value,
        metric_value(kind, p_count, p_base, p_mean_age) AS p_value
    FROM counted
)
SELECT
    term::INTEGER AS term,
    scope::VARCHAR AS scope,
    scope_id::VARCHAR AS scope_id,
    body::VARCHAR AS body,
    metric::VARCHAR AS metric,
    count::BIGINT AS count,
    base::BIGINT AS base,
    value::DOUBLE AS value,
    p_count::BIGINT AS prev_count,
    p_value::DOUBLE AS prev_value,
    metric_delta(kind, count, base, age_sum, value, p_count, p_base, p_age_sum, p_value)::DOUBLE AS delta,
    (CASE
        WHEN p_value = 0 THEN NULL
        WHEN kind = 'share' AND base > 0 AND p_base > 0
            THEN (100 * (count * p_base - p_count * base))::DOUBLE / (p_count * base)
        WHEN kind = 'count' THEN (100 * (count - p_count))::DOUBLE / p_count
        WHEN kind = 'mean' AND count > 0 AND p_count > 0
            THEN (100 * (age_sum * p_count - p_age_sum * count))::DOUBLE / (p_age_sum * count)
        ELSE 100 * (value - p_value) / p_value
    END)::DOUBLE AS change_pct,
    (CASE WHEN p_count <> 0 THEN (100 * (count - p_count))::DOUBLE / p_count END)::DOUBLE
        AS count_change_pct
FROM valued;
