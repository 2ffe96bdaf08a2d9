-- int_metrics_persons: the persons the structure metrics and the targets
-- count. Grain: one row per (term, unit_id, body, person_key) with body
-- party, committee or both ("两委": a person of either body, once).
-- - attributes: int_metrics_person_attributes (the party row wins);
-- - age: the membership's own age for party/committee; for both the party
--   membership's age; either falls back to the other body's age in the same
--   unit when its own is unknown;
-- - positions: the distinct positions held in the body (both: either body);
-- - reelected: a membership of the same body (both: of either body) in the
--   same unit in the previous term;
-- - cross_serving: memberships in both bodies of this unit in this term.
-- Source: stg_metrics_members, int_metrics_person_attributes, stg_metrics_terms.
CREATE OR REPLACE TABLE int_metrics_persons AS
WITH body_persons AS (
    SELECT
        term,
        unit_id,
        body,
        person_key,
        first(township ORDER BY source_file, source_row) AS township,
        list_sort(list_distinct(list(position))) AS positions,
        first(age ORDER BY source_file, source_row) FILTER (WHERE age IS NOT NULL) AS own_age
    FROM stg_metrics_members
    GROUP BY term, unit_id, body, person_key
),
unit_persons AS (
    SELECT
        term,
        unit_id,
        person_key,
        first(township ORDER BY body) AS township,
        list_sort(list_distinct(flatten(list(positions)))) AS positions,
        bool_or(body = 'party') AND bool_or(body = 'committee') AS cross_serving,
        any_value(own_age) FILTER (WHERE body = 'party') AS party_age,
        any_value(own_age) FILTER (WHERE body = 'committee') AS committee_age
    FROM body_persons
    GROUP BY term, unit_id, person_key
),
previous AS (
    SELECT DISTINCT t.term, m.unit_id, m.body, m.person_key
    FROM stg_metrics_terms AS t
    JOIN stg_metrics_members AS m ON m.term = t.prev_term
),
rows AS (
    SELECT
        b.term,
        b.unit_id,
        b.township,
        b.body,
        b.person_key,
        b.positions,
        CASE b.body
            WHEN 'party' THEN coalesce(u.party_age, u.committee_age)
            ELSE coalesce(u.committee_age, u.party_age)
        END AS age,
        u.cross_serving
    FROM body_persons AS b
    JOIN unit_persons AS u USING (term, unit_id, person_key)
    UNION ALL
    SELECT
        term,
        unit_id,
        township,
        'both' AS body,
        person_key,
        positions,
        coalesce(party_age, committee_age) AS age,
        cross_serving
    FROM unit_persons
)
SELECT
    r.term,
    r.unit_id,
    r.township,
    r.body,
    r.person_key,
    r.positions,
    r.age,
    a.gender,
    a.minority,
    a.education_rank,
    a.college_plus,
    a.party_member,
    EXISTS (
        SELECT 1
        FROM previous AS p
        WHERE p.term = r.term
          AND p.unit_id = r.unit_id
          AND p.person_key = r.person_key
          AND (r.body = 'both' OR p.body = r.body)
    ) AS reelected,
    r.cross_serving
FROM rows AS r
JOIN int_metrics_person_attributes AS a USING (term, person_key);
