-- int_unit_rosters: what the roster says about each unit's two bodies in a term,
-- for the statutory unit checks.
-- Grain: one row per term × unit (every unit × every term, from
-- int_metrics_unit_terms, including units without roster rows: their counts are 0).
-- Persons are distinct person_keys; a person is a woman when any of their rows
-- of that body says F, of unknown gender when none says F or M.
CREATE OR REPLACE VIEW int_unit_rosters AS
WITH committee_persons AS (
    SELECT
        term,
        unit_id,
        person_key,
        bool_or(gender = 'F') AS is_woman,
        bool_and(gender IS NULL) AS gender_unknown
    FROM members
    WHERE body = 'committee'
    GROUP BY term, unit_id, person_key
),
committee AS (
    SELECT
        term,
        unit_id,
        count(*) AS members,
        count(*) FILTER (WHERE is_woman) AS women,
        count(*) FILTER (WHERE gender_unknown) AS gender_unknown
    FROM committee_persons
    GROUP BY term, unit_id
),
party AS (
    SELECT
        term,
        unit_id,
        count(DISTINCT person_key) AS members,
        count(DISTINCT person_key) FILTER (WHERE position = 'secretary') AS secretaries,
        string_agg(DISTINCT name, '、' ORDER BY name) FILTER (WHERE position = 'secretary') AS secretary_names
    FROM members
    WHERE body = 'party'
    GROUP BY term, unit_id
)
SELECT
    t.term,
    t.unit_id,
    t.township,
    t.unit,
    t.unit_type,
    coalesce(c.members, 0) AS committee_members,
    coalesce(c.women, 0) AS committee_women,
    coalesce(c.gender_unknown, 0) AS committee_gender_unknown,
    coalesce(p.members, 0) AS party_members,
    coalesce(p.secretaries, 0) AS party_secretaries,
    p.secretary_names
FROM int_metrics_unit_terms AS t
LEFT JOIN committee AS c ON c.term = t.term AND c.unit_id = t.unit_id
LEFT JOIN party AS p ON p.term = t.term AND p.unit_id = t.unit_id;
