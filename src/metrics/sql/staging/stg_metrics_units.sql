-- stg_metrics_units: every unit of the units file. Grain: one row per unit_id.
-- Source: `units`.
CREATE OR REPLACE TABLE stg_metrics_units AS
SELECT unit_id, township, unit, unit_type
FROM units;
