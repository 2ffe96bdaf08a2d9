-- int_metrics_unit_terms: every unit of the units file in every term, with
-- what its roster holds. Grain: one row per (term, unit_id); units without
-- roster rows in a term are present with has_party = has_committee = false.
-- one_shoulder: the party secretary is also the committee chair (same
-- person_key); NULL unless both bodies have roster rows in the term.
-- unit_no: the unit's integer key (stg_metrics_unit_keys), on which the roster is grouped and joined.
-- Source: stg_metrics_terms, stg_metrics_units, stg_metrics_unit_keys, int_metrics_persons.
CREATE OR REPLACE TABLE int_metrics_unit_terms AS
WITH roster AS (
    SELECT
        term,
        unit_no,
        bool_or(body = 'party') AS has_party,
        bool_or(body = 'committee') AS has_committee,
        bool_or(
            body = 'both'
            AND list_contains(positions, 'secretary')
            AND list_contains(positions, 'chair')
        ) AS same_person
    FROM int_metrics_persons
    GROUP BY term, unit_no
)
SELECT
    t.term,
    u.unit_id,
    k.unit_no,
    u.township,
    u.unit,
    u.unit_type,
    coalesce(r.has_party, false) AS has_party,
    coalesce(r.has_committee, false) AS has_committee,
    CASE WHEN r.has_party AND r.has_committee THEN r.same_person END AS one_shoulder
FROM stg_metrics_terms AS t
CROSS JOIN stg_metrics_units AS u
JOIN stg_metrics_unit_keys AS k ON k.unit_id = u.unit_id
LEFT JOIN roster AS r ON r.term = t.term AND r.unit_no = k.unit_no;
