-- int_metrics_persons: the persons the structure metrics and the targets
-- count. Grain: one row per (term, unit_id, body, person_key) with body
-- party, committee or both ("两委": a person of either body, once).
-- - township: the body's first row's (source_file, source_row order); for
--   both the committee's, else the party's;
-- - attributes: int_metrics_person_attributes (the party row wins);
-- - age: the membership's own age (its first row with a known age) for
--   party/committee; for both the party membership's age; either falls back
--   to the other body's age in the same unit when its own is unknown;
-- - positions: the distinct positions held in the body (both: either body),
--   sorted;
-- - reelected: a membership of the same body (both: of either body) in the
--   same unit in the previous term;
-- - cross_serving: memberships in both bodies of this unit in this term;
-- - multi_unit: the person has memberships in more than one unit in the term.
-- unit_no, person_no: the integer keys of unit_id and person_key
-- (stg_metrics_members), on which this and the later models group and join;
-- unit_id and person_key are joined back at the end (stg_metrics_unit_keys,
-- int_metrics_person_attributes), not carried through the grouping.
-- Computed from one row per (term, unit_id, person_key) with each body's
-- values side by side (int_metrics_unit_persons), then one output row per
-- body the person is in, plus both: a list of the person's bodies, unnested
-- (a join with the three bodies on an OR condition, a blockwise nested loop
-- join, ran out of a 2 GB memory limit at national size; the unnest does
-- not). Positions come as bit masks and are turned into their sorted lists at
-- the end.
-- Source: int_metrics_unit_persons, int_metrics_person_attributes, stg_metrics_unit_keys, stg_metrics_terms.
CREATE OR REPLACE TABLE int_metrics_persons AS
WITH position_lists AS (
    SELECT
        mask::INTEGER AS mask,
        list_filter(['chair', 'deputy_secretary', 'member', 'secretary', 'vice_chair'],
            (p, i) -> (mask >> (i - 1)) & 1 = 1) AS positions
    FROM range(32) AS t(mask)
),
with_previous AS (
    SELECT
        u.*,
        coalesce(p.in_party, false) AS was_party,
        coalesce(p.in_committee, false) AS was_committee
    FROM int_metrics_unit_persons AS u
    JOIN stg_metrics_terms AS t ON t.term = u.term
    LEFT JOIN int_metrics_unit_persons AS p
        ON p.term = t.prev_term AND p.unit_no = u.unit_no AND p.person_no = u.person_no
)
SELECT
    u.term,
    k.unit_id,
    u.unit_no,
    CASE u.body
        WHEN 'party' THEN u.party_township
        WHEN 'committee' THEN u.committee_township
        ELSE coalesce(u.committee_township, u.party_township)
    END AS township,
    u.body,
    a.person_key,
    u.person_no,
    l.positions,
    CASE u.body
        WHEN 'committee' THEN coalesce(u.committee_age, u.party_age)
        ELSE coalesce(u.party_age, u.committee_age)
    END AS age,
    a.gender,
    a.minority,
    a.education,
    a.education_rank,
    a.college_plus,
    a.party_member,
    CASE u.body
        WHEN 'party' THEN u.was_party
        WHEN 'committee' THEN u.was_committee
        ELSE u.was_party OR u.was_committee
    END AS reelected,
    u.in_party AND u.in_committee AS cross_serving,
    a.multi_unit
FROM (
    SELECT
        *,
        unnest(list_concat(
            CASE WHEN in_party THEN ['party'] ELSE [] END,
            CASE WHEN in_committee THEN ['committee'] ELSE [] END,
            ['both'])) AS body
    FROM with_previous
) AS u
JOIN stg_metrics_unit_keys AS k ON k.unit_no = u.unit_no
JOIN int_metrics_person_attributes AS a ON a.term = u.term AND a.person_no = u.person_no
JOIN position_lists AS l
    ON l.mask = CASE u.body
        WHEN 'party' THEN u.party_mask
        WHEN 'committee' THEN u.committee_mask
        ELSE coalesce(u.party_mask, 0) | coalesce(u.committee_mask, 0)
    END;
