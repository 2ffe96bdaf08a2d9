-- int_metrics_person_attributes: a person's attributes in a term, the same
-- for every body and unit (metrics.md "Scopes and bodies"): the party-body
-- row wins where rows disagree. Per attribute, the first known value in the
-- order party row first, then unit_id, source_file, source_row (the integer
-- stg_metrics_members.attribute_order); so an attribute the party row leaves
-- unknown is taken from the other row.
-- multi_unit: the person has memberships in more than one unit in the term
-- (the structure metrics count such a person once per scope).
-- Grain: one row per (term, person_key). Source: stg_metrics_members.
CREATE OR REPLACE TABLE int_metrics_person_attributes AS
SELECT
    term,
    person_key,
    arg_min(gender, attribute_order) FILTER (WHERE gender IS NOT NULL) AS gender,
    arg_min(minority, attribute_order) FILTER (WHERE minority IS NOT NULL) AS minority,
    arg_min(education_rank, attribute_order) FILTER (WHERE education_rank IS NOT NULL) AS education_rank,
    arg_min(college_plus, attribute_order) FILTER (WHERE college_plus IS NOT NULL) AS college_plus,
    arg_min(party_member, attribute_order) FILTER (WHERE party_member IS NOT NULL) AS party_member,
    min(unit_id) <> max(unit_id) AS multi_unit
FROM stg_metrics_members
GROUP BY term, person_key;
