-- int_metrics_scope_counts: per scope and body, the counts behind the
-- structure metrics and the unknowns, over the distinct persons of the scope
-- (a person in two units of a township or county counts once there).
-- Grain: one row per (term, scope, scope_id, body) that has at least one
-- person (scopes: int_metrics_unit_scopes; bodies party, committee, both).
-- A person counted in a scope has, over their rows of the scope: a position
-- when any row holds it; the age of the row of the smallest unit_id with a
-- known age; reelected / cross_serving when any row is; the attributes of
-- int_metrics_person_attributes (high_school_plus: education rank ≥ 3,
-- senior or vocational or higher). `*_unknown`: the attribute is unknown (age:
-- in every row of the scope).
-- Counted additively: a person of a single unit (int_metrics_persons.multi_unit
-- false) has one row per body, the same in every scope of the unit, so the
-- unit's counts add up into its township and county; persons of several units
-- are made distinct per scope first (no unit scope needs that: there every
-- person has one row per body).
-- Units and persons are grouped and joined on their integer keys (unit_no,
-- person_no); "smallest unit_id" is the smallest unit_no (same order).
-- Source: int_metrics_persons, int_metrics_unit_scopes.
CREATE OR REPLACE TABLE int_metrics_scope_counts AS
WITH unit_scopes AS (
    SELECT DISTINCT unit_no, scope, scope_id FROM int_metrics_unit_scopes
),
flags AS (
    SELECT
        term,
        unit_no,
        body,
        person_no,
        multi_unit,
        list_contains(positions, 'secretary') AS is_secretary,
        list_contains(positions, 'deputy_secretary') AS is_deputy_secretary,
        list_contains(positions, 'chair') AS is_chair,
        list_contains(positions, 'vice_chair') AS is_vice_chair,
        age,
        gender,
        minority,
        education_rank,
        college_plus,
        party_member,
        reelected,
        cross_serving
    FROM int_metrics_persons
),
-- Persons of several units, once per township / county.
multi_persons AS (
    SELECT
        f.term,
        s.scope,
        s.scope_id,
        f.body,
        f.person_no,
        bool_or(f.is_secretary) AS is_secretary,
        bool_or(f.is_deputy_secretary) AS is_deputy_secretary,
        bool_or(f.is_chair) AS is_chair,
        bool_or(f.is_vice_chair) AS is_vice_chair,
        first_known(f.age, f.unit_no) AS age,
        any_value(f.gender) AS gender,
        any_value(f.minority) AS minority,
        any_value(f.education_rank) AS education_rank,
        any_value(f.college_plus) AS college_plus,
        any_value(f.party_member) AS party_member,
        bool_or(f.reelected) AS reelected,
        bool_or(f.cross_serving) AS cross_serving
    FROM flags AS f
    JOIN unit_scopes AS s USING (unit_no)
    WHERE f.multi_unit AND s.scope <> 'unit'
    GROUP BY f.term, s.scope, s.scope_id, f.body, f.person_no
),
-- Every person row to count: single-unit persons by unit (rolled up below),
-- multi-unit persons already made distinct per township / county.
counted_rows AS (
    SELECT term, unit_no, NULL AS scope, NULL AS scope_id, body, multi_unit, * EXCLUDE (term, unit_no, body, multi_unit, person_no)
    FROM flags
    UNION ALL
    SELECT term, NULL AS unit_no, scope, scope_id, body, true AS multi_unit, * EXCLUDE (term, scope, scope_id, body, person_no)
    FROM multi_persons
),
group_counts AS (
    SELECT
        term,
        unit_no,
        scope,
        scope_id,
        body,
        multi_unit,
        count(*) AS base,
        sum(age) AS age_sum,
        count(age) AS age_known,
        count(*) FILTER (WHERE is_secretary) AS secretaries,
        count(*) FILTER (WHERE is_deputy_secretary) AS deputy_secretaries,
        count(*) FILTER (WHERE is_chair) AS chairs,
        count(*) FILTER (WHERE is_vice_chair) AS vice_chairs,
        count(*) FILTER (WHERE college_plus) AS college_plus,
        count(*) FILTER (WHERE education_rank >= 3) AS high_school_plus,
        count(*) FILTER (WHERE gender = 'F') AS women,
        count(*) FILTER (WHERE age <= 35) AS age_le_35,
        count(*) FILTER (WHERE age <= 40) AS age_le_40,
        count(*) FILTER (WHERE minority) AS minority,
        count(*) FILTER (WHERE party_member) AS party_members,
        count(*) FILTER (WHERE reelected) AS reelected,
        count(*) FILTER (WHERE cross_serving) AS cross_serving,
        count(*) FILTER (WHERE gender IS NULL) AS gender_unknown,
        count(*) FILTER (WHERE minority IS NULL) AS ethnicity_unknown,
        count(*) FILTER (WHERE education_rank IS NULL) AS education_unknown,
        count(*) FILTER (WHERE party_member IS NULL) AS party_unknown
    FROM counted_rows
    GROUP BY term, unit_no, scope, scope_id, body, multi_unit
),
parts AS (
    -- a unit's counts go to the unit (all its persons) and, for single-unit persons, to its township and county
    SELECT g.term, s.scope, s.scope_id, g.body, g.* EXCLUDE (term, unit_no, scope, scope_id, body, multi_unit)
    FROM group_counts AS g
    JOIN unit_scopes AS s USING (unit_no)
    WHERE g.unit_no IS NOT NULL AND (s.scope = 'unit' OR NOT g.multi_unit)
    UNION ALL
    SELECT term, scope, scope_id, body, * EXCLUDE (term, unit_no, scope, scope_id, body, multi_unit)
    FROM group_counts
    WHERE unit_no IS NULL
)
SELECT
    term,
    scope,
    scope_id,
    body,
    sum(base)::BIGINT AS base,
    sum(age_sum)::BIGINT AS age_sum,
    sum(age_known)::BIGINT AS age_known,
    sum(secretaries)::BIGINT AS secretaries,
    sum(deputy_secretaries)::BIGINT AS deputy_secretaries,
    sum(chairs)::BIGINT AS chairs,
    sum(vice_chairs)::BIGINT AS vice_chairs,
    sum(college_plus)::BIGINT AS college_plus,
    sum(high_school_plus)::BIGINT AS high_school_plus,
    sum(women)::BIGINT AS women,
    sum(age_le_35)::BIGINT AS age_le_35,
    sum(age_le_40)::BIGINT AS age_le_40,
    sum(minority)::BIGINT AS minority,
    sum(party_members)::BIGINT AS party_members,
    sum(reelected)::BIGINT AS reelected,
    sum(cross_serving)::BIGINT AS cross_serving,
    sum(gender_unknown)::BIGINT AS gender_unknown,
    sum(ethnicity_unknown)::BIGINT AS ethnicity_unknown,
    sum(education_unknown)::BIGINT AS education_unknown,
    sum(party_unknown)::BIGINT AS party_unknown
FROM parts
GROUP BY term, scope, scope_id, body;
