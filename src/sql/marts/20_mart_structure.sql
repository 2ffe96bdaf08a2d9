-- structure: the structure metrics of metrics.md with their change against
-- the previous term. Grain: one row per (term, scope, scope_id, body, metric).
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
-- Source: int_metrics_persons, int_metrics_unit_scopes, stg_metrics_terms.
CREATE OR REPLACE TABLE structure AS
WITH scoped AS (
    SELECT s.scope, s.scope_id, p.*
    FROM int_metrics_persons AS p
    JOIN int_metrics_unit_scopes AS s USING (unit_id)
),
scope_persons AS (
    SELECT
        term,
        scope,
        scope_id,
        body,
        person_key,
        -- One flag per position (what agg counts), not a list of lists per group.
        bool_or(list_contains(positions, 'secretary')) AS is_secretary,
        bool_or(list_contains(positions, 'deputy_secretary')) AS is_deputy_secretary,
        bool_or(list_contains(positions, 'chair')) AS is_chair,
        bool_or(list_contains(positions, 'vice_chair')) AS is_vice_chair,
        -- arg_min, not first(… ORDER BY): same value (unit_id is unique per person here), no sort per group.
        arg_min(age, unit_id) FILTER (WHERE age IS NOT NULL) AS age,
        any_value(gender) AS gender,
        any_value(minority) AS minority,
        any_value(college_plus) AS college_plus,
        any_value(party_member) AS party_member,
        bool_or(reelected) AS reelected,
        bool_or(cross_serving) AS cross_serving
    FROM scoped
    GROUP BY term, scope, scope_id, body, person_key
),
scopes AS (
    SELECT DISTINCT scope, scope_id FROM int_metrics_unit_scopes
),
skeleton AS (
    SELECT t.term, s.scope, s.scope_id, b.body
    FROM stg_metrics_terms AS t
    CROSS JOIN scopes AS s
    CROSS JOIN (VALUES ('party'), ('committee'), ('both')) AS b(body)
),
agg AS (
    SELECT
        k.term,
        k.scope,
        k.scope_id,
        k.body,
        count(p.person_key) AS base,
        sum(p.age)::BIGINT AS age_sum,
        sum(p.age)::DOUBLE / nullif(count(p.age), 0) AS mean_age,
        count(p.person_key) AS members,
        count(p.person_key) FILTER (WHERE p.is_secretary) AS secretaries,
        count(p.person_key) FILTER (WHERE p.is_deputy_secretary) AS deputy_secretaries,
        count(p.person_key) FILTER (WHERE p.is_chair) AS chairs,
        count(p.person_key) FILTER (WHERE p.is_vice_chair) AS vice_chairs,
        count(p.person_key) FILTER (WHERE p.college_plus) AS college_plus,
        count(p.person_key) FILTER (WHERE p.gender = 'F') AS women,
        count(p.person_key) FILTER (WHERE p.age <= 35) AS age_le_35,
        count(p.person_key) FILTER (WHERE p.age <= 40) AS age_le_40,
        count(p.person_key) FILTER (WHERE p.minority) AS minority,
        count(p.person_key) FILTER (WHERE p.party_member) AS party_members,
        count(p.person_key) FILTER (WHERE p.reelected) AS reelected,
        count(p.person_key) FILTER (WHERE p.cross_serving) AS cross_serving,
        count(p.age) AS avg_age
    FROM skeleton AS k
    LEFT JOIN scope_persons AS p
        ON p.term = k.term AND p.scope = k.scope AND p.scope_id = k.scope_id AND p.body = k.body
    GROUP BY k.term, k.scope, k.scope_id, k.body
),
long AS (
    UNPIVOT agg
    ON members, secretaries, deputy_secretaries, chairs, vice_chairs, college_plus, women,
       age_le_35, age_le_40, minority, party_members, reelected, cross_serving, avg_age
    INTO NAME metric VALUE count
),
current AS (
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
        CASE WHEN metric = 'reelected' AND t.prev_term IS NULL THEN NULL ELSE count END AS count,
        base,
        age_sum,
        CASE
            WHEN metric = 'reelected' AND t.prev_term IS NULL THEN NULL
            WHEN metric = 'avg_age' THEN mean_age
            WHEN metric IN ('members', 'secretaries', 'deputy_secretaries', 'chairs', 'vice_chairs')
                THEN count::DOUBLE
            WHEN base > 0 THEN (100 * count)::DOUBLE / base
        END AS value
    FROM long
    JOIN stg_metrics_terms AS t USING (term)
    WHERE NOT (body = 'party' AND metric IN ('chairs', 'vice_chairs'))
      AND NOT (body = 'committee' AND metric IN ('secretaries', 'deputy_secretaries'))
)
SELECT
    c.term::INTEGER AS term,
    c.scope::VARCHAR AS scope,
    c.scope_id::VARCHAR AS scope_id,
    c.body::VARCHAR AS body,
    c.metric::VARCHAR AS metric,
    c.count::BIGINT AS count,
    c.base::BIGINT AS base,
    c.value::DOUBLE AS value,
    p.count::BIGINT AS prev_count,
    p.value::DOUBLE AS prev_value,
    (CASE
        WHEN c.kind = 'share' AND c.base > 0 AND p.base > 0
            THEN (100 * (c.count * p.base - p.count * c.base))::DOUBLE / (c.base * p.base)
        WHEN c.kind = 'mean' AND c.count > 0 AND p.count > 0
            THEN (c.age_sum * p.count - p.age_sum * c.count)::DOUBLE / (c.count * p.count)
        ELSE c.value - p.value
    END)::DOUBLE AS delta,
    (CASE
        WHEN p.value = 0 THEN NULL
        WHEN c.kind = 'share' AND c.base > 0 AND p.base > 0
            THEN (100 * (c.count * p.base - p.count * c.base))::DOUBLE / (p.count * c.base)
        WHEN c.kind = 'count' THEN (100 * (c.count - p.count))::DOUBLE / p.count
        WHEN c.kind = 'mean' AND c.count > 0 AND p.count > 0
            THEN (100 * (c.age_sum * p.count - p.age_sum * c.count))::DOUBLE / (p.age_sum * c.count)
        ELSE 100 * (c.value - p.value) / p.value
    END)::DOUBLE AS change_pct,
    (CASE WHEN p.count <> 0 THEN (100 * (c.count - p.count))::DOUBLE / p.count END)::DOUBLE
        AS count_change_pct
FROM current AS c
JOIN stg_metrics_terms AS t ON t.term = c.term
LEFT JOIN current AS p
    ON p.term = t.prev_term
   AND p.scope = c.scope
   AND p.scope_id = c.scope_id
   AND p.body = c.body
   AND p.metric = c.metric;
