-- int_metrics_person_attributes: a person's attributes in a term, the same
-- for every body and unit (metrics.md "Scopes and bodies"): the party-body
-- row wins where rows disagree. Per attribute, the first known value in the
-- order party row first, then unit_id, source_file, source_row (the integer
-- stg_metrics_members.attribute_order); so an attribute the party row leaves
-- unknown is taken from the other row.
-- multi_unit: the person has memberships in more than one unit in the term
-- (the structure metrics count such a person once per scope).
-- Grain: one row per (term, person_key), grouped on its number person_no.
-- Source: stg_metrics_members.
CREATE OR REPLACE TABLE int_metrics_person_attributes AS
SELECT
    term,
    person_no,
    any_value(person_key) AS person_key,
    first_known(gender, attribute_order) AS gender,
    first_known(minority, attribute_order) AS minority,
    first_known(education, attribute_order) AS education,
    first_known(education_rank, attribute_order) AS education_rank,
    first_known(college_plus, attribute_order) AS college_plus,
    first_known(party_member, attribute_order) AS party_member,
    min(unit_no) <> max(unit_no) AS multi_unit
FROM stg_metrics_members
GROUP BY term, person_no;
