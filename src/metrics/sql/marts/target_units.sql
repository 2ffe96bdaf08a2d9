-- target_units: every target checked for every applicable unit in every term
-- (metrics.md "Targets").
-- - Units: every unit of the units file whose unit_type matches applies_to
--   (all: every unit), in every term, also without roster rows.
-- - has_data: the unit has roster rows in the term for the target's body
--   (both: either body); for one_shoulder: for both bodies.
-- - actual: the number of distinct persons of the body matching every
--   condition (unknown attribute = not matching), or 1/0 for one_shoulder;
--   NULL when has_data is false.
-- - met: has_data and actual ≥ at_least (one_shoulder: actual = 1); false
--   when has_data is false.
-- Units are joined on their integer key unit_no.
-- Source: stg_metrics_target_rules, int_metrics_unit_terms, int_metrics_persons.
CREATE OR REPLACE TABLE target_units AS
WITH applicable AS (
    SELECT r.*, u.term, u.unit_id, u.unit_no, u.township, u.unit, u.has_party, u.has_committee, u.one_shoulder
    FROM stg_metrics_target_rules AS r
    JOIN int_metrics_unit_terms AS u
        ON r.applies_to = 'all' OR r.applies_to = u.unit_type
),
counted AS (
    SELECT
        a.term,
        a.target_id,
        a.unit_no,
        count(p.person_no) FILTER (
            WHERE (a.gender IS NULL OR p.gender = a.gender)
              AND (a.age_max IS NULL OR p.age <= a.age_max)
              AND (a.age_min IS NULL OR p.age >= a.age_min)
              AND (a.education_min_rank IS NULL OR p.education_rank >= a.education_min_rank)
              AND (a.party_member IS NULL OR p.party_member = a.party_member)
              AND (a.minority IS NULL OR p.minority = a.minority)
              AND (a.positions IS NULL OR list_has_any(p.positions, a.positions))
        ) AS matching
    FROM applicable AS a
    JOIN int_metrics_persons AS p
        ON p.term = a.term AND p.unit_no = a.unit_no AND p.body = a.body
    WHERE a.rule = 'count'
    GROUP BY a.term, a.target_id, a.unit_no
),
measured AS (
    SELECT
        a.term,
        a.target_id,
        a.unit_id,
        a.township,
        a.unit,
        CASE
            WHEN a.rule = 'one_shoulder' THEN a.has_party AND a.has_committee
            WHEN a.body = 'party' THEN a.has_party
            WHEN a.body = 'committee' THEN a.has_committee
            ELSE a.has_party OR a.has_committee
        END AS has_data,
        CASE
            WHEN a.rule = 'one_shoulder' THEN CASE WHEN a.one_shoulder THEN 1 ELSE 0 END
            ELSE coalesce(c.matching, 0)
        END AS actual,
        CASE WHEN a.rule = 'one_shoulder' THEN 1 ELSE a.at_least END AS threshold
    FROM applicable AS a
    LEFT JOIN counted AS c USING (term, target_id, unit_no)
)
SELECT
    term::INTEGER AS term,
    target_id::VARCHAR AS target_id,
    unit_id::VARCHAR AS unit_id,
    township::VARCHAR AS township,
    unit::VARCHAR AS unit,
    (CASE WHEN has_data THEN actual END)::DOUBLE AS actual,
    (has_data AND actual >= threshold)::BOOLEAN AS met,
    has_data::BOOLEAN AS has_data
FROM measured;
