-- election_summary: turnout, first-round success and competition per scope
-- and body (metrics.md "Election summary"). Grain: one row per (term, scope,
-- scope_id, body): every term × every scope above unit of
-- int_metrics_unit_scopes (county, township; a level added there gets its
-- rows here) × body party, committee; also without elections (then counts 0,
-- rates NULL).
-- - units_elected: units with at least one election of the body (any round);
-- - units_first_round: of those, units with no election of round ≥ 2 and
--   whose every round-1 election has elected ≥ seats (a unit with only
--   round-2 rows is not a first-round success);
-- - entitled, cast: summed over units, from one round-1 election per unit and
--   body: the largest entitled; ties: office 委员, then 主任, 书记, 副主任,
--   副书记, then any other office by name;
-- - elections: round-1 elections; competitive: those with candidates > seats;
-- - first_round_rate, turnout, competitive_rate: × 100, NULL when the
--   denominator is 0.
-- Terms: those of stg_metrics_terms and of the tallies.
-- Source: stg_elections, int_metrics_unit_scopes, stg_metrics_terms.
CREATE OR REPLACE TABLE election_summary AS
WITH counted AS (
    -- per unit and body, the round-1 election whose entitled and cast are summed
    SELECT
        term,
        unit_id,
        body,
        entitled,
        "cast",
        row_number() OVER (
            PARTITION BY term, unit_id, body
            ORDER BY entitled DESC, coalesce(list_position(['委员', '主任', '书记', '副主任', '副书记'], office), 6), office
        ) AS pick
    FROM stg_elections
    WHERE round = 1
),
unit_bodies AS (
    SELECT
        e.term,
        e.unit_id,
        e.body,
        NOT bool_or(e.round >= 2)
            AND coalesce(bool_and(e.elected >= e.seats) FILTER (WHERE e.round = 1), false) AS first_round,
        count(*) FILTER (WHERE e.round = 1) AS elections,
        count(*) FILTER (WHERE e.round = 1 AND e.candidates > e.seats) AS competitive
    FROM stg_elections AS e
    GROUP BY e.term, e.unit_id, e.body
),
scoped AS (
    SELECT
        u.term,
        s.scope,
        s.scope_id,
        u.body,
        count(*) AS units_elected,
        count(*) FILTER (WHERE u.first_round) AS units_first_round,
        sum(c.entitled) AS entitled,
        sum(c."cast") AS "cast",
        sum(u.elections) AS elections,
        sum(u.competitive) AS competitive
    FROM unit_bodies AS u
    JOIN int_metrics_unit_scopes AS s ON s.unit_id = u.unit_id AND s.scope <> 'unit'
    LEFT JOIN counted AS c ON c.term = u.term AND c.unit_id = u.unit_id AND c.body = u.body AND c.pick = 1
    GROUP BY u.term, s.scope, s.scope_id, u.body
),
grid AS (
    SELECT
        t.term,
        s.scope,
        s.scope_id,
        b.body,
        coalesce(x.units_elected, 0) AS units_elected,
        coalesce(x.units_first_round, 0) AS units_first_round,
        coalesce(x.entitled, 0) AS entitled,
        coalesce(x."cast", 0) AS "cast",
        coalesce(x.elections, 0) AS elections,
        coalesce(x.competitive, 0) AS competitive
    FROM (SELECT term FROM stg_metrics_terms UNION SELECT term FROM stg_elections) AS t
    CROSS JOIN (SELECT DISTINCT scope, scope_id FROM int_metrics_unit_scopes WHERE scope <> 'unit') AS s
    CROSS JOIN (VALUES ('party'), ('committee')) AS b(body)
    LEFT JOIN scoped AS x ON x.term = t.term AND x.scope = s.scope AND x.scope_id = s.scope_id AND x.body = b.body
)
SELECT
    term::INTEGER AS term,
    scope::VARCHAR AS scope,
    scope_id::VARCHAR AS scope_id,
    body::VARCHAR AS body,
    units_elected::BIGINT AS units_elected,
    units_first_round::BIGINT AS units_first_round,
    (CASE WHEN units_elected > 0 THEN (100 * units_first_round)::DOUBLE / units_elected END)::DOUBLE
        AS first_round_rate,
    entitled::BIGINT AS entitled,
    "cast"::BIGINT AS "cast",
    (CASE WHEN entitled > 0 THEN (100 * "cast")::DOUBLE / entitled END)::DOUBLE AS turnout,
    elections::BIGINT AS elections,
    competitive::BIGINT AS competitive,
    (CASE WHEN elections > 0 THEN (100 * competitive)::DOUBLE / elections END)::DOUBLE AS competitive_rate
FROM grid;
