-- int_metrics_unit_scopes: the scopes every unit rolls up to: county
-- (scope_id = params.dataset), its township, itself (scope_id = unit_id).
-- Grain: one row per (unit_id, scope). Units: the units file, plus any unit
-- of the roster missing from it (the ingest rejects those; kept for safety).
-- Source: stg_metrics_units, int_metrics_persons, params.
CREATE OR REPLACE TABLE int_metrics_unit_scopes AS
WITH all_units AS (
    SELECT unit_id, township FROM stg_metrics_units
    UNION
    SELECT unit_id, township FROM int_metrics_persons
    WHERE unit_id NOT IN (SELECT unit_id FROM stg_metrics_units)
)
SELECT unit_id, 'county' AS scope, (SELECT dataset FROM params) AS scope_id FROM all_units
UNION ALL
SELECT unit_id, 'township' AS scope, township AS scope_id FROM all_units
UNION ALL
SELECT unit_id, 'unit' AS scope, unit_id AS scope_id FROM all_units;
