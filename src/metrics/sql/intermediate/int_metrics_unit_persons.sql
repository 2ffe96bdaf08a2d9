-- int_metrics_unit_persons: a person's memberships in one unit in a term, both
-- bodies side by side, from which int_metrics_persons makes one row per body.
-- - in_party, in_committee: a membership of the body;
-- - party_township, committee_township: the body's first row's township (in
--   stg_metrics_members.row_order: source_file, source_row);
-- - party_mask, committee_mask: the positions held in the body as a bit mask
--   (bit i: the i-th position code in sorted order);
-- - party_age, committee_age: the body's first row with a known age.
-- A table of its own, not a CTE of int_metrics_persons: at national size
-- (15 M rows) the aggregation and the joins after it in one statement ran out
-- of a 2 GB memory limit, each alone does not.
-- Grain: one row per (term, unit_no, person_no).
-- Source: stg_metrics_members.
CREATE OR REPLACE TABLE int_metrics_unit_persons AS
WITH position_bits AS (
    SELECT
        *,
        CASE position
            WHEN 'chair' THEN 1
            WHEN 'deputy_secretary' THEN 2
            WHEN 'member' THEN 4
            WHEN 'secretary' THEN 8
            WHEN 'vice_chair' THEN 16
            ELSE error('int_metrics_unit_persons: unknown position ' || position)
        END AS position_bit
    FROM stg_metrics_members
)
SELECT
    term,
    unit_no,
    person_no,
    bool_or(body = 'party') AS in_party,
    bool_or(body = 'committee') AS in_committee,
    arg_min(township, row_order) FILTER (WHERE body = 'party') AS party_township,
    arg_min(township, row_order) FILTER (WHERE body = 'committee') AS committee_township,
    bit_or(position_bit) FILTER (WHERE body = 'party') AS party_mask,
    bit_or(position_bit) FILTER (WHERE body = 'committee') AS committee_mask,
    arg_min(age, row_order) FILTER (WHERE body = 'party' AND age IS NOT NULL) AS party_age,
    arg_min(age, row_order) FILTER (WHERE body = 'committee' AND age IS NOT NULL) AS committee_age
FROM position_bits
GROUP BY term, unit_no, person_no;
