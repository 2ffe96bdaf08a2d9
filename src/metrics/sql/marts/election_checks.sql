-- election_checks (metrics/election_checks.parquet): the statutory validity
-- checks of every election in the vote tallies (metrics.md, Election checks).
-- One row per election and check.
-- Every election gets every check; a check that does not apply to the election's
-- body, office or round, or whose data is missing, is `not_applicable` with a
-- message saying why. Candidate-level rules (winner_majority, revote_one_third,
-- elected_flag_consistent, the vote cap in ballots_consistent) give ONE row per
-- check; a failure lists every failing candidate with the numbers, separated by ';'.
-- Winner rules with no candidate marked elected are `not_applicable` (无当选人).
-- Thresholds: 超过/过半数 are strict (exactly half or exactly four fifths fails);
-- revote_one_third and competitive_20pct are inclusive (≥).
-- Each election is crossed with the nine check names and one CASE on the name
-- judges the row: a row's status and message are built for its own check and
-- branch only (no struct per check per election unpivoted into rows).
CREATE OR REPLACE TABLE election_checks AS
WITH winners AS (
    -- winner_result: the winner rule of the election's body and round (int_election_ballots)
    -- over its elected candidates, the result of winner_majority or revote_one_third,
    -- whichever applies (the other is not_applicable)
    SELECT
        *,
        CASE
            WHEN marked_elected = 0
                THEN {'status': 'not_applicable', 'message': '无当选人'}
            WHEN winner_failures IS NOT NULL
                THEN {'status': 'failed', 'message': winner_failures}
            WHEN body = 'party'
                THEN {'status': 'passed', 'message': format('当选{}人,最低得票{}票,超过应到会人数{}人的一半',
                    marked_elected, min_elected_votes, entitled)}
            WHEN body = 'committee' AND round >= 2
                THEN {'status': 'passed', 'message': format('当选{}人,最低得票{}票,不少于参加投票人数{}人的三分之一',
                    marked_elected, min_elected_votes, "cast")}
            ELSE {'status': 'passed', 'message': format('当选{}人,最低得票{}票,超过参加投票人数{}人的一半',
                marked_elected, min_elected_votes, "cast")}
        END AS winner_result
    FROM int_election_facts
),
judged AS (
    SELECT
        w.*,
        c."check",
        CASE c."check"
            WHEN 'ballots_consistent' THEN CASE
                WHEN "cast" > entitled
                    OR ballots_returned > ballots_issued
                    OR valid_ballots > "cast"
                    OR exceeds_failures IS NOT NULL
                    THEN {
                        'status': 'failed',
                        'message': concat_ws(';',
                            CASE WHEN "cast" > entitled
                                THEN format('实到{}人,超过应到{}人', "cast", entitled) END,
                            CASE WHEN ballots_returned > ballots_issued
                                THEN format('收回选票{}张,超过发出选票{}张', ballots_returned, ballots_issued) END,
                            CASE WHEN valid_ballots > "cast"
                                THEN format('有效票{}张,超过实到{}人', valid_ballots, "cast") END,
                            exceeds_failures)
                    }
                ELSE {
                    'status': 'passed',
                    'message': concat_ws(';',
                        format('实到{}人,未超过应到{}人', "cast", entitled),
                        CASE WHEN valid_ballots IS NOT NULL
                            THEN format('有效票{}张,未超过实到{}人', valid_ballots, "cast") END,
                        CASE WHEN max_votes IS NOT NULL AND valid_ballots IS NOT NULL
                            THEN format('最高得票{}票,未超过有效票{}张', max_votes, valid_ballots)
                            WHEN max_votes IS NOT NULL
                            THEN format('最高得票{}票,未超过实到人数{}人', max_votes, "cast") END,
                        CASE WHEN ballots_issued IS NOT NULL AND ballots_returned IS NOT NULL
                            THEN format('收回选票{}张,未超过发出选票{}张', ballots_returned, ballots_issued)
                            ELSE '未填报发出、收回选票数,未核对' END)
                }
            END
            WHEN 'turnout_majority' THEN CASE
                WHEN body <> 'committee'
                    THEN {'status': 'not_applicable', 'message': '仅适用于村(居)民委员会选举'}
                WHEN "cast"::BIGINT * 2 > entitled
                    THEN {'status': 'passed', 'message': format('参加投票{}人,超过登记选民{}人的一半', "cast", entitled)}
                ELSE {'status': 'failed', 'message': format('参加投票{}人,未超过登记选民{}人的一半', "cast", entitled)}
            END
            WHEN 'quorum_four_fifths' THEN CASE
                WHEN body <> 'party'
                    THEN {'status': 'not_applicable', 'message': '仅适用于党组织选举'}
                WHEN "cast"::BIGINT * 5 > entitled::BIGINT * 4
                    THEN {'status': 'passed', 'message': format('实到{}人,超过应到{}人的五分之四', "cast", entitled)}
                ELSE {'status': 'failed', 'message': format('实到{}人,未超过应到{}人的五分之四', "cast", entitled)}
            END
            WHEN 'winner_majority' THEN CASE
                WHEN body = 'committee' AND round >= 2
                    THEN {'status': 'not_applicable', 'message': format('第{}轮为另行选举,适用三分之一规则', round)}
                ELSE winner_result
            END
            WHEN 'revote_one_third' THEN CASE
                WHEN body <> 'committee'
                    THEN {'status': 'not_applicable', 'message': '仅适用于村(居)民委员会选举'}
                WHEN round < 2
                    THEN {'status': 'not_applicable', 'message': '仅适用于另行选举(第2轮起)'}
                ELSE winner_result
            END
            WHEN 'competitive' THEN CASE
                WHEN body <> 'committee'
                    THEN {'status': 'not_applicable', 'message': '仅适用于村(居)民委员会选举'}
                WHEN candidates > seats
                    THEN {'status': 'passed', 'message': format('候选人{}名,多于应选{}名', candidates, seats)}
                ELSE {'status': 'failed', 'message': format('候选人{}名,未多于应选{}名,不是差额选举', candidates, seats)}
            END
            WHEN 'competitive_20pct' THEN CASE
                WHEN body <> 'party' OR office <> '委员'
                    THEN {'status': 'not_applicable', 'message': '仅适用于党组织委员选举'}
                WHEN candidates <= seats
                    THEN {'status': 'failed', 'message': format('候选人{}名,未多于应选{}名,不是差额选举', candidates, seats)}
                WHEN candidates::BIGINT * 5 >= seats::BIGINT * 6
                    THEN {'status': 'passed', 'message': format('候选人{}名,应选{}名,差额{}名,占应选人数的{}%,不少于20%',
                        candidates, seats, candidates - seats,
                        format('{:.1f}', round((candidates - seats)::DOUBLE * 100 / seats, 1)))}
                ELSE {'status': 'failed', 'message': format('候选人{}名,应选{}名,差额{}名,占应选人数的{}%,少于20%',
                    candidates, seats, candidates - seats,
                    format('{:.1f}', round((candidates - seats)::DOUBLE * 100 / seats, 1)))}
            END
            WHEN 'seats_not_exceeded' THEN CASE
                WHEN elected <= seats
                    THEN {'status': 'passed', 'message': format('当选{}人,未超过应选{}名', elected, seats)}
                ELSE {'status': 'failed', 'message': format('当选{}人,超过应选{}名', elected, seats)}
            END
            WHEN 'elected_flag_consistent' THEN CASE
                WHEN marked_elected = 0
                    THEN {'status': 'not_applicable', 'message': '无标记为当选的候选人'}
                WHEN winner_failures IS NOT NULL
                    THEN {'status': 'failed', 'message': winner_failures}
                ELSE {'status': 'passed', 'message': format('标记当选的{}人均符合本轮当选规则', marked_elected)}
            END
        END AS result
    FROM winners AS w
    CROSS JOIN (VALUES ('ballots_consistent'), ('turnout_majority'), ('quorum_four_fifths'), ('winner_majority'), ('revote_one_third'), ('competitive'), ('competitive_20pct'), ('seats_not_exceeded'), ('elected_flag_consistent')) AS c("check")
)
SELECT
    term::INTEGER AS term,
    unit_id::VARCHAR AS unit_id,
    township::VARCHAR AS township,
    unit::VARCHAR AS unit,
    body::VARCHAR AS body,
    office::VARCHAR AS office,
    round::INTEGER AS round,
    "check"::VARCHAR AS "check",
    result.status::VARCHAR AS status,
    result.message::VARCHAR AS message
FROM judged;
