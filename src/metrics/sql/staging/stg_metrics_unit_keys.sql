-- stg_metrics_unit_keys: an integer surrogate key per unit, so that the
-- metric models group and join units on a number rather than on the
-- 12-character unit_id. Grain: one row per unit_id of the units file or the
-- roster (a roster unit missing from the units file is rejected by ingest;
-- numbered anyway). unit_no: 1, 2, … in unit_id order, so ordering by unit_no
-- is ordering by unit_id. Never written out.
-- Source: `units`, `members`.
CREATE OR REPLACE TABLE stg_metrics_unit_keys AS
SELECT unit_id, row_number() OVER (ORDER BY unit_id) AS unit_no
FROM (
    SELECT unit_id FROM units
    UNION
    SELECT unit_id FROM members
);
