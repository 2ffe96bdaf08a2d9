-- structure_people: persons (men, women, gender unknown) by age band and by
-- education level, for the structure page's age pyramid and education
-- ladder. Counts only, no person.
-- A row per term, body, scope, dimension and category with persons,
-- every scope above unit of int_metrics_unit_scopes; body party,
-- committee and both; dimension `age_band` (category le30, 31-35, 36-40 …
-- 56-60, gt60, unknown) or `education` (category an education level or
-- unknown). Only categories with at least one person have a row.
-- - Persons as the structure metrics count them (int_metrics_persons: the
--   party row's attributes, party age for "both"); a person in two units of a
--   scope once, with the age of the membership of the smallest unit_id that
--   has one.
-- - education: the level itself, chosen like int_metrics_persons chooses its
--   rank (party row first, then unit_id, source file, source row).
-- - men / women / unknown_gender: persons with gender M / F / NULL.
-- Persons are grouped per scope on their integer keys (int_metrics_persons.person_no;
-- the smallest unit_id is the smallest unit_no).
-- Source: int_metrics_persons, members, int_metrics_unit_scopes.
CREATE OR REPLACE TABLE structure_people AS
WITH levels AS (
    SELECT term, person_key,
        first(education ORDER BY body <> 'party', unit_id, source_file, source_row)
            FILTER (WHERE education IS NOT NULL) AS education
    FROM members
    GROUP BY term, person_key
),
scoped AS (
    SELECT p.*, s.scope, s.scope_id
    FROM int_metrics_persons AS p
    JOIN int_metrics_unit_scopes AS s ON s.unit_no = p.unit_no AND s.scope <> 'unit'
),
scoped_persons AS (
    SELECT s.term, s.body, s.scope, s.scope_id, s.person_no,
        any_value(s.person_key) AS person_key,
        arg_min(s.age, s.unit_no) FILTER (WHERE s.age IS NOT NULL) AS age,
        any_value(s.gender) AS gender
    FROM scoped AS s
    GROUP BY s.term, s.body, s.scope, s.scope_id, s.person_no
),
persons AS (
    SELECT p.*, l.education
    FROM scoped_persons AS p
    LEFT JOIN levels AS l USING (term, person_key)
),
banded AS (
    SELECT *,
        CASE
            WHEN age IS NULL THEN 'unknown'
            WHEN age <= 30 THEN 'le30'
            WHEN age > 60 THEN 'gt60'
            ELSE (((age - 31) // 5) * 5 + 31)::VARCHAR || '-' || (((age - 31) // 5) * 5 + 35)::VARCHAR
        END AS age_band
    FROM persons
),
categorised AS (
    SELECT term, body, scope, scope_id, 'age_band' AS dimension, age_band AS category, gender FROM banded
    UNION ALL
    SELECT term, body, scope, scope_id, 'education', coalesce(education, 'unknown'), gender FROM banded
)
SELECT
    term::INTEGER AS term,
    body,
    scope,
    scope_id,
    dimension,
    category,
    count(*) FILTER (WHERE gender = 'M')::INTEGER AS men,
    count(*) FILTER (WHERE gender = 'F')::INTEGER AS women,
    count(*) FILTER (WHERE gender IS NULL)::INTEGER AS unknown_gender
FROM categorised
GROUP BY term, body, scope, scope_id, dimension, category;
