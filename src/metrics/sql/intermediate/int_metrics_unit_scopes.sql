-- int_metrics_unit_scopes: the scopes every unit rolls up to, from the
-- warehouse's own level (params.level, scope_id = params.dataset) down through
-- the levels of unit_levels (county, city, province: scope_id = the name there),
-- its township, and itself (scope_id = unit_id). A county warehouse has the
-- scopes county, township and unit (unit_levels is empty).
-- A level without a name for a unit is skipped (counties combined straight into
-- a province have no city): no scope row, and the parent is the nearest named
-- level above.
-- parent_scope, parent_id: the nearest scope above that contains this one (the
-- ranking group of progress); NULL for the warehouse's own level.
-- unit_no: the unit's integer key (stg_metrics_unit_keys), for joins.
-- Grain: one row per (unit_id, scope). Units: the units file, plus any unit
-- of the roster missing from it (the ingest rejects those; kept for safety).
-- Source: stg_metrics_units, int_metrics_persons, stg_metrics_unit_keys, unit_levels, params.
CREATE OR REPLACE TABLE int_metrics_unit_scopes AS
WITH all_units AS (
    SELECT unit_id, township FROM stg_metrics_units
    UNION
    SELECT unit_id, township FROM int_metrics_persons
    WHERE unit_id NOT IN (SELECT unit_id FROM stg_metrics_units)
),
-- each unit's name at every level; the warehouse's own level is the dataset
named AS (
    SELECT
        a.unit_id,
        k.unit_no,
        a.township,
        p.level,
        CASE WHEN p.level = 'county' THEN p.dataset ELSE l.county END AS county,
        CASE WHEN p.level = 'city' THEN p.dataset ELSE l.city END AS city,
        CASE WHEN p.level = 'province' THEN p.dataset ELSE l.province END AS province,
        CASE WHEN p.level = 'nation' THEN p.dataset END AS nation
    FROM all_units AS a
    CROSS JOIN params AS p
    LEFT JOIN unit_levels AS l ON l.unit_id = a.unit_id
    JOIN stg_metrics_unit_keys AS k ON k.unit_id = a.unit_id
)
SELECT unit_id, 'nation' AS scope, nation AS scope_id, NULL::VARCHAR AS parent_scope, NULL::VARCHAR AS parent_id, unit_no
FROM named WHERE nation IS NOT NULL
UNION ALL
SELECT unit_id, 'province', province, CASE WHEN nation IS NOT NULL THEN 'nation' END, nation, unit_no
FROM named WHERE province IS NOT NULL
UNION ALL
SELECT
    unit_id, 'city', city,
    CASE WHEN province IS NOT NULL THEN 'province' WHEN nation IS NOT NULL THEN 'nation' END,
    coalesce(province, nation),
    unit_no
FROM named WHERE city IS NOT NULL
UNION ALL
SELECT
    unit_id, 'county', county,
    CASE WHEN city IS NOT NULL THEN 'city' WHEN province IS NOT NULL THEN 'province' WHEN nation IS NOT NULL THEN 'nation' END,
    coalesce(city, province, nation),
    unit_no
FROM named
UNION ALL
SELECT unit_id, 'township', township, 'county', county, unit_no FROM named
UNION ALL
SELECT unit_id, 'unit', unit_id, 'township', township, unit_no FROM named;
