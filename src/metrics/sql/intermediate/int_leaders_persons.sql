-- int_leaders_persons: the persons holding a leading role in a unit (头雁;
-- metrics.md "Leaders' profile"). Grain: one row per (term, unit_id, role,
-- person_key), role
--   secretary    : `secretary` of the unit's party body,
--   chair        : `chair` of the unit's committee body,
--   one_shoulder : both, in the same unit.
-- (第一书记 never reaches the roster: ingest leaves such rows out.)
-- Attributes and age are those of body `both` in int_metrics_persons (the
-- party row wins; the party membership's age). reelected: the person held
-- the same role in the same unit in the previous term; NULL in a term
-- without a previous term (it cannot be known there).
-- Units and persons are grouped and joined on their integer keys (unit_no, person_no).
-- Source: int_metrics_persons, stg_metrics_terms.
CREATE OR REPLACE TABLE int_leaders_persons AS
WITH unit_roles AS (
    SELECT
        term,
        unit_no,
        person_no,
        any_value(unit_id) AS unit_id,
        any_value(person_key) AS person_key,
        bool_or(body = 'party' AND list_contains(positions, 'secretary')) AS is_secretary,
        bool_or(body = 'committee' AND list_contains(positions, 'chair')) AS is_chair
    FROM int_metrics_persons
    WHERE body IN ('party', 'committee')
    GROUP BY term, unit_no, person_no
),
roles AS (
    SELECT u.term, u.unit_id, u.unit_no, r.role, u.person_key, u.person_no
    FROM unit_roles AS u
    JOIN (VALUES ('secretary'), ('chair'), ('one_shoulder')) AS r(role)
        ON (r.role = 'secretary' AND u.is_secretary)
        OR (r.role = 'chair' AND u.is_chair)
        OR (r.role = 'one_shoulder' AND u.is_secretary AND u.is_chair)
)
SELECT
    r.term,
    r.unit_id,
    r.unit_no,
    r.role,
    r.person_key,
    r.person_no,
    p.age,
    p.gender,
    p.minority,
    p.education_rank,
    p.college_plus,
    p.party_member,
    CASE WHEN t.prev_term IS NOT NULL THEN q.person_no IS NOT NULL END AS reelected
FROM roles AS r
JOIN int_metrics_persons AS p
    ON p.term = r.term AND p.unit_no = r.unit_no AND p.person_no = r.person_no AND p.body = 'both'
JOIN stg_metrics_terms AS t ON t.term = r.term
LEFT JOIN roles AS q
    ON q.term = t.prev_term AND q.unit_no = r.unit_no AND q.role = r.role AND q.person_no = r.person_no;
