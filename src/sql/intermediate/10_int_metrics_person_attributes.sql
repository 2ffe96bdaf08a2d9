-- int_metrics_person_attributes: a person's attributes in a term, the same
-- for every body and unit (metrics.md "Scopes and bodies"): the party-body
-- row wins where rows disagree. Per attribute, the first known value in the
-- order party row first, then unit_id, source_file, source_row; so an
-- attribute the party row leaves unknown is taken from the other row.
-- Grain: one row per (term, person_key). Source: stg_metrics_members.
CREATE OR REPLACE TABLE int_metrics_person_attributes AS
SELECT
    term,
    person_key,
    first(gender ORDER BY body <> 'party', unit_id, source_file, source_row)
        FILTER (WHERE gender IS NOT NULL) AS gender,
    first(minority ORDER BY body <> 'party', unit_id, source_file, source_row)
        FILTER (WHERE minority IS NOT NULL) AS minority,
    first(education_rank ORDER BY body <> 'party', unit_id, source_file, source_row)
        FILTER (WHERE education_rank IS NOT NULL) AS education_rank,
    first(college_plus ORDER BY body <> 'party', unit_id, source_file, source_row)
        FILTER (WHERE college_plus IS NOT NULL) AS college_plus,
    first(party_member ORDER BY body <> 'party', unit_id, source_file, source_row)
        FILTER (WHERE party_member IS NOT NULL) AS party_member
FROM stg_metrics_members
GROUP BY term, person_key;
