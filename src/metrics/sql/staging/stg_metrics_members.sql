-- stg_metrics_members: roster memberships with the attributes the metrics
-- test, normalised. Grain: one row per membership (term, unit, body,
-- position, person), as `members`.
-- minority: ethnicity known and not 汉族 (NULL when unknown);
-- education_rank / college_plus from the level (NULL when unknown).
-- row_order: sorts like (source_file, source_row), the order of the rows in
-- the exports; attribute_order: sorts like (body <> 'party', unit_id,
-- source_file, source_row), the order in which a person's attributes are
-- taken (see int_metrics_person_attributes). Both are integers so that the
-- "first row" aggregates compare numbers, not strings.
-- unit_no, person_no: integer surrogate keys of unit_id (stg_metrics_unit_keys)
-- and person_key (1, 2, … in person_key order), on which the later models
-- group and join; unit_id and person_key are kept for what is written out.
-- Source: `members`, stg_metrics_unit_keys.
CREATE OR REPLACE TABLE stg_metrics_members AS
WITH files AS (
    SELECT source_file, row_number() OVER (ORDER BY source_file) AS file_no
    FROM (SELECT DISTINCT source_file FROM members)
),
person_keys AS (
    SELECT person_key, row_number() OVER (ORDER BY person_key) AS person_no
    FROM (SELECT DISTINCT person_key FROM members)
),
ordered AS (
    SELECT
        m.*,
        -- source_row is an INTEGER (32 bits): shifted to be non-negative, it fits below the file number.
        (f.file_no::HUGEINT << 32) + (m.source_row::BIGINT + 2147483648) AS row_order,
        u.unit_no,
        p.person_no
    FROM members AS m
    JOIN files AS f USING (source_file)
    JOIN stg_metrics_unit_keys AS u USING (unit_id)
    JOIN person_keys AS p USING (person_key)
)
SELECT
    m.term,
    m.unit_id,
    m.unit_no,
    m.township,
    m.body,
    m.position,
    m.person_key,
    m.person_no,
    m.gender,
    CASE
        WHEN nullif(trim(m.ethnicity), '') IS NULL THEN NULL
        ELSE trim(m.ethnicity) NOT IN ('汉族', '汉')
    END AS minority,
    m.age,
    m.education,
    e.rank AS education_rank,
    e.college_plus,
    m.party_member,
    m.source_file,
    m.source_row,
    m.row_order,
    (CASE WHEN m.body = 'party' THEN 0 ELSE 1 END::HUGEINT << 126)
        + (m.unit_no::HUGEINT << 64) + m.row_order AS attribute_order
FROM ordered AS m
LEFT JOIN stg_metrics_education_levels AS e ON e.level = m.education;
