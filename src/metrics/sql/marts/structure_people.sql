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
-- - education: the level itself (int_metrics_persons.education, chosen as its
--   rank is: party row first, then unit_id, source file, source row).
-- - men / women / unknown_gender: persons with gender M / F / NULL.
-- Counted additively, as int_metrics_scope_counts counts: a person of a
-- single unit (multi_unit false) has one row per body, the same in every scope
-- of the unit, so those rows are counted per unit and the unit's counts added
-- into its scopes; only persons of several units are made distinct per scope
-- (on person_no; the smallest unit_id is the smallest unit_no).
-- Source: int_metrics_persons, int_metrics_unit_scopes.
CREATE OR REPLACE TABLE structure_people AS
WITH scopes AS (
    SELECT unit_no, scope, scope_id FROM int_metrics_unit_scopes WHERE scope <> 'unit'
),
-- persons of a single unit, counted per unit and kind of person
unit_counts AS (
    SELECT term, body, unit_no, age, gender, education, count(*) AS persons
    FROM int_metrics_persons
    WHERE NOT multi_unit
    GROUP BY term, body, unit_no, age, gender, education
),
-- persons of several units, once per scope
multi_persons AS (
    SELECT p.term, p.body, s.scope, s.scope_id,
        first_known(p.age, p.unit_no) AS age,
        any_value(p.gender) AS gender,
        any_value(p.education) AS education
    FROM int_metrics_persons AS p
    JOIN scopes AS s USING (unit_no)
    WHERE p.multi_unit
    GROUP BY p.term, p.body, s.scope, s.scope_id, p.person_no
),
persons AS (
    SELECT u.term, u.body, s.scope, s.scope_id, u.age, u.gender, u.education, u.persons
    FROM unit_counts AS u
    JOIN scopes AS s USING (unit_no)
    UNION ALL
    SELECT term, body, scope, scope_id, age, gender, education, 1 AS persons
    FROM multi_persons
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
    SELECT term, body, scope, scope_id, 'age_band' AS dimension, age_band AS category, gender, persons FROM banded
    UNION ALL
    SELECT term, body, scope, scope_id, 'education', coalesce(education, 'unknown'), gender, persons FROM banded
)
SELECT
    term::INTEGER AS term,
    body,
    scope,
    scope_id,
    dimension,
    category,
    coalesce(sum(persons) FILTER (WHERE gender = 'M'), 0)::INTEGER AS men,
    coalesce(sum(persons) FILTER (WHERE gender = 'F'), 0)::INTEGER AS women,
    coalesce(sum(persons) FILTER (WHERE gender IS NULL), 0)::INTEGER AS unknown_gender
FROM categorised
GROUP BY term, body, scope, scope_id, dimension, category;
