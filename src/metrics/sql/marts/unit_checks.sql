-- unit_checks (metrics/unit_checks.parquet): statutory checks of each unit's
-- bodies in a term (metrics.md, Unit checks).
-- Rows: every unit × every term × 3 checks.
--   committee_size      : villagers' committee 3–7 members (村民委员会组织法 art. 6),
--                         residents' committee 5–9 (城市居民委员会组织法 art. 7)
--   committee_has_woman : at least one woman in the committee (unknown gender does not count)
--   party_has_secretary : exactly one party secretary
-- not_applicable when the term's roster has no row of that unit's body.
CREATE OR REPLACE TABLE unit_checks AS
WITH judged AS (
    SELECT
        r.*,
        CASE WHEN unit_type = 'community' THEN '居民委员会' ELSE '村民委员会' END AS committee_label,
        CASE WHEN unit_type = 'community' THEN 5 ELSE 3 END AS size_min,
        CASE WHEN unit_type = 'community' THEN 9 ELSE 7 END AS size_max
    FROM int_unit_rosters AS r
),
checks AS (
    SELECT
        *,
        CASE
            WHEN committee_members = 0
                THEN {'status': 'not_applicable', 'message': format('无{}成员名单', committee_label)}
            WHEN committee_members BETWEEN size_min AND size_max
                THEN {'status': 'passed', 'message': format('{}成员{}人,在{}至{}人之间',
                    committee_label, committee_members, size_min, size_max)}
            WHEN committee_members < size_min
                THEN {'status': 'failed', 'message': format('{}成员{}人,少于{}人',
                    committee_label, committee_members, size_min)}
            ELSE {'status': 'failed', 'message': format('{}成员{}人,多于{}人',
                committee_label, committee_members, size_max)}
        END AS committee_size,
        CASE
            WHEN committee_members = 0
                THEN {'status': 'not_applicable', 'message': format('无{}成员名单', committee_label)}
            ELSE {
                'status': CASE WHEN committee_women >= 1 THEN 'passed' ELSE 'failed' END,
                'message': format('{}成员{}人,其中女性{}人{}', committee_label, committee_members, committee_women,
                    CASE WHEN committee_gender_unknown > 0
                        THEN format(',性别不详{}人', committee_gender_unknown) ELSE '' END)
            }
        END AS committee_has_woman,
        CASE
            WHEN party_members = 0
                THEN {'status': 'not_applicable', 'message': '无党组织成员名单'}
            WHEN party_secretaries = 1
                THEN {'status': 'passed', 'message': format('党组织书记1人({})', secretary_names)}
            WHEN party_secretaries = 0
                THEN {'status': 'failed', 'message': format('党组织成员{}人,无书记,应为1人', party_members)}
            ELSE {'status': 'failed', 'message': format('党组织书记{}人({}),应为1人', party_secretaries, secretary_names)}
        END AS party_has_secretary
    FROM judged
)
SELECT
    term::INTEGER AS term,
    unit_id::VARCHAR AS unit_id,
    township::VARCHAR AS township,
    unit::VARCHAR AS unit,
    "check"::VARCHAR AS "check",
    result.status::VARCHAR AS status,
    result.message::VARCHAR AS message
FROM (
    UNPIVOT (SELECT term, unit_id, township, unit, committee_size, committee_has_woman, party_has_secretary FROM checks)
    ON committee_size, committee_has_woman, party_has_secretary
    INTO NAME "check" VALUE result
);
