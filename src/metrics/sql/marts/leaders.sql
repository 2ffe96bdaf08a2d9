-- leaders: the leaders' profile (头雁) of metrics.md with its change against
-- the previous term. Grain: one row per (term, scope, scope_id, role, metric).
-- - scopes: every scope of int_metrics_unit_scopes (county, township, unit;
--   a level added there gets its rows here); roles secretary, chair,
--   one_shoulder (int_leaders_persons).
-- - Every term × scope × role gets its rows, also without leaders: then
--   base = 0, counts 0, shares and avg_age NULL, as in `structure`.
-- - base = distinct persons holding the role in the scope (a person holding
--   it in two units of a township counts once there, with the age of the
--   smallest unit_id that has one; reelected when reelected in any).
-- - metrics: members (count = value), avg_age (count: persons with a known
--   age, value their mean age), shares % of base: age_le_35, age_le_40,
--   college_plus, high_school_plus (education rank ≥ 3: senior, vocational
--   or higher), women, minority, party_members (role chair only), reelected
--   (count and value NULL in a term without a previous term). Unknown
--   attributes count as not matching.
-- - prev_count, prev_value: the same row in the previous term; delta =
--   value − prev_value (metric_value / metric_delta of
--   sql/macros/).
-- Source: int_leaders_persons, int_metrics_unit_scopes, scope_grid (stg_metrics_terms × int_metrics_unit_scopes).
CREATE OR REPLACE TABLE leaders AS
WITH scoped_persons AS (
    SELECT
        p.term,
        s.scope,
        s.scope_id,
        p.role,
        p.person_no,
        first_known(p.age, p.unit_no) AS age,
        any_value(p.gender) AS gender,
        any_value(p.minority) AS minority,
        any_value(p.education_rank) AS education_rank,
        any_value(p.college_plus) AS college_plus,
        any_value(p.party_member) AS party_member,
        bool_or(p.reelected) AS reelected
    FROM int_leaders_persons AS p
    JOIN int_metrics_unit_scopes AS s USING (unit_no)
    GROUP BY p.term, s.scope, s.scope_id, p.role, p.person_no
),
counts AS (
    SELECT
        term,
        scope,
        scope_id,
        role,
        count(*) AS base,
        sum(age) AS age_sum,
        count(age) AS age_known,
        count(*) FILTER (WHERE age <= 35) AS age_le_35,
        count(*) FILTER (WHERE age <= 40) AS age_le_40,
        count(*) FILTER (WHERE college_plus) AS college_plus,
        count(*) FILTER (WHERE education_rank >= 3) AS high_school_plus,
        count(*) FILTER (WHERE gender = 'F') AS women,
        count(*) FILTER (WHERE minority) AS minority,
        count(*) FILTER (WHERE party_member) AS party_members,
        count(*) FILTER (WHERE reelected) AS reelected
    FROM scoped_persons
    GROUP BY term, scope, scope_id, role
),
agg AS (
    SELECT
        g.term,
        g.prev_term,
        g.scope,
        g.scope_id,
        g.grp AS role,
        coalesce(c.base, 0) AS base,
        c.age_sum,
        mean_age(c.age_sum, c.age_known) AS mean_age,
        coalesce(c.base, 0) AS members,
        coalesce(c.age_known, 0) AS avg_age,
        -- every count of the scope (0 where none was counted), by its own name
        coalesce(COLUMNS(c.* EXCLUDE (term, scope, scope_id, role, base, age_sum, age_known, reelected)), 0),
        CASE WHEN g.prev_term IS NOT NULL THEN coalesce(c.reelected, 0) END AS reelected
    FROM scope_grid(['secretary', 'chair', 'one_shoulder']) AS g
    LEFT JOIN counts AS c
        ON c.term = g.term AND c.scope = g.scope AND c.scope_id = g.scope_id AND c.role = g.grp
),
long AS (
    SELECT c.term, c.scope, c.scope_id, c.role, m.metric, m.n, m.p_n,
        c.base, c.age_sum, c.mean_age, p.base AS p_base, p.age_sum AS p_age_sum, p.mean_age AS p_mean_age,
        CASE
            WHEN m.metric = 'avg_age' THEN 'mean'
            WHEN m.metric = 'members' THEN 'count'
            ELSE 'share'
        END AS kind
    FROM agg AS c
    LEFT JOIN agg AS p
        ON p.term = c.prev_term AND p.scope = c.scope AND p.scope_id = c.scope_id AND p.role = c.role
    CROSS JOIN LATERAL (VALUES
        ('members', c.members, p.members),
        ('avg_age', c.avg_age, p.avg_age),
        ('age_le_35', c.age_le_35, p.age_le_35),
        ('age_le_40', c.age_le_40, p.age_le_40),
        ('college_plus', c.college_plus, p.college_plus),
        ('high_school_plus', c.high_school_plus, p.high_school_plus),
        ('women', c.women, p.women),
        ('minority', c.minority, p.minority),
        ('party_members', c.party_members, p.party_members),
        ('reelected', c.reelected, p.reelected)
    ) AS m(metric, n, p_n)
    WHERE m.metric <> 'party_members' OR c.role = 'chair'
),
valued AS (
    SELECT
        *,
        metric_value(kind, n, base, mean_age) AS value,
        metric_value(kind, p_n, p_base, p_mean_age) AS p_value
    FROM long
)
SELECT
    term::INTEGER AS term,
    scope::VARCHAR AS scope,
    scope_id::VARCHAR AS scope_id,
    role::VARCHAR AS role,
    metric::VARCHAR AS metric,
    n::BIGINT AS count,
    base::BIGINT AS base,
    value::DOUBLE AS value,
    p_n::BIGINT AS prev_count,
    p_value::DOUBLE AS prev_value,
    metric_delta(kind, n, base, age_sum, value, p_n, p_base, p_age_sum, p_value)::DOUBLE AS delta
FROM valued;
