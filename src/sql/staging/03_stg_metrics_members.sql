-- stg_metrics_members: roster memberships with the attributes the metrics
-- test, normalised. Grain: one row per membership (term, unit, body,
-- position, person), as `members`.
-- minority: ethnicity known and not 汉族 (NULL when unknown);
-- education_rank / college_plus from the level (NULL when unknown).
-- Source: `members`.
CREATE OR REPLACE TABLE stg_metrics_members AS
SELECT
    m.term,
    m.unit_id,
    m.township,
    m.body,
    m.position,
    m.person_key,
    m.gender,
    CASE
        WHEN nullif(trim(m.ethnicity), '') IS NULL THEN NULL
        ELSE trim(m.ethnicity) NOT IN ('汉族', '汉')
    END AS minority,
    m.age,
    e.rank AS education_rank,
    e.college_plus,
    m.party_member,
    m.source_file,
    m.source_row
FROM members AS m
LEFT JOIN stg_metrics_education_levels AS e ON e.level = m.education;
